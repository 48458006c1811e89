using Great.Web.Data;

namespace Great.Web.Jobs;

/// <summary>
/// Nightly, before the full roll-up: every enrolment's kept progress recounted from its attendance marks, and any that
/// differ corrected and reported (a difference means a write went around the save pipeline). The same work as the
/// <c>rebuild-progress</c> command.
/// </summary>
public sealed class ProgressVerificationJob(GreatDbContext db, TimeProvider time, ILogger<ProgressVerificationJob> log)
{
    public async Task<int> RunAsync()
    {
        var started = time.GetTimestamp();
        // One UPDATE statement: it corrects every differing enrolment or none.
        var corrected = await EnrollmentProgress.RebuildAsync(db);
        var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
        if (corrected > 0)
        {
            log.LogWarning("Progress verification corrected {Corrected} enrolments whose kept progress differed from their attendance ({Elapsed} ms)", corrected, elapsed);
        }
        else
        {
            log.LogInformation("Progress verification: every enrolment's kept progress equals its attendance ({Elapsed} ms)", elapsed);
        }
        return corrected;
    }
}
