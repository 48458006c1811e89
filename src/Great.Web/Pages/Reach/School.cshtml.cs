using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Reach;

/// <summary>Drill-down to one school: its figures per component against its targets, and each class's figures.</summary>
public class SchoolModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    public School School { get; private set; } = null!;
    public int SchoolYear { get; private set; }
    public IReadOnlyList<ReachFigures> Components { get; private set; } = [];
    public IReadOnlyList<ClassRow> Classes { get; private set; } = [];
    public DateTimeOffset? AsOf { get; private set; }

    public sealed record ClassRow(int Id, string Name, string Component, int Enrolled, int Completed, int Lessons);

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnGetExportAsync(int id, bool suppress)
    {
        if (!await LoadAsync(id)) return NotFound();
        return CsvFile.Create($"reach-school-{School.Code}-{SchoolYear}.csv",
            [L["Class"], L["Component"], L["Students enrolled"], L["Students completed"], L["Lessons delivered"]],
            Classes.Select(c => (IReadOnlyList<string?>)[c.Name, curriculum.NameOf(c.Component), ReachFigures.Count(c.Enrolled, suppress),
                ReachFigures.Count(c.Completed, suppress), ReachFigures.Count(c.Lessons, suppress)]));
    }

    private async Task<bool> LoadAsync(int id)
    {
        var school = await db.Schools.AsNoTracking().VisibleTo(UserScope.From(User)).Include(s => s.Region).FirstOrDefaultAsync(s => s.Id == id);
        if (school is null) return false;
        School = school;
        SchoolYear = school.Region.SchoolYearOf(school.Region.Today(time));
        var year = SchoolYear;
        var targets = await db.ReachTargets.AsNoTracking().Where(t => t.SchoolId == id && t.SchoolYear == year)
            .ToDictionaryAsync(t => t.ComponentCode, t => t.StudentsToComplete);
        Components = await ReachFigures.LoadAsync(db, curriculum, RollupLevel.School, id, "", school.Region, school.Region.Today(time), targets);
        AsOf = await db.ReachRollups.Where(r => r.Level == RollupLevel.School && r.ScopeId == id).MaxAsync(r => (DateTimeOffset?)r.ComputedAt);
        var names = await db.Classes.AsNoTracking().Where(c => c.SchoolId == id && c.SchoolYear == year)
            .Select(c => new { c.Id, c.Grade, c.Section }).ToDictionaryAsync(c => c.Id, c => $"{c.Grade} {c.Section}");
        Classes = (await db.ReachRollups.AsNoTracking()
                // By the school's class ids: the roll-up's (Level, ScopeId) index finds them without reading every class's figures.
                .Where(r => r.Level == RollupLevel.Class && names.Keys.Contains(r.ScopeId) && r.SchoolYear == year)
                .ToListAsync())
            .Select(r => new ClassRow(r.ScopeId, names.GetValueOrDefault(r.ScopeId, "?"), r.ComponentCode, r.StudentsEnrolled, r.StudentsCompleted, r.LessonsDelivered))
            .OrderBy(r => r.Component).ThenBy(r => r.Name, StringComparer.CurrentCulture).ToList();
        return true;
    }
}
