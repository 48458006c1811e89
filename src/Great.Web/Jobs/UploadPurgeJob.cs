using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Jobs;

/// <summary>Hourly: roster uploads and pulls never confirmed within a day are deleted, with the names they hold.</summary>
public sealed class UploadPurgeJob(GreatDbContext db, TimeProvider time, ILogger<UploadPurgeJob> log)
{
    public async Task<int> RunAsync()
    {
        var before = PendingImport.AbandonedBefore(time.GetUtcNow());
        var purged = await db.PendingImports.Where(p => p.CreatedAt < before).ExecuteDeleteAsync();
        if (purged > 0) log.LogInformation("Purged {Purged} roster uploads left unconfirmed for more than {Hours} hours", purged, PendingImport.KeptFor.TotalHours);
        return purged;
    }
}
