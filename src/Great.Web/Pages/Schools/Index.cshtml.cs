using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Pages.Classes;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Schools;

/// <summary>The coordinator's home: my schools with their classes and progress. Managers and admins see their scope's schools.</summary>
public class IndexModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time) : PageModel
{
    public IReadOnlyList<SchoolGroup> Schools { get; private set; } = [];

    public sealed record SchoolGroup(int Id, string Name, string Code, string Municipality, string RegionName, IReadOnlyList<ClassSummary> Classes);

    public async Task OnGetAsync()
    {
        var user = UserScope.From(User);
        var schools = await db.Schools.AsNoTracking().VisibleTo(user)
            .OrderBy(s => s.Region.Name).ThenBy(s => s.Municipality).ThenBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.Code, s.Municipality, RegionName = s.Region.Name })
            .ToListAsync();
        var classes = (await ClassSummary.LoadAsync(db, db.Classes.AsNoTracking().VisibleTo(user), curriculum, time))
            .ToLookup(c => c.SchoolId);
        Schools = schools.Select(s => new SchoolGroup(s.Id, s.Name, s.Code, s.Municipality, s.RegionName,
            classes[s.Id].OrderByDescending(c => c.SchoolYear).ThenBy(c => c.Grade).ThenBy(c => c.Section).ToList())).ToList();
    }
}
