using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Reach;

/// <summary>Drill-down to a municipality: its figures per component, and its schools.</summary>
public class MunicipalityModel(GreatDbContext db, Great.Web.Curriculum.CurriculumCatalogue curriculum, TimeProvider time) : PageModel
{
    public Region Region { get; private set; } = null!;
    public string Name { get; private set; } = "";
    public int SchoolYear { get; private set; }
    public IReadOnlyList<ReachFigures> Components { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name, int Enrolled, int Completed)> Schools { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int regionId, string name)
    {
        var region = await db.Regions.AsNoTracking().VisibleTo(UserScope.From(User)).FirstOrDefaultAsync(r => r.Id == regionId);
        if (region is null || !await db.Schools.AnyAsync(s => s.RegionId == regionId && s.Municipality == name)) return NotFound();
        Region = region;
        Name = name;
        SchoolYear = region.SchoolYearOf(region.Today(time));
        var year = SchoolYear;
        Components = await ReachFigures.LoadAsync(db, curriculum, RollupLevel.Municipality, regionId, name, region, region.Today(time), new Dictionary<string, int>());
        var schools = await db.Schools.AsNoTracking().Where(s => s.RegionId == regionId && s.Municipality == name).ToListAsync();
        var rows = (await db.ReachRollups.AsNoTracking().Where(r => r.Level == RollupLevel.School && r.SchoolYear == year
                && db.Schools.Any(s => s.Id == r.ScopeId && s.RegionId == regionId && s.Municipality == name)).ToListAsync()).ToLookup(r => r.ScopeId);
        Schools = schools.Select(s => (s.Id, s.Name, rows[s.Id].Sum(r => r.StudentsEnrolled), rows[s.Id].Sum(r => r.StudentsCompleted)))
            .OrderBy(s => s.Name, StringComparer.CurrentCulture).ToList();
        return Page();
    }
}
