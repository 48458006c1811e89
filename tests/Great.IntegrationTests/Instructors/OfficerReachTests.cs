using Great.IntegrationTests.Infrastructure;
using Great.Web.Domain;
using Great.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Instructors;

/// <summary>An officer's page counts their students as the roll-up does: one rule for reach, whichever page shows it.</summary>
public class OfficerReachTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    [Fact]
    public async Task Should_show_on_the_officers_page_the_students_completed_the_roll_up_counts_without_a_withdrawn_one()
    {
        // A class of the officer's, every lesson taught with everyone there; then one student who completed leaves.
        var classId = await app.NewClassAsync("SV-10101", "ELEM", "5", "OR", officerBadge: "SV-4471", students: 3, startedDaysAgo: 60);
        await app.RecordLessonsAsync(classId, 6);
        await app.QueryAsync(async db =>
        {
            var first = await db.Enrollments.Include(e => e.Class.School.Region).Where(e => e.ClassId == classId).OrderBy(e => e.Id).FirstAsync();
            var today = first.Class.School.Region.Today(app.Time);
            first.Withdraw(today, today);
            return await db.SaveChangesAsync();
        });
        await app.RunAsync<ReachRollupJob>(j => j.RunFullAsync());
        var officerId = await app.QueryAsync(db => db.Instructors.Where(i => i.BadgeNumber == "SV-4471").Select(i => i.Id).SingleAsync());
        var (enrolled, completed) = await app.QueryAsync(async db =>
        {
            var rows = await db.ReachRollups.Where(r => r.Level == RollupLevel.Class && db.Classes.Any(c => c.Id == r.ScopeId && c.InstructorId == officerId)).ToListAsync();
            return (rows.Sum(r => r.StudentsEnrolled), rows.Sum(r => r.StudentsCompleted));
        });
        Assert.Equal(2, await app.QueryAsync(db => db.ReachRollups.Where(r => r.Level == RollupLevel.Class && r.ScopeId == classId).Select(r => r.StudentsCompleted).SingleAsync()));

        var manager = await app.SignedInAsync(DemoAccounts.ManagerSv, "en");
        var page = await manager.GetDocumentAsync($"/Instructors/Details/{officerId}?culture=en");
        Assert.Equal($"{enrolled} enrolled, {completed} completed", page.QuerySelector("#students-reached")!.TextContent.Trim());
    }
}
