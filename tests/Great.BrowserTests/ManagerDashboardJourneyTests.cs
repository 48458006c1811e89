using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Great.BrowserTests;

[Collection(BrowserCollection.Name)]
public class ManagerDashboardJourneyTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Should_let_the_salvadoran_manager_open_the_dashboard_in_spanish_drill_down_to_a_school_and_download_csv()
    {
        await app.RunFullRollupAsync();
        var page = await NewPageAsync(locale: "es-SV");
        await page.SignInAsync("manager.sv@example.org");
        await page.WaitForURLAsync("**/Reach");

        Assert.Contains("Estudiantes y familias alcanzados frente a la meta", await page.Locator("main").TextContentAsync());
        // The chart and its curve, drawn from the weeks the school year has begun (a single point, and no height, on its first day).
        Assert.True(await page.Locator("#completion-chart").IsVisibleAsync());
        Assert.Equal(1, await page.Locator("#completion-chart polyline").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "manager-dashboard-es.png"), FullPage = true });

        await page.Locator("#reach-municipalities a", new() { HasText = "San Salvador" }).ClickAsync();
        await page.WaitForURLAsync("**/Reach/Municipality**");
        await page.Locator("#municipality-schools a", new() { HasText = "Centro Escolar República de Colombia" }).ClickAsync();
        await page.WaitForURLAsync("**/Reach/School/*");
        // The school's classes of this school year, as the roll-up counts them (how many depends on the day the demo is seeded).
        var classes = await app.DbAsync(async db =>
        {
            var school = await db.Schools.Include(s => s.Region).SingleAsync(s => s.Code == "SV-10101");
            var year = school.Region.SchoolYearOf(school.Region.Today(app.Clock));
            return await db.ReachRollups.CountAsync(r => r.Level == Great.Web.Domain.RollupLevel.Class && r.SchoolYear == year
                && db.Classes.Any(c => c.Id == r.ScopeId && c.SchoolId == school.Id));
        });
        Assert.Equal(classes, await page.Locator("#reach-classes tbody tr").CountAsync());

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-classes").ClickAsync());
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        var lines = (await File.ReadAllLinesAsync(path)).Where(l => l.Length > 0).ToList();
        Assert.StartsWith("Clase,Componente,Estudiantes inscritos", lines[0].TrimStart('\uFEFF'));
        Assert.Equal(classes + 1, lines.Count);
    }
}
