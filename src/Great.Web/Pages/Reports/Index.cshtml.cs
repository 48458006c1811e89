using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Reports;

/// <summary>
/// The funder's report pack: a period (school year, fiscal year, half year, quarter or any two dates) and a scope (a
/// manager's region; for an administrator the programme or any region), shown as a printable page with charts, and
/// downloadable as CSV per table or one Excel workbook. Every output is built from the same tables.
/// </summary>
[Authorize(Policy = Operations.ReportToFunders)]
public class IndexModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty(SupportsGet = true)] public PeriodKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public int Part { get; set; } = 1;
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    /// <summary>The region reported on; none (administrators only) is the whole programme.</summary>
    [BindProperty(SupportsGet = true)] public int? RegionId { get; set; }

    public IReadOnlyList<Region> Regions { get; private set; } = [];
    public Region? Region { get; private set; }
    public bool MayReportOnProgramme { get; private set; }
    public ReportPack? Pack { get; private set; }
    public IReadOnlyList<ReportTable> Tables { get; private set; } = [];
    public string ScopeName => Region?.Name ?? L["The whole programme"];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    /// <summary>One table of the pack as CSV (the same cells as the page: small counts read "&lt;10").</summary>
    public async Task<IActionResult> OnGetCsvAsync(string table)
    {
        if (!await LoadAsync()) return NotFound();
        if (Pack is null) return Page();
        var found = Tables.FirstOrDefault(t => t.Key == table);
        if (found is null) return NotFound();
        var rows = found.Rows.Select(r => (IReadOnlyList<string?>)r.Select(c => c.Csv).ToList());
        if (found.Note is { } note) rows = rows.Append([note]);
        return CsvFile.Create($"{FileStem}-{found.Key}.csv", found.Headers, rows);
    }

    /// <summary>The whole pack as one Excel workbook: a cover sheet, then a sheet per table.</summary>
    public async Task<IActionResult> OnGetExcelAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (Pack is null) return Page();
        var bytes = Workbook.Create(Cover(), L["Report"], Tables);
        return File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{FileStem}.xlsx");
    }

    /// <summary>What the pack is of: shown at the top of the page (and of every printed page) and on the workbook's cover.</summary>
    public IReadOnlyList<(string Label, string Value)> Cover() =>
    [
        (L["Scope"], ScopeName),
        (L["Period"], PeriodLabel),
        (L["Data as of"], Pack?.AsOf is { } asOf ? (Region?.LocalTime(asOf) ?? asOf).ToString("g") : L["not yet computed"]),
        .. Pack?.Period.DueOn is { } due ? [(L["Report due"].Value, LongDate(due))] : Array.Empty<(string, string)>(),
    ];

    public string PeriodLabel => Pack is null ? "" : $"{L[$"PeriodKind.{Pack.Period.Kind}"]}: {LongDate(Pack.Period.Start)} – {LongDate(Pack.Period.End)}";

    /// <summary>A day written out without its weekday: "1 October 2026", "1 de octubre de 2026".</summary>
    public static string LongDate(DateOnly day) =>
        day.ToString(System.Globalization.CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "es" ? "d 'de' MMMM 'de' yyyy" : "d MMMM yyyy");

    private string FileStem => $"report-{Region?.CountryCode.ToLowerInvariant() ?? "programme"}-{Pack!.Period.Start:yyyyMMdd}-{Pack.Period.End:yyyyMMdd}";

    private async Task<bool> LoadAsync()
    {
        var user = UserScope.From(User);
        Regions = await db.Regions.AsNoTracking().VisibleTo(user).OrderBy(r => r.Name).ToListAsync();
        MayReportOnProgramme = user.IsAdmin;
        if (user.FixedRegionId is { } fixedRegion)
        {
            if (RegionId is not null && RegionId != fixedRegion) return false;
            RegionId = fixedRegion;
        }
        if (RegionId is not null)
        {
            Region = Regions.FirstOrDefault(r => r.Id == RegionId);
            if (Region is null) return false;
        }
        else if (!MayReportOnProgramme)
        {
            return Regions.Count == 0;
        }

        var today = Region?.Today(time) ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var chosen = Request.Query.ContainsKey(nameof(Kind));
        Kind ??= Region is null ? PeriodKind.FiscalYear : PeriodKind.SchoolYear;
        Year ??= Kind switch
        {
            PeriodKind.SchoolYear => Region?.SchoolYearOf(today) ?? today.Year,
            PeriodKind.FiscalYear => today.Month >= ReportPeriod.FiscalYearStartMonth ? today.Year + 1 : today.Year,
            _ => today.Year,
        };
        if (!chosen) return true;
        // A value the binder could not read (a date typed wrong) already has its message, in the reader's language.
        if (!ModelState.IsValid) return true;

        var (period, refused) = ReportPeriod.Choose(Kind.Value, Year.Value, Part, From, To, Region?.SchoolYearStartMonth);
        if (refused is { } rule)
        {
            ModelState.AddModelError(rule is PeriodRule.EndBeforeStart or PeriodRule.TooLong ? nameof(To) : nameof(Kind), Refusal(rule));
            return true;
        }
        var allRegions = Region is null ? Regions : [Region];
        Pack = await ReportPack.LoadAsync(db, curriculum, Region, allRegions, period!, today);
        Tables = ReportTables.Build(Pack, curriculum, L);
        return true;
    }

    private string Refusal(PeriodRule rule) => rule switch
    {
        PeriodRule.YearOutOfRange => L["Enter a year from {0} to {1}.", ReportPeriod.FirstYear, ReportPeriod.LastYear],
        PeriodRule.NoSuchPart => L["Choose which half or quarter."],
        PeriodRule.EndBeforeStart => L["Enter both dates, the last on or after the first."],
        PeriodRule.TooLong => L["A report covers at most five years: choose closer dates."],
        _ => L["A school year is a region's: choose a region, or another kind of period."],
    };
}
