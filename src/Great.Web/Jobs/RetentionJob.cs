using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Great.Web.Jobs;

/// <summary>
/// Nightly: students whose last class ended more than the kept school years ago lose their name and school ids
/// (<see cref="StudentErasure"/>), in batches, region by region (each its own calendar), skipping schools on hold.
/// Counts never change: the records, enrolments and attendance stay, only the names go.
/// </summary>
public sealed class RetentionJob(GreatDbContext db, TimeProvider time, IOptions<RetentionOptions> options, ILogger<RetentionJob> log)
{
    private const int Batch = 500;

    public async Task<int> RunAsync()
    {
        var policy = options.Value.Policy;
        var reason = $"Retention: {policy.SchoolYearsKept} school years after the last class";
        var removed = 0;
        foreach (var region in await db.Regions.AsNoTracking().ToListAsync())
        {
            var today = region.Today(time);
            while (true)
            {
                var ids = await RetentionSchedule.Due(db, policy, region, today).OrderBy(k => k.StudentId).Select(k => k.StudentId).Take(Batch).ToListAsync();
                if (ids.Count == 0) break;
                var students = await db.Students.Where(s => ids.Contains(s.Id)).ToListAsync();
                await StudentErasure.EraseAsync(db, students, reason, time.GetUtcNow());
                db.ChangeTracker.Clear();
                removed += students.Count;
            }
        }
        if (removed > 0) log.LogInformation("Retention removed the names of {Students} students ({Years} school years after their last class)", removed, policy.SchoolYearsKept);
        return removed;
    }
}
