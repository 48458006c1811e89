using System.Globalization;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Great.Web.Pages.Reach;

/// <summary>
/// Fidelity of a region for a school year: lessons with dosage, mean adherence, minutes against planned, observations
/// and their outcomes — for the region, each municipality, school and officer, and month by month. Figures come from
/// the fidelity roll-up; who was never observed and who is due come from the certifications and observations.
/// </summary>
public class FidelityModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IOptions<CertificationOptions> options,
    SecurityEventLog securityEvents, IStringLocalizer<SharedResource> L) : PageModel
{
    public Region? Region { get; private set; }
    public IReadOnlyList<IndexModel.RegionOption> Regions { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Component { get; set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<CurriculumComponent> Components => curriculum.Current;
    public DateOnly Today { get; private set; }
    public DateTimeOffset? AsOf { get; private set; }
    public FidelityFigures Total { get; private set; } = FidelityFigures.None;
    public IReadOnlyList<(int Month, FidelityFigures Figures)> Months { get; private set; } = [];
    public IReadOnlyList<Row> Municipalities { get; private set; } = [];
    public IReadOnlyList<Row> Schools { get; private set; } = [];
    public IReadOnlyList<Row> Officers { get; private set; } = [];
    public IReadOnlyList<OfficerRow> NeverObserved { get; private set; } = [];
    public IReadOnlyList<OfficerRow> DueForObservation { get; private set; } = [];

    public sealed record Row(int? Id, string Name, string Municipality, FidelityFigures Figures);
    public sealed record OfficerRow(int Id, string Name, string Agency, string? Component, DateOnly? CertifiedOn);

    public async Task<IActionResult> OnGetAsync(int? regionId) => await LoadAsync(regionId) ? Page() : NotFound();

    /// <summary>The report as CSV: every municipality, school and officer row with its figures.</summary>
    public async Task<IActionResult> OnGetExportAsync(int? regionId)
    {
        if (!await LoadAsync(regionId) || Region is null) return NotFound();
        string P(double? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) : "";
        IReadOnlyList<string?> Line(string level, Row r) => [level, r.Name, r.Municipality, r.Figures.Lessons.ToString(), r.Figures.LessonsWithDosage.ToString(),
            P(r.Figures.MeanAdherence * 100), P(r.Figures.MeanMinutes), P(r.Figures.MeanPlannedMinutes), r.Figures.Observations.ToString(),
            r.Figures.ObservationsPassed.ToString(), (r.Figures.Observations - r.Figures.ObservationsPassed).ToString()];
        var rows = new List<IReadOnlyList<string?>> { Line(L["Region"], new Row(Region.Id, Region.Name, "", Total)) };
        rows.AddRange(Municipalities.Select(r => Line(L["Municipality"], r)));
        rows.AddRange(Schools.Select(r => Line(L["School"], r)));
        rows.AddRange(Officers.Select(r => Line(L["Officer"], r)));
        await securityEvents.WriteForSelfAsync(SecurityEventKind.NamesExported, $"fidelity-{Region.CountryCode}-{Year}.csv: {Officers.Count} officers");
        return CsvFile.Create($"fidelity-{Region.CountryCode}-{Year}.csv",
            [L["Level"], L["Name"], L["Municipality"], L["Lessons recorded"], L["Lessons with dosage"], L["Mean adherence (%)"], L["Mean minutes taught"],
             L["Mean minutes planned"], L["Observations"], L["Passed"], L["Needs follow-up"]], rows);
    }

    private async Task<bool> LoadAsync(int? regionId)
    {
        var user = UserScope.From(User);
        Regions = await db.Regions.AsNoTracking().VisibleTo(user).OrderBy(r => r.Name).Select(r => new IndexModel.RegionOption(r.Id, r.Name)).ToListAsync();
        var id = user.FixedRegionId ?? regionId ?? Regions.FirstOrDefault()?.Id;
        if (regionId is not null && regionId != id) return false;
        Region = await db.Regions.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(r => r.Id == id);
        if (Region is null) return Regions.Count == 0;
        if (Component is not null && curriculum.CurrentEdition(Component) is null) Component = null;
        Today = Region.Today(time);
        var region = Region.Id;
        Years = await db.FidelityRollups.Where(r => r.Level == RollupLevel.Region && r.ScopeId == region).Select(r => r.SchoolYear).Distinct()
            .OrderByDescending(y => y).ToListAsync();
        Year ??= Region.SchoolYearOf(Today);
        var year = Year.Value;
        var component = Component;
        IQueryable<FidelityRollup> Rows(RollupLevel level) => db.FidelityRollups.AsNoTracking()
            .Where(r => r.Level == level && r.SchoolYear == year && (component == null || r.ComponentCode == component));

        var regionRows = await Rows(RollupLevel.Region).Where(r => r.ScopeId == region).ToListAsync();
        AsOf = regionRows.Count == 0 ? null : regionRows.Max(r => r.ComputedAt);
        Total = FidelityFigures.Sum(regionRows);
        Months = regionRows.GroupBy(r => r.Month).OrderBy(g => g.Key).Select(g => (g.Key, FidelityFigures.Sum(g))).ToList();
        Municipalities = (await Rows(RollupLevel.Municipality).Where(r => r.ScopeId == region).ToListAsync())
            .GroupBy(r => r.Municipality).Select(g => new Row(null, g.Key, g.Key, FidelityFigures.Sum(g)))
            .OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList();
        var schools = await db.Schools.AsNoTracking().Where(s => s.RegionId == region).Select(s => new { s.Id, s.Name, s.Municipality }).ToDictionaryAsync(s => s.Id);
        Schools = (await Rows(RollupLevel.School).Where(r => db.Schools.Any(s => s.Id == r.ScopeId && s.RegionId == region)).ToListAsync())
            .GroupBy(r => r.ScopeId).Select(g => new Row(g.Key, schools[g.Key].Name, schools[g.Key].Municipality, FidelityFigures.Sum(g)))
            .OrderBy(r => r.Municipality, StringComparer.CurrentCulture).ThenBy(r => r.Name, StringComparer.CurrentCulture).ToList();
        // The region's officers (by their agency): their rows count every lesson they taught, wherever.
        var officers = await db.Instructors.AsNoTracking().Where(i => i.Agency.RegionId == region)
            .Select(i => new { i.Id, Name = i.FamilyName + ", " + i.GivenName, Agency = i.Agency.Name }).ToDictionaryAsync(i => i.Id);
        Officers = (await Rows(RollupLevel.Instructor).Where(r => db.Instructors.Any(i => i.Id == r.ScopeId && i.Agency.RegionId == region)).ToListAsync())
            .GroupBy(r => r.ScopeId).Select(g => new Row(g.Key, officers[g.Key].Name, officers[g.Key].Agency, FidelityFigures.Sum(g)))
            .OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList();

        // Officers who may teach a component (of the filter) and were never observed teaching it; those overdue as provisional.
        // Certifications and observations are small tables: read for the region, judged by the entity's own rules.
        var certified = await db.Certifications.AsNoTracking().Include(c => c.Instructor.Agency)
            .Where(c => c.Instructor.Agency.RegionId == region && (component == null || c.ComponentCode == component)).ToListAsync();
        var observed = (await db.Observations.AsNoTracking().Where(o => o.ObservedInstructor.Agency.RegionId == region)
            .Select(o => new { o.ObservedInstructorId, o.Delivery.Class.ComponentCode }).Distinct().ToListAsync())
            .Select(o => (o.ObservedInstructorId, o.ComponentCode)).ToHashSet();
        OfficerRow Officer(Certification c) => new(c.InstructorId, $"{c.Instructor.FamilyName}, {c.Instructor.GivenName}", c.Instructor.Agency.Name, c.ComponentCode, c.CertifiedOn);
        NeverObserved = certified.Where(c => c.AllowsTeaching(Today) && !observed.Contains((c.InstructorId, c.ComponentCode)))
            .Select(Officer).OrderBy(r => r.Name, StringComparer.CurrentCulture).ThenBy(r => r.Component).ToList();
        DueForObservation = certified.Where(c => c.IsOverdueForObservation(Today, options.Value.ProvisionalMonths))
            .Select(Officer).OrderBy(r => r.CertifiedOn).ToList();
        return true;
    }

    /// <summary>A share (0–1) as a whole percentage, "–" when there is none.</summary>
    public static string Percent(double? share) => share is { } x ? (x * 100).ToString("0") + " %" : "–";

    /// <summary>A mean as a whole number, "–" when there is none.</summary>
    public static string Whole(double? value) => value is { } x ? x.ToString("0") : "–";

    /// <summary>"yyyymm" as the month's short name in the reader's language, with the year.</summary>
    public static string MonthLabel(int month) => new DateOnly(month / 100, month % 100, 1).ToString("MMM yyyy", CultureInfo.CurrentCulture);
}
