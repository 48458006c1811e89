using Great.IntegrationTests.Infrastructure;
using Great.IntegrationTests.ScaleOut;
using Great.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Jobs;

/// <summary>`rebuild-progress`: the nightly verification from the command line, on the demo's SQLite file.</summary>
public class RebuildProgressCommandTests(SqliteDemoFactory app) : IClassFixture<SqliteDemoFactory>
{
    [Fact]
    public async Task Should_recount_progress_from_attendance_and_say_how_many_enrolments_it_corrected()
    {
        var targets = await app.QueryAsync(db => db.Enrollments.Where(e => e.LessonsAttended > 0).OrderBy(e => e.Id).Take(2)
            .Select(e => new { e.Id, e.LessonsAttended, e.HighestLessonAttended }).ToListAsync());
        foreach (var target in targets)
        {
            await app.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Enrollments\" SET \"LessonsAttended\" = 0 WHERE \"Id\" = {target.Id}"));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var (exit, output) = await AppProcesses.RunCommandAsync(app.SqlitePath, "rebuild-progress");
        Assert.True(exit == 0, output);
        Assert.Contains("Progress recounted from attendance: 2 enrolments corrected", output);
        var ids = targets.Select(t => t.Id).ToList();
        Assert.Equal(targets, await app.QueryAsync(db => db.Enrollments.Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.LessonsAttended, e.HighestLessonAttended }).ToListAsync()));

        var (_, again) = await AppProcesses.RunCommandAsync(app.SqlitePath, "rebuild-progress");
        Assert.Contains("Progress recounted from attendance: 0 enrolments corrected", again);
        Assert.Equal(0, await app.QueryAsync(db => EnrollmentProgress.CountDifferingAsync(db)));
    }
}
