using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Rosters;

/// <summary>The roster connections a manager (their region) or an administrator (all) keeps, with how each last went.</summary>
[Authorize(Policy = Operations.ManageRosterConnections)]
public class IndexModel(GreatDbContext db) : PageModel
{
    public sealed record Row(int Id, string Name, string Region, string TimeZone, int Schools, int Following, RosterSyncOutcome? LastOutcome, DateTimeOffset? LastAt);

    public IReadOnlyList<Row> Connections { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Connections = await db.RosterConnections.AsNoTracking().VisibleTo(UserScope.From(User)).OrderBy(c => c.Region.Name).ThenBy(c => c.Name)
            .Select(c => new Row(c.Id, c.Name, c.Region.Name, c.Region.TimeZone, c.Schools.Count, c.Schools.Count(s => s.SyncedFrom != null),
                db.RosterSyncRuns.Where(r => r.ConnectionId == c.Id).OrderByDescending(r => r.StartedAt).Select(r => (RosterSyncOutcome?)r.Outcome).FirstOrDefault(),
                db.RosterSyncRuns.Where(r => r.ConnectionId == c.Id).OrderByDescending(r => r.StartedAt).Select(r => (DateTimeOffset?)r.StartedAt).FirstOrDefault()))
            .ToListAsync();
    }
}
