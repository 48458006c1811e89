using Microsoft.Playwright;

namespace Great.BrowserTests;

[Collection(BrowserCollection.Name)]
public class InstructorJourneyTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Should_let_the_instructor_sign_in_switch_to_spanish_and_see_their_classes()
    {
        var page = await NewPageAsync(locale: "en-US");
        await page.GotoAsync("/");
        Assert.EndsWith("/Account/Login?ReturnUrl=%2F", page.Url);
        Assert.Equal("Sign in", (await page.Locator("h1").TextContentAsync())?.Trim());

        await page.GetByLabel("Email").FillAsync("instructor@example.org");
        await page.GetByLabel("Password").FillAsync("Demo-2026!");
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/Classes/Mine");

        // The officer's own language is Spanish; switch to English and back, as a user would.
        await page.Locator("#language-switch button[value=en]").ClickAsync();
        Assert.Equal("My classes", (await page.Locator("h1").TextContentAsync())?.Trim());
        await page.Locator("#language-switch button[value=es]").ClickAsync();
        await page.WaitForURLAsync("**/Classes/Mine");

        Assert.Equal("Mis clases", (await page.Locator("h1").TextContentAsync())?.Trim());
        Assert.Equal("es", await page.Locator("html").GetAttributeAsync("lang"));
        var classes = page.Locator("table.classes tbody tr");
        Assert.Equal(3, await classes.CountAsync());
        Assert.Contains("Centro Escolar República de Colombia", await page.Locator("table.classes").First.TextContentAsync());
        Assert.True(await page.Locator("#teach-next").IsVisibleAsync());

        var screenshot = Path.Combine(BrowserFixture.ScreenshotFolder, "instructor-my-classes-es.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }
}
