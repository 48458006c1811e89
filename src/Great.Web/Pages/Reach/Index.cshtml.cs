using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Reach;

/// <summary>
/// The regional manager's home: students reached against target, the year's completion curve, breakdowns by
/// municipality and school, classes at risk. Figures come from the roll-up only, with their "as of" time.
/// A region can hold thousands of schools: the breakdowns are computed once per roll-up (kept in memory under the
/// roll-up's time, the set-up counts and classes at risk for at most a minute) and the long tables are paged.
/// </summary>
public class IndexModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IMemoryCache cache, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int RowsPerPage = 50;
    public static readonly TimeSpan StructureLifetime = TimeSpan.FromMinutes(1);

    public Region? Region { get; private set; }
    public IReadOnlyList<RegionOption> Regions { get; private set; } = [];
    public int SchoolYear { get; private set; }
    public DateOnly Today { get; private set; }
    public (DateOnly Start, DateOnly End) Year { get; private set; }
    public DateTimeOffset? AsOf { get; private set; }
    public Totals Total { get; private set; } = new(0, 0, 0, 0, 0);
    public IReadOnlyList<ReachFigures> Components { get; private set; } = [];
    public IReadOnlyList<AreaRow> Municipalities { get; private set; } = [];
    public IReadOnlyList<AreaRow> Schools { get; private set; } = [];
    public IReadOnlyList<(DateOnly Week, int Cumulative)> Curve { get; private set; } = [];
    public IReadOnlyList<RiskRow> AtRisk { get; private set; } = [];
    /// <summary>Students to complete: the completion curve counts students, so families' targets are not in it.</summary>
    public int TotalTarget => Components.Where(c => !c.CountsFamilies).Sum(c => c.Target ?? 0);

    /// <summary>Page of the schools table (1-based).</summary>
    [BindProperty(SupportsGet = true)] public int SchoolPage { get; set; } = 1;
    /// <summary>Only the schools behind their target, furthest behind first: "which schools are behind?"</summary>
    [BindProperty(SupportsGet = true)] public bool Behind { get; set; }
    /// <summary>The schools table as asked: all of them, or those behind their target.</summary>
    public IReadOnlyList<AreaRow> SchoolsShown { get; private set; } = [];
    public int SchoolsWithTarget => Schools.Count(s => s.Pace is not null);
    public int SchoolsBehind => Schools.Count(s => s.Pace?.Status == PaceStatus.Behind);
    public int SchoolPages => Math.Max(1, (SchoolsShown.Count + RowsPerPage - 1) / RowsPerPage);
    public IEnumerable<AreaRow> SchoolsOnPage => SchoolsShown.Skip((SchoolPage - 1) * RowsPerPage).Take(RowsPerPage);
    public IEnumerable<RiskRow> AtRiskShown => AtRisk.Take(RowsPerPage);

    /// <summary>What the cached part of the page depends on.</summary>
    public string FragmentKey => string.Join('|', Region?.Id, SchoolYear, AsOf?.UtcTicks, Today.DayNumber,
        System.Globalization.CultureInfo.CurrentCulture.Name, SchoolPage, TotalTarget, Behind, _schoolTargetsKey);

    private string _schoolTargetsKey = "";

    public sealed record RegionOption(int Id, string Name);
    public sealed record Totals(int Schools, int Classes, int Instructors, int ActiveInstructors, int CertifiedNotTeaching);
    /// <summary>A municipality's or school's figures: students of classroom components, families of components taught to households.</summary>
    public sealed record AreaRow(int? SchoolId, string Name, string Municipality, int Classes, int Enrolled, int Completed, int Lessons, int Instructors,
        int FamiliesEnrolled, int FamiliesCompleted)
    {
        /// <summary>A school's completions against its own target (students; families for a site whose only target is families); none without one.</summary>
        public TargetPace? Pace { get; init; }
        public bool PaceCountsFamilies { get; init; }

        /// <summary>An area's figures from its roll-up rows: counts added up over its components, instructors from its row for all of them.</summary>
        public static AreaRow Of(int? schoolId, string name, string municipality, IEnumerable<ReachRollup> rows)
        {
            var list = rows.ToList();
            return new AreaRow(schoolId, name, municipality, list.Sum(r => r.Classes), list.Sum(r => r.StudentsEnrolled), list.Sum(r => r.StudentsCompleted),
                list.Sum(r => r.LessonsDelivered), ReachRollup.InstructorsAcrossComponents(list), list.Sum(r => r.FamiliesEnrolled), list.Sum(r => r.FamiliesCompleted));
        }
    }
    public sealed record RiskRow(int ClassId, string School, string Class, int OverdueLessons, bool InstructorLapsed);
    private sealed record Breakdowns(IReadOnlyList<AreaRow> Municipalities, IReadOnlyList<AreaRow> Schools, IReadOnlyList<(DateOnly Week, int Cumulative)> Curve);
    private sealed record Structure(Totals Total, IReadOnlyList<RiskRow> AtRisk);

    public async Task<IActionResult> OnGetAsync(int? regionId) => await LoadAsync(regionId) ? Page() : NotFound();

    /// <summary>Any table of the page as CSV; with suppress=true, counts below 10 read "&lt;10".</summary>
    public async Task<IActionResult> OnGetExportAsync(int? regionId, string table, bool suppress)
    {
        // A download is the record itself: computed now, never from the page's minute-old copy.
        if (!await LoadAsync(regionId, fresh: true)) return NotFound();
        string C(int n) => ReachFigures.Count(n, suppress);
        string F(int? n) => n is { } value ? C(value) : "";
        return table switch
        {
            "components" => CsvFile.Create($"reach-{Region!.CountryCode}-{SchoolYear}-components.csv",
                [L["Component"], L["Classes"], L["Students enrolled"], L["Students completed"], L["Families enrolled"], L["Families reached"], L["Families completed"],
                    L["Adults reached"], L["Youth reached"], L["Target"], L["Lessons delivered"], L["Instructors"]],
                Components.Select(c => (IReadOnlyList<string?>)[curriculum.NameOf(c.Component), C(c.Classes), c.CountsFamilies ? "" : C(c.Enrolled), c.CountsFamilies ? "" : C(c.Completed),
                    F(c.Families?.Enrolled), F(c.Families?.Reached), F(c.Families?.Completed), F(c.Families?.Adults), F(c.Families?.Youth),
                    c.Target?.ToString(), C(c.Lessons), C(c.Instructors)])),
            "municipalities" or "schools" => CsvFile.Create($"reach-{Region!.CountryCode}-{SchoolYear}-{table}.csv",
                [table == "schools" ? L["School or site"] : L["Municipality"], L["Municipality"], L["Classes"], L["Students enrolled"], L["Students completed"],
                    L["Families enrolled"], L["Families completed"], L["Lessons delivered"], L["Instructors"], L["Target"], L["Expected by now"], L["Pace"]],
                (table == "schools" ? Schools : Municipalities).Select(r => (IReadOnlyList<string?>)[r.Name, r.Municipality, C(r.Classes), C(r.Enrolled), C(r.Completed),
                    C(r.FamiliesEnrolled), C(r.FamiliesCompleted), C(r.Lessons), C(r.Instructors),
                    r.Pace?.Target.ToString(), r.Pace?.ExpectedByNow.ToString(), r.Pace is { } pace ? L[$"PaceStatus.{pace.Status}"].Value : null])),
            "at-risk" => CsvFile.Create($"reach-{Region!.CountryCode}-{SchoolYear}-classes-at-risk.csv",
                [L["School"], L["Class"], L["Lessons overdue"], L["Certification lapsed"]],
                AtRisk.Select(r => (IReadOnlyList<string?>)[r.School, r.Class, r.OverdueLessons.ToString(), r.InstructorLapsed ? L["Yes"] : L["No"]])),
            _ => NotFound(),
        };
    }

    private async Task<bool> LoadAsync(int? regionId, bool fresh = false)
    {
        if (!await LoadFiguresAsync(regionId, fresh)) return false;
        if (Region is null) return true;
        await SetSchoolPacesAsync();
        SchoolPage = Math.Clamp(SchoolPage, 1, SchoolPages);
        return true;
    }

    /// <summary>
    /// Each school's pace against its own targets, read on every request (targets change without a roll-up), and the
    /// schools table as asked. A school's students count against its classroom targets; a site with only a Families
    /// target, its families.
    /// </summary>
    private async Task SetSchoolPacesAsync()
    {
        var (regionKey, year) = (Region!.Id, SchoolYear);
        var targets = await db.ReachTargets.AsNoTracking().Where(t => t.RegionId == regionKey && t.SchoolId != null && t.SchoolYear == year)
            .Select(t => new { SchoolId = t.SchoolId!.Value, t.ComponentCode, t.StudentsToComplete }).ToListAsync();
        _schoolTargetsKey = string.Join(',', targets.OrderBy(t => t.SchoolId).ThenBy(t => t.ComponentCode).Select(t => $"{t.SchoolId}:{t.ComponentCode}:{t.StudentsToComplete}"));
        var bySchool = targets.GroupBy(t => t.SchoolId).ToDictionary(g => g.Key, g => (
            Students: g.Where(t => !curriculum.TakesHouseholds(t.ComponentCode)).Sum(t => t.StudentsToComplete),
            Families: g.Where(t => curriculum.TakesHouseholds(t.ComponentCode)).Sum(t => t.StudentsToComplete)));
        Schools = Schools.Select(s => s.SchoolId is { } id && bySchool.TryGetValue(id, out var t)
            ? t.Students > 0 ? s with { Pace = TargetPace.Of(s.Completed, t.Students, Year.Start, Year.End, Today) }
            : t.Families > 0 ? s with { Pace = TargetPace.Of(s.FamiliesCompleted, t.Families, Year.Start, Year.End, Today), PaceCountsFamilies = true }
            : s
            : s).ToList();
        SchoolsShown = Behind
            ? Schools.Where(s => s.Pace?.Status == PaceStatus.Behind).OrderByDescending(s => s.Pace!.Gap).ThenBy(s => s.Name, StringComparer.CurrentCulture).ToList()
            : Schools;
    }

    private async Task<bool> LoadFiguresAsync(int? regionId, bool fresh)
    {
        var user = UserScope.From(User);
        Regions = await db.Regions.AsNoTracking().VisibleTo(user).OrderBy(r => r.Name).Select(r => new RegionOption(r.Id, r.Name)).ToListAsync();
        var id = user.FixedRegionId ?? regionId ?? Regions.FirstOrDefault()?.Id;
        if (regionId is not null && regionId != id) return false;
        Region = await db.Regions.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(r => r.Id == id);
        if (Region is null) return Regions.Count == 0;

        Today = Region.Today(time);
        SchoolYear = Region.SchoolYearOf(Today);
        Year = ReachFigures.YearSpan(Region, SchoolYear);
        var regionKey = Region.Id;
        var year = SchoolYear;

        var targets = await db.ReachTargets.AsNoTracking().Where(t => t.RegionId == regionKey && t.SchoolId == null && t.SchoolYear == year)
            .ToDictionaryAsync(t => t.ComponentCode, t => t.StudentsToComplete);
        Components = await ReachFigures.LoadAsync(db, curriculum, RollupLevel.Region, regionKey, "", Region, Today, targets);
        AsOf = await db.ReachRollups.Where(r => r.Level == RollupLevel.Region && r.ScopeId == regionKey).MaxAsync(r => (DateTimeOffset?)r.ComputedAt);

        if (fresh)
        {
            (Municipalities, Schools, Curve) = await LoadBreakdownsAsync(regionKey, year);
            (Total, AtRisk) = await LoadStructureAsync(regionKey, year);
            return true;
        }
        // Keyed by the roll-up's time, so new figures are seen at once; per language, as names sort by it. School
        // names, new schools and the set-up counts may be up to a minute old on the page.
        var culture = System.Globalization.CultureInfo.CurrentCulture.Name;
        var breakdowns = await cache.GetOrCreateAsync(("reach-breakdowns", regionKey, year, AsOf, Today, culture), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = StructureLifetime;
            return LoadBreakdownsAsync(regionKey, year);
        });
        (Municipalities, Schools, Curve) = breakdowns!;
        var structure = await cache.GetOrCreateAsync(("reach-structure", regionKey, year, AsOf, Today, culture), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = StructureLifetime;
            return LoadStructureAsync(regionKey, year);
        });
        (Total, AtRisk) = structure!;
        return true;
    }

    private async Task<Breakdowns> LoadBreakdownsAsync(int regionKey, int year)
    {
        var municipalities = (await db.ReachRollups.AsNoTracking()
                .Where(r => r.Level == RollupLevel.Municipality && r.ScopeId == regionKey && r.SchoolYear == year).ToListAsync())
            .GroupBy(r => r.Municipality)
            .Select(g => AreaRow.Of(null, g.Key, g.Key, g))
            .OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList();
        var schools = await db.Schools.AsNoTracking().Where(s => s.RegionId == regionKey).Select(s => new { s.Id, s.Name, s.Municipality }).ToListAsync();
        var schoolRows = (await db.ReachRollups.AsNoTracking()
                .Where(r => r.Level == RollupLevel.School && r.SchoolYear == year && db.Schools.Any(s => s.Id == r.ScopeId && s.RegionId == regionKey))
                .ToListAsync()).ToLookup(r => r.ScopeId);
        var schoolTable = schools.Select(s => AreaRow.Of(s.Id, s.Name, s.Municipality, schoolRows[s.Id]))
            .OrderBy(s => s.Municipality, StringComparer.CurrentCulture).ThenBy(s => s.Name, StringComparer.CurrentCulture).ToList();

        // The completion curve: each class's completions count from the day of its latest lesson.
        var finished = await db.ReachRollups.AsNoTracking()
            .Where(r => r.Level == RollupLevel.Class && r.SchoolYear == year && r.LastLessonOn != null
                && db.Classes.Any(c => c.Id == r.ScopeId && c.School.RegionId == regionKey))
            .GroupBy(r => r.LastLessonOn!.Value).Select(g => new { Day = g.Key, Completed = g.Sum(r => r.StudentsCompleted) }).ToListAsync();
        var weeks = new List<(DateOnly, int)>();
        // Every week begun by today, none to come.
        for (var week = Year.Start; week <= Year.End && week <= Today; week = week.AddDays(7))
        {
            var end = week.AddDays(7);
            weeks.Add((week, finished.Where(f => f.Day < end).Sum(f => f.Completed)));
        }
        return new Breakdowns(municipalities, schoolTable, weeks);
    }

    /// <summary>Counts of the region's set-up and the classes needing attention: from the plan and records, never from attendance.</summary>
    private async Task<Structure> LoadStructureAsync(int regionId, int year)
    {
        var classes = db.Classes.Where(c => c.School.RegionId == regionId && c.SchoolYear == year && c.Status != ClassStatus.Cancelled);
        var instructors = await db.Instructors.AsNoTracking().Include(i => i.Certifications).Where(i => i.Agency.RegionId == regionId).ToListAsync();
        var teaching = (await classes.Where(c => c.InstructorId != null).Select(c => c.InstructorId!.Value).Distinct().ToListAsync()).ToHashSet();
        var mayTeach = instructors.Where(i => i.Certifications.Any(c => c.StatusOn(Today).AllowsTeaching())).ToList();
        var total = new Totals(await db.Schools.CountAsync(s => s.RegionId == regionId && s.Kind == PlaceKind.School), await classes.CountAsync(), instructors.Count, mayTeach.Count,
            mayTeach.Count(i => !teaching.Contains(i.Id)));

        var open = await classes.Where(c => SchoolClass.OpenStatuses.Contains(c.Status))
            .Select(c => new
            {
                c.Id, School = c.School.Name, c.ComponentCode, c.Grade, c.Section, c.InstructorId, c.Status,
                Overdue = c.PlannedLessons.AsQueryable().Count(PlannedLesson.Overdue(Today)),
            }).ToListAsync();
        var byId = instructors.ToDictionary(i => i.Id);
        var atRisk = open.Select(c => new RiskRow(c.Id, c.School, $"{curriculum.NameOf(c.ComponentCode)} {c.Grade} {c.Section}", c.Overdue,
                SchoolClass.InstructorLapsed(c.InstructorId is { } i ? byId.GetValueOrDefault(i) : null, c.ComponentCode, c.Status, Today)))
            .Where(r => r.OverdueLessons > 0 || r.InstructorLapsed)
            .OrderByDescending(r => r.InstructorLapsed).ThenByDescending(r => r.OverdueLessons).ToList();
        return new Structure(total, atRisk);
    }
}
