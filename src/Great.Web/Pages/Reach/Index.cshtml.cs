using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Reach;

/// <summary>The regional manager's home: the region's schools, classes, instructors and students at a glance.</summary>
public class IndexModel(GreatDbContext db, TimeProvider time) : PageModel
{
    public RegionView? Region { get; private set; }
    public IReadOnlyList<RegionOption> Regions { get; private set; } = [];
    public Totals Total { get; private set; } = new(0, 0, 0, 0, 0);
    public IReadOnlyList<SchoolRow> Schools { get; private set; } = [];

    public sealed record RegionView(int Id, string Name, string SchoolYearLabel);
    public sealed record RegionOption(int Id, string Name);
    public sealed record Totals(int Schools, int Classes, int Instructors, int ActiveInstructors, int Students, int CertifiedNotTeaching = 0);
    public sealed record SchoolRow(int Id, string Name, string Municipality, int Classes, int Students);

    public async Task<IActionResult> OnGetAsync(int? regionId)
    {
        var user = UserScope.From(User);
        Regions = await db.Regions.AsNoTracking().VisibleTo(user).OrderBy(r => r.Name)
            .Select(r => new RegionOption(r.Id, r.Name)).ToListAsync();
        var id = user.IsManager ? user.RegionId : regionId ?? Regions.FirstOrDefault()?.Id;
        if (regionId is not null && regionId != id) return NotFound();
        var region = await db.Regions.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(r => r.Id == id);
        if (region is null) return Regions.Count == 0 ? Page() : NotFound();

        var today = region.Today(time);
        var schoolYear = region.SchoolYearOf(today);
        Region = new RegionView(region.Id, region.Name, region.SchoolYearLabel(schoolYear));

        var classes = db.Classes.Where(c => c.School.RegionId == region.Id && c.SchoolYear == schoolYear && c.Status != ClassStatus.Cancelled);
        Schools = await db.Schools.AsNoTracking().Where(s => s.RegionId == region.Id)
            .OrderBy(s => s.Municipality).ThenBy(s => s.Name)
            .Select(s => new SchoolRow(s.Id, s.Name, s.Municipality,
                classes.Count(c => c.SchoolId == s.Id),
                db.Enrollments.Where(e => e.WithdrawnOn == null && classes.Any(c => c.Id == e.ClassId && c.SchoolId == s.Id))
                    .Select(e => e.StudentId).Distinct().Count()))
            .ToListAsync();

        var instructors = await db.Instructors.AsNoTracking().Include(i => i.Certifications)
            .Where(i => i.Agency.RegionId == region.Id).ToListAsync();
        var teaching = (await classes.Where(c => c.InstructorId != null).Select(c => c.InstructorId!.Value).Distinct().ToListAsync()).ToHashSet();
        var mayTeach = instructors.Where(i => i.Certifications.Any(c => c.StatusOn(today).AllowsTeaching())).ToList();
        Total = new Totals(
            Schools.Count,
            Schools.Sum(s => s.Classes),
            instructors.Count,
            mayTeach.Count,
            Schools.Sum(s => s.Students),
            mayTeach.Count(i => !teaching.Contains(i.Id)));
        return Page();
    }
}
