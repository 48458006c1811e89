using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Reach;

/// <summary>The programme for administrators: every region side by side, each in its own current school year.</summary>
[Authorize(Policy = Operations.Administer)]
public class ProgramModel(GreatDbContext db, Great.Web.Curriculum.CurriculumCatalogue curriculum, TimeProvider time) : PageModel
{
    public IReadOnlyList<RegionRow> Regions { get; private set; } = [];

    /// <summary>A region's students (and their target) beside its families (and theirs): the two are never added together.</summary>
    public sealed record RegionRow(int Id, string Name, string SchoolYear, int Enrolled, int Completed, int Target, int Classes, int Instructors,
        int FamiliesEnrolled, int FamiliesCompleted, int FamiliesTarget)
    {
        /// <summary>The students' pace against their target; none without one.</summary>
        public TargetPace? Pace { get; init; }
    }

    public async Task OnGetAsync()
    {
        var rows = new List<RegionRow>();
        var rollups = (await db.ReachRollups.AsNoTracking().Where(r => r.Level == RollupLevel.Region).ToListAsync()).ToLookup(r => (r.ScopeId, r.SchoolYear));
        var targets = (await db.ReachTargets.AsNoTracking().Where(t => t.SchoolId == null).ToListAsync()).ToLookup(t => (t.RegionId, t.SchoolYear));
        foreach (var region in await db.Regions.AsNoTracking().OrderBy(r => r.Name).ToListAsync())
        {
            var today = region.Today(time);
            var year = region.SchoolYearOf(today);
            var (start, end) = ReachFigures.YearSpan(region, year);
            var figures = rollups[(region.Id, year)].ToList();
            var regionTargets = targets[(region.Id, year)].ToLookup(t => curriculum.TakesHouseholds(t.ComponentCode));
            var (completed, target) = (figures.Sum(f => f.StudentsCompleted), regionTargets[false].Sum(t => t.StudentsToComplete));
            rows.Add(new RegionRow(region.Id, region.Name, region.SchoolYearLabel(year), figures.Sum(f => f.StudentsEnrolled), completed, target,
                figures.Sum(f => f.Classes), ReachRollup.InstructorsAcrossComponents(figures),
                figures.Sum(f => f.FamiliesEnrolled), figures.Sum(f => f.FamiliesCompleted), regionTargets[true].Sum(t => t.StudentsToComplete))
            {
                Pace = target > 0 ? TargetPace.Of(completed, target, start, end, today) : null,
            });
        }
        Regions = rows;
    }
}
