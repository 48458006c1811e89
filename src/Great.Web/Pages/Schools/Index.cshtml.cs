using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Pages.Classes;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Schools;

/// <summary>
/// The coordinator's home: my schools with their classes and progress. Managers and admins see their scope's
/// schools, which can be thousands: found by name, code or municipality, 25 schools a page.
/// </summary>
public class IndexModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time) : PageModel
{
    public const int PageSize = 25;

    public IReadOnlyList<SchoolGroup> Schools { get; private set; } = [];
    public int Total { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public sealed record SchoolGroup(int Id, string Name, string Code, string Municipality, string RegionName, IReadOnlyList<ClassSummary> Classes);

    public async Task OnGetAsync()
    {
        var user = UserScope.From(User);
        var query = db.Schools.AsNoTracking().VisibleTo(user);
        if (!string.IsNullOrWhiteSpace(Q)) query = query.WhereContains(db, Q, s => s.Name + " " + s.Code + " " + s.Municipality);
        Total = await query.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var schools = await query
            .OrderBy(s => s.Region.Name).ThenBy(s => s.Municipality).ThenBy(s => s.Name)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(s => new { s.Id, s.Name, s.Code, s.Municipality, RegionName = s.Region.Name })
            .ToListAsync();
        var ids = schools.Select(s => s.Id).ToList();
        var classes = (await ClassSummary.LoadAsync(db, db.Classes.AsNoTracking().VisibleTo(user).Where(c => ids.Contains(c.SchoolId)), curriculum, time))
            .ToLookup(c => c.SchoolId);
        Schools = schools.Select(s => new SchoolGroup(s.Id, s.Name, s.Code, s.Municipality, s.RegionName,
            classes[s.Id].OrderByDescending(c => c.SchoolYear).ThenBy(c => c.Grade).ThenBy(c => c.Section).ToList())).ToList();
    }

    public Dictionary<string, string?> RouteFor(int page) => new() { ["q"] = Q, ["p"] = page.ToString() };
}
