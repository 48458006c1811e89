using Microsoft.Playwright;

namespace Great.BrowserTests;

[Collection(BrowserCollection.Name)]
public class RecordLessonJourneyTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Should_let_the_officer_record_a_lesson_with_two_absences_on_a_phone_and_see_the_grid_update()
    {
        var page = await NewPageAsync(locale: "es-SV", width: 360, height: 740);
        await page.SignInAsync("instructor@example.org");
        await page.WaitForURLAsync("**/Classes/Mine");

        await page.GetByRole(AriaRole.Link, new() { Name = "Primaria · 4 A" }).ClickAsync();
        await page.Locator("#record-lesson").ClickAsync();
        await page.WaitForURLAsync("**/Lessons/Record/*");
        Assert.Equal("3", await page.Locator("#LessonNumber").InputValueAsync());

        // Everyone starts present; tap two students.
        var rows = page.Locator(".attendance-row");
        var absentNames = new[] { (await rows.Nth(0).Locator(".name").TextContentAsync())!, (await rows.Nth(3).Locator(".name").TextContentAsync())! };
        await rows.Nth(0).ClickAsync();
        await rows.Nth(3).ClickAsync();
        var total = await rows.CountAsync();
        Assert.Equal($"{total - 2}/{total}", await page.Locator("#present-count").TextContentAsync());
        var box = await page.Locator(".sticky-submit button").BoundingBoxAsync();
        Assert.True(box!.Height >= 44 && box.Width >= 170, "the save button is a big tap target");
        Assert.True(box.X + box.Width >= 360 - 20, "at the thumb's side, clear of the tick boxes on the left");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "record-lesson-phone.png"), FullPage = true });

        await page.Locator(".sticky-submit button").ClickAsync();
        await page.WaitForURLAsync("**/Classes/Details/*");
        Assert.Contains("Lección 3 registrada (2 ausentes)", await page.Locator(".alert-success").TextContentAsync());
        foreach (var name in absentNames)
        {
            var row = page.Locator("#progress-grid tbody tr", new() { HasText = name });
            Assert.Equal("✗", (await row.Locator("td.grid-mark").Nth(2).TextContentAsync())?.Trim());
        }
        Assert.Equal(total - 2, await page.Locator("#progress-grid tbody tr td.grid-mark:nth-child(4).present").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "progress-grid-phone.png"), FullPage = true });
    }
}
