using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Great.IntegrationTests.Infrastructure;
using Great.IntegrationTests.Jobs;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Data.Seeding;
using Great.Web.Domain;
using Great.Web.Jobs;
using Great.Web.Pages.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Great.IntegrationTests.Reports;

/// <summary>The funder's report pack on the demo data: its figures against a direct count, its three outputs against each other, language and scope.</summary>
public class ReportPackTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private const string FiscalYear2026 = "kind=FiscalYear&year=2026";

    private async Task<HttpClient> SignedInAsync(string account, string language = "en")
    {
        await app.RunAsync<ReachRollupJob>(j => j.RunFullAsync());
        return await app.SignedInAsync(account, language);
    }

    private Task<int> RegionIdAsync(string country) => app.QueryAsync(db => db.Regions.Where(r => r.CountryCode == country).Select(r => r.Id).SingleAsync());

    private async Task<DirectReport> DirectAsync(int? regionId, ReportPeriod period) => await app.QueryAsync(db =>
        DirectReport.CountAsync(db, app.Services.GetRequiredService<CurriculumCatalogue>(), regionId, period, new DateOnly(2026, 11, 24)));

    private async Task<ReportPack> PackAsync(int? regionId, ReportPeriod period) => await app.QueryAsync(async db =>
    {
        var regions = await db.Regions.AsNoTracking().OrderBy(r => r.Name).ToListAsync();
        var region = regions.FirstOrDefault(r => r.Id == regionId);
        return await ReportPack.LoadAsync(db, app.Services.GetRequiredService<CurriculumCatalogue>(), region, regionId is null ? regions : [region!], period,
            new DateOnly(2026, 11, 24));
    });

    /// <summary>The page's tables, as shown: key → rows of cell texts, the header first.</summary>
    private static Dictionary<string, List<List<string>>> PageTables(IDocument page) =>
        page.QuerySelectorAll("table[data-report-table]").ToDictionary(t => t.GetAttribute("data-report-table")!,
            t => t.QuerySelectorAll("tr").Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToList()).ToList());

    [Fact]
    public async Task Should_equal_a_direct_count_for_the_programme_and_a_region_over_years_halves_and_any_two_dates()
    {
        var sv = await RegionIdAsync("SV");
        await app.RunAsync<ReachRollupJob>(j => j.RunFullAsync());
        ReportPeriod[] periods =
        [
            ReportPeriod.Choose(PeriodKind.FiscalYear, 2026, 1, null, null, null).Period!,
            ReportPeriod.Choose(PeriodKind.HalfYear, 2026, 2, null, null, null).Period!,
            ReportPeriod.Choose(PeriodKind.SchoolYear, 2026, 1, null, null, 1).Period!,
            ReportPeriod.Choose(PeriodKind.Custom, 0, 1, new DateOnly(2026, 6, 10), new DateOnly(2026, 9, 17), null).Period!,
        ];
        foreach (var period in periods)
        {
            foreach (var region in new int?[] { null, sv })
            {
                var direct = await DirectAsync(region, period);
                direct.AssertEqual(await PackAsync(region, period));
            }
        }
        // The demo data has something to count in every part of the pack.
        var year = await DirectAsync(null, periods[0]);
        Assert.True(year.Reach["ELEM"].Completed > 0 && year.Reach["FAM"].Enrolled > 0 && year.Classes["ELEM"].Lessons > 0 && year.Officers["ELEM"].Active > 0);
        Assert.Contains(year.Municipalities.Values, m => m.FamiliesEnrolled is > 0 and < Suppression.Below);
    }

    [Fact]
    public async Task Should_show_the_same_figures_on_the_page_in_each_csv_and_in_the_workbook_with_small_counts_hidden_in_all()
    {
        var admin = await SignedInAsync(DemoAccounts.Admin);
        var page = await admin.GetDocumentAsync($"/Reports?{FiscalYear2026}");
        var tables = PageTables(page);
        Assert.Equal(["officers", "classes", "reach", "municipalities", "months", "fidelity", "definitions"], tables.Keys);
        Assert.Equal(3, page.QuerySelectorAll("svg.report-chart[role=img]").Length);
        Assert.All(page.QuerySelectorAll("svg.report-chart"), svg => Assert.NotNull(page.GetElementById(svg.GetAttribute("aria-describedby")!)));

        // The page's figures are the pack's, which equal a direct count (above).
        var period = ReportPeriod.Choose(PeriodKind.FiscalYear, 2026, 1, null, null, null).Period!;
        var direct = await DirectAsync(null, period);
        var elementary = tables["reach"].Single(r => r[0] == "Elementary");
        Assert.Equal(direct.Reach["ELEM"].Enrolled.ToString("N0", CultureInfo.GetCultureInfo("en")), elementary[1]);
        Assert.Equal(direct.Reach["ELEM"].Completed.ToString("N0", CultureInfo.GetCultureInfo("en")), elementary[2]);
        // A municipality with a few families (column 4) and one with many students (column 2).
        var small = direct.Municipalities.First(m => m.Value.FamiliesEnrolled is > 0 and < Suppression.Below);
        var large = direct.Municipalities.First(m => m.Value.StudentsEnrolled >= Suppression.Below);
        var smallRow = tables["municipalities"].Single(r => r[0] == small.Key.Region && r[1] == small.Key.Municipality);
        var largeRow = tables["municipalities"].Single(r => r[0] == large.Key.Region && r[1] == large.Key.Municipality);
        Assert.Equal("<10", smallRow[4]);
        Assert.Equal(large.Value.StudentsEnrolled.ToString("N0", CultureInfo.GetCultureInfo("en")), largeRow[2]);

        // Each CSV holds the page's table, numbers plain.
        foreach (var (key, rows) in tables)
        {
            var csv = Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"/Reports?handler=Csv&table={key}&{FiscalYear2026}")).TrimStart('\uFEFF');
            var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(string.Join(',', rows[0]), lines[0]);
            Assert.True(lines.Length >= rows.Count, key);
        }
        var municipalitiesCsv = Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"/Reports?handler=Csv&table=municipalities&{FiscalYear2026}"));
        Assert.Contains($"{small.Key.Region},{small.Key.Municipality},{string.Join(',', smallRow.Skip(2))}", municipalitiesCsv);
        Assert.Equal("<10", smallRow[4]);
        Assert.Contains($"{large.Key.Region},{large.Key.Municipality},{large.Value.StudentsEnrolled},", municipalitiesCsv);

        // The workbook, read back: a cover sheet, then one sheet per table, each cell as the page shows it.
        var response = await admin.GetAsync($"/Reports?handler=Excel&{FiscalYear2026}");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var sheets = ReadWorkbook(await response.Content.ReadAsByteArrayAsync(), CultureInfo.GetCultureInfo("en"));
        Assert.Equal(["Report", "Officers", "Classes and lessons", "Students and families", "By municipality", "By month", "Fidelity", "Definitions"], sheets.Keys);
        Assert.Contains(sheets["Report"], r => r[0] == "Scope" && r[1] == "The whole programme");
        foreach (var ((key, rows), sheet) in tables.Zip(sheets.Values.Skip(1)))
        {
            Assert.True(sheet.Count >= rows.Count, key);
            for (var i = 0; i < rows.Count; i++) Assert.Equal(rows[i], sheet[i].Take(rows[i].Count).Select(c => c).ToList());
        }
        Assert.Equal("<10", sheets["By municipality"].Single(r => r[0] == small.Key.Region && r[1] == small.Key.Municipality)[4]);
    }

    /// <summary>Each sheet's rows, each cell as text: a number formatted by its cell's style (count, percentage, one decimal) as the page would.</summary>
    internal static Dictionary<string, List<List<string>>> ReadWorkbook(byte[] bytes, CultureInfo culture)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var formats = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().Select(f => f.NumberFormatId?.Value ?? 0).ToList();
        var result = new Dictionary<string, List<List<string>>>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            result[sheet.Name!] = part.Worksheet.Descendants<Row>().Select(row => row.Elements<Cell>().Select(cell =>
            {
                if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString!.InnerText;
                var number = double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture);
                return formats[(int)(cell.StyleIndex?.Value ?? 0)] switch
                {
                    9 => number.ToString("P0", culture),
                    164 => number.ToString("N1", culture),
                    _ => number.ToString("N0", culture),
                };
            }).ToList()).ToList();
        }
        return result;
    }

    [Fact]
    public async Task Should_give_a_manager_their_region_in_spanish_and_answer_404_for_another_region_in_every_output()
    {
        var manager = await SignedInAsync(DemoAccounts.ManagerSv, "es");
        var page = await manager.GetDocumentAsync("/Reports?kind=HalfYear&year=2026&part=2");
        Assert.Contains("Informe para financiadores: El Salvador", page.QuerySelector("#report-title")!.TextContent);
        Assert.Contains("Semestre: 1 de julio de 2026 – 31 de diciembre de 2026", page.QuerySelector("#report-cover")!.TextContent);
        Assert.Contains("Fecha de entrega", page.QuerySelector("#report-cover")!.TextContent);
        Assert.Equal("Estudiantes y familias", page.QuerySelector("#heading-reach")!.TextContent);
        Assert.DoesNotContain(page.QuerySelectorAll("#regionId option"), o => o.GetAttribute("value") == "");
        var workbook = ReadWorkbook(await manager.GetByteArrayAsync("/Reports?handler=Excel&kind=HalfYear&year=2026&part=2"), CultureInfo.GetCultureInfo("es"));
        Assert.Equal("Informe", workbook.Keys.First());
        Assert.Contains("Estudiantes y familias", workbook.Keys);

        var hn = await RegionIdAsync("HN");
        foreach (var url in new[] { $"/Reports?regionId={hn}", $"/Reports?regionId={hn}&kind=HalfYear&year=2026&part=2",
                     $"/Reports?handler=Excel&regionId={hn}&kind=HalfYear&year=2026&part=2", $"/Reports?handler=Csv&table=reach&regionId={hn}&kind=HalfYear&year=2026&part=2" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync(url)).StatusCode);
        }

        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync($"/Reports?{FiscalYear2026}")).StatusCode);
    }

    [Fact]
    public async Task Should_refuse_a_period_that_cannot_be_in_the_readers_language_and_show_no_report()
    {
        var manager = await SignedInAsync(DemoAccounts.ManagerSv, "es");
        var backwards = await manager.GetDocumentAsync("/Reports?kind=Custom&from=2026-05-01&to=2026-04-01");
        Assert.Contains("Escriba las dos fechas, la última igual o posterior a la primera.", backwards.QuerySelector("#to-error")!.TextContent);
        Assert.Null(backwards.QuerySelector("#report-title"));
        var typo = await manager.GetDocumentAsync("/Reports?kind=Custom&from=2026-05-01&to=mañana");
        Assert.Contains("no es válido", typo.QuerySelector("#to-error")!.TextContent);
        Assert.Null(typo.QuerySelector("#report-title"));

        var admin = await SignedInAsync(DemoAccounts.Admin);
        var programmeSchoolYear = await admin.GetDocumentAsync("/Reports?kind=SchoolYear&year=2026");
        Assert.Contains("A school year is a region's", programmeSchoolYear.QuerySelector("#kind-error")!.TextContent);
        Assert.Null(programmeSchoolYear.QuerySelector("#report-title"));
    }
}

