using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Pages.Classes;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Schools;

/// <summary>One school and its classes. A school outside the user's scope is 404.</summary>
public class DetailsModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time) : PageModel
{
    public SchoolView School { get; private set; } = null!;
    public IReadOnlyList<ClassSummary> Classes { get; private set; } = [];
    /// <summary>The classes an import just filled, shown first (their ids come in the query, after the import's confirm).</summary>
    public IReadOnlyList<ClassSummary> Imported { get; private set; } = [];

    public sealed record SchoolView(int Id, string Name, string Code, string Municipality, string RegionName);

    /// <summary>The school's roster connection, if it has one, and whether its last sync applied nothing.</summary>
    public sealed record RosterLink(int Id, string Connection, bool Following, bool LastFailed);

    public RosterLink? Roster { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? imported)
    {
        var user = UserScope.From(User);
        var school = await db.Schools.AsNoTracking().VisibleTo(user).Where(s => s.Id == id)
            .Select(s => new SchoolView(s.Id, s.Name, s.Code, s.Municipality, s.Region.Name)).FirstOrDefaultAsync();
        if (school is null) return NotFound();
        School = school;
        Classes = (await ClassSummary.LoadAsync(db, db.Classes.AsNoTracking().VisibleTo(user).Where(c => c.SchoolId == id), curriculum, time))
            .OrderByDescending(c => c.SchoolYear).ThenBy(c => c.Grade).ThenBy(c => c.Section).ToList();
        var importedIds = (imported ?? "").Split(',').Select(v => int.TryParse(v, out var classId) ? classId : 0).ToHashSet();
        Imported = Classes.Where(c => importedIds.Contains(c.Id)).ToList();
        Roster = await db.RosterConnectionSchools.AsNoTracking().VisibleTo(user).Where(s => s.SchoolId == id)
            .Select(s => new RosterLink(s.Id, s.Connection.Name, s.SyncedFrom != null,
                db.RosterSyncRuns.Where(r => r.ConnectionId == s.ConnectionId && (r.SchoolId == null || r.SchoolId == id))
                    .OrderByDescending(r => r.StartedAt).Select(r => r.Outcome).FirstOrDefault() == Domain.RosterSyncOutcome.Failed))
            .FirstOrDefaultAsync();
        return Page();
    }
}
