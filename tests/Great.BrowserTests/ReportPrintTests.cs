using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace Great.BrowserTests;

/// <summary>
/// A manager chooses a period on the report page and prints it to PDF, on A4 and on Letter: each PDF has the three
/// charts (their titles, axis labels and bars), the scope and period at the top of every page, the small counts as
/// "&lt;10", and none of the page's controls.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ReportPrintTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Should_print_the_report_pack_to_a_pdf_with_its_charts_and_a_running_head_on_every_page()
    {
        await app.RunFullRollupAsync();
        var page = await NewPageAsync();
        await page.SignInAsync("admin@example.org");
        await page.GotoAsync("/Reports");
        // The last 26 weeks of the app's day: months the demo has taught lessons in, on whatever day the suite runs.
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        await page.Locator("#kind").SelectOptionAsync("Custom");
        await page.Locator("#from").FillAsync(today.AddDays(-182).ToString("yyyy-MM-dd"));
        await page.Locator("#to").FillAsync(today.ToString("yyyy-MM-dd"));
        await page.Locator("#show-report").ClickAsync();
        await Assertions.Expect(page.Locator("#report-title")).ToContainTextAsync("Report for funders: The whole programme");
        await Assertions.Expect(page.Locator("svg.report-chart")).ToHaveCountAsync(3);
        // The bars of the two monthly charts (printed on one page) that have a height.
        var heights = await page.Locator("#chart-lessons rect.bar, #chart-completed rect.bar").EvaluateAllAsync<string[]>("bars => bars.map(b => b.getAttribute('height'))");
        var bars = heights.Count(h => double.Parse(h, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.True(bars > 0);

        foreach (var (format, width, height) in new[] { ("A4", 595.0, 842.0), ("Letter", 612.0, 792.0) })
        {
            var pdf = await page.PdfAsync(new PagePdfOptions { Format = format, PrintBackground = true });
            using var document = PdfDocument.Open(pdf);
            var pages = document.GetPages().ToList();
            Assert.True(pages.Count >= 2, $"{format}: {pages.Count} page(s)");
            Assert.All(pages, p => Assert.True(Math.Abs(p.Width - width) < 2 && Math.Abs(p.Height - height) < 2, $"{format}: {p.Width} × {p.Height} points"));
            // Every page starts with the report's scope and period (the table head that repeats).
            Assert.All(pages, p => Assert.Contains("Report for funders · The whole programme", string.Join(' ', p.GetWords().Select(w => w.Text))));

            var text = string.Join(' ', pages.SelectMany(p => p.GetWords()).Select(w => w.Text));
            foreach (var title in new[] { "Lessons delivered by month", "Students completed by month", "Completed against target, by component" })
                Assert.Contains(title, text);
            Assert.Contains(today.ToString("MMM yy", System.Globalization.CultureInfo.GetCultureInfo("en-US")), text); // the months chart's last label: today's month
            Assert.Contains("<10", text);
            Assert.DoesNotContain("Show report", text);
            Assert.DoesNotContain("Excel workbook", text);
            // The bars are drawn: the monthly charts' page holds at least one filled shape per bar.
            var chartPage = pages.First(p => p.Text.Contains("Lessons delivered by month"));
            Assert.True(chartPage.Paths.Count(path => path.IsFilled) >= bars, $"{format}: {chartPage.Paths.Count(path => path.IsFilled)} filled shapes for {bars} bars");
        }
    }
}
