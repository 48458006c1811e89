using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Imports;
using Great.Web.Resources;
using Great.Web.Security;
using Great.Web.Sync;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Rosters;

/// <summary>
/// Map the schools of a connection's source to Great's schools of the region: each suggested by sourcedId, school code
/// or name, confirmed by the person. A mapped school's roster is then previewed and confirmed on its sync page.
/// </summary>
[Authorize(Policy = Operations.ManageRosterConnections)]
public class SchoolsModel(GreatDbContext db, RosterSync sync, IStringLocalizer<SharedResource> L) : PageModel
{
    public RosterConnection Connection { get; private set; } = null!;
    public IReadOnlyList<OneRosterPackage.Org> SourceSchools { get; private set; } = [];
    public IReadOnlyList<School> RegionSchools { get; private set; } = [];
    public IReadOnlyList<RosterConnectionSchool> Mapped { get; private set; } = [];
    public string? SourceError { get; private set; }

    [BindProperty] public List<MappingInput> Mappings { get; set; } = [];

    public sealed class MappingInput
    {
        public string OrgSourcedId { get; set; } = "";
        public string OrgName { get; set; } = "";
        public int SchoolId { get; set; }
    }

    /// <summary>The Great school an org of the source stands for: as mapped, else by code or sourcedId, else by name.</summary>
    public int Suggested(OneRosterPackage.Org org) =>
        Mapped.FirstOrDefault(m => m.OrgSourcedId == org.SourcedId)?.SchoolId
        ?? RegionSchools.FirstOrDefault(s => (org.Identifier.Length > 0 && s.Code.Equals(org.Identifier, StringComparison.OrdinalIgnoreCase))
            || s.Code.Equals(org.SourcedId, StringComparison.OrdinalIgnoreCase))?.Id
        ?? RegionSchools.FirstOrDefault(s => string.Equals(s.Name.Trim(), org.Name.Trim(), StringComparison.CurrentCultureIgnoreCase))?.Id
        ?? 0;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        try
        {
            SourceSchools = (await sync.ClientFor(Connection, Message).SchoolsAsync(HttpContext.RequestAborted))
                .Where(o => o.Type == "school").OrderBy(o => o.Name).ToList();
        }
        catch (RosterSyncException e)
        {
            SourceError = e.Message;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var chosen = Mappings.Where(m => m.SchoolId != 0).ToList();
        var regionIds = RegionSchools.Select(s => s.Id).ToHashSet();
        var invalid = chosen.Any(m => !regionIds.Contains(m.SchoolId) || m.OrgSourcedId.Length is 0 or > FieldLengths.LocalId || m.OrgName.Length > FieldLengths.Name);
        var twice = chosen.GroupBy(m => m.SchoolId).Where(g => g.Count() > 1).Select(g => RegionSchools.First(s => s.Id == g.Key).Name).ToList();
        var elsewhere = await db.RosterConnectionSchools.Where(s => s.ConnectionId != id && chosen.Select(m => m.SchoolId).Contains(s.SchoolId))
            .Select(s => s.School.Name).ToListAsync();
        if (invalid) ModelState.AddModelError("", L["Choose schools of the connection's region."]);
        foreach (var name in twice) ModelState.AddModelError("", L["{0} is chosen for two schools of the source: choose it once.", name]);
        foreach (var name in elsewhere) ModelState.AddModelError("", L["{0} already follows another connection.", name]);
        if (!ModelState.IsValid)
        {
            SourceSchools = Mappings.Select(m => new OneRosterPackage.Org(0, m.OrgSourcedId, m.OrgName, "school", "")).ToList();
            return Page();
        }

        var existing = await db.RosterConnectionSchools.Where(s => s.ConnectionId == id).ToListAsync();
        foreach (var mapping in Mappings)
        {
            var row = existing.FirstOrDefault(e => e.OrgSourcedId == mapping.OrgSourcedId);
            if (mapping.SchoolId == 0)
            {
                if (row is not null) db.RosterConnectionSchools.Remove(row);
                continue;
            }
            if (row is null)
            {
                db.RosterConnectionSchools.Add(new RosterConnectionSchool
                {
                    ConnectionId = id, SchoolId = mapping.SchoolId, OrgSourcedId = mapping.OrgSourcedId.Trim(), OrgName = mapping.OrgName.Trim(),
                });
            }
            else
            {
                row.MapTo(mapping.SchoolId);
            }
        }
        await db.SaveChangesAsync();
        TempData["Message"] = L["Saved the school mapping of {0}.", Connection.Name].Value;
        return RedirectToPage(new { id });
    }

    private string Message(string text) => L[text].Value;

    private async Task<bool> LoadAsync(int id)
    {
        var found = await db.RosterConnections.AsNoTracking().VisibleTo(UserScope.From(User)).Include(c => c.Region).FirstOrDefaultAsync(c => c.Id == id);
        if (found is null) return false;
        Connection = found;
        RegionSchools = await db.Schools.AsNoTracking().Where(s => s.RegionId == found.RegionId && s.Kind == PlaceKind.School)
            .OrderBy(s => s.Municipality).ThenBy(s => s.Name).ToListAsync();
        Mapped = await db.RosterConnectionSchools.AsNoTracking().Include(s => s.School).Where(s => s.ConnectionId == id).OrderBy(s => s.School.Name).ToListAsync();
        return true;
    }
}
