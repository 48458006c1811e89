using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Sync;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Jobs;

/// <summary>
/// Pulls the rosters of every connection whose schools follow their source (nightly), or of one connection when a
/// person asks ("Sync now"). Takes ids; safe to run twice and on several nodes at once: a connection's lease lets
/// one run at a time, and a pull applies only what changed since the last one that was applied.
/// </summary>
public sealed class RosterSyncJob(GreatDbContext db, RosterSync sync)
{
    public async Task RunAllAsync()
    {
        var ids = await db.RosterConnections.Where(c => c.Schools.Any(s => s.SyncedFrom != null)).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        foreach (var id in ids)
        {
            await sync.RunAsync(id, RosterSyncTrigger.Scheduled, userId: null, culture: null);
            db.ChangeTracker.Clear();
        }
    }

    public Task RunOneAsync(int connectionId, string? userId, string? culture) =>
        sync.RunAsync(connectionId, RosterSyncTrigger.SyncNow, userId, culture);
}