/// <summary>The pack on a generated national dataset (with cancelled classes and lapsed officers) against the direct count.</summary>
public class GeneratedReportTests
{
    [Fact]
    public async Task Should_equal_a_direct_count_on_a_generated_programme()
    {
        await using var app = new EmptyAppFactory();
        _ = app.Services;
        await app.GenerateAsync(new GeneratorOptions(Regions: 3, Schools: 12, Classes: 90, StudentsPerClass: 8, Seed: 11));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReachRollupJob>().RunFullAsync();
        }
        var curriculum = app.Services.GetRequiredService<CurriculumCatalogue>();
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);
        await app.QueryAsync(async db =>
        {
            var regions = await db.Regions.AsNoTracking().OrderBy(r => r.Name).ToListAsync();
            Assert.True(await db.Classes.AnyAsync(c => c.Status == ClassStatus.Cancelled && c.CancelledOn != null));
            var periods = new[]
            {
                ReportPeriod.Choose(PeriodKind.FiscalYear, today.Month >= 10 ? today.Year + 1 : today.Year, 1, null, null, null).Period!,
                ReportPeriod.Choose(PeriodKind.FiscalYear, today.Month >= 10 ? today.Year : today.Year - 1, 1, null, null, null).Period!,
                ReportPeriod.Choose(PeriodKind.Quarter, today.Year, (today.Month - 1) / 3 + 1, null, null, null).Period!,
                ReportPeriod.Choose(PeriodKind.Custom, 0, 1, today.AddDays(-200), today.AddDays(-45), null).Period!,
            };
            var counted = 0;
            foreach (var period in periods)
            {
                foreach (var region in regions.Prepend(null))
                {
                    var pack = await ReportPack.LoadAsync(db, curriculum, region, region is null ? regions : [region], period, today);
                    var direct = await DirectReport.CountAsync(db, curriculum, region?.Id, period, today);
                    direct.AssertEqual(pack);
                    counted += pack.Classes.Sum(c => c.Lessons + c.Cancelled) + pack.Reach.Sum(r => r.Completed);
                }
            }
            Assert.True(counted > 0);
            return 0;
        });
    }
}
