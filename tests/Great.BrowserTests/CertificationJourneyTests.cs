using Microsoft.Playwright;

namespace Great.BrowserTests;

[Collection(BrowserCollection.Name)]
public class CertificationJourneyTests(BrowserFixture app) : BrowserTest(app)
{

    [Fact]
    public async Task Should_show_the_instructor_a_certification_their_manager_just_granted()
    {
        var manager = await NewPageAsync(locale: "es-SV");
        await manager.SignInAsync("manager.sv@example.org");
        await manager.Locator("nav a[href='/Instructors']").ClickAsync();
        await manager.GetByRole(AriaRole.Link, new() { Name = "Hernández Rivas, Carlos" }).ClickAsync();
        await manager.GetByRole(AriaRole.Link, new() { Name = "Otorgar una certificación" }).ClickAsync();

        await manager.Locator("#Input_ComponentCode").SelectOptionAsync("FAM");
        await manager.Locator("#Input_Level").SelectOptionAsync("Instructor");
        await manager.Locator("main button[type=submit]").ClickAsync();
        await manager.WaitForURLAsync("**/Instructors/Details/*");
        Assert.Contains("queda certificado para Familias", await manager.Locator(".alert-success").TextContentAsync());
        await manager.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "manager-instructor-details-es.png"), FullPage = true });

        var officer = await NewPageAsync(locale: "es-SV", width: 360, height: 740);
        await officer.SignInAsync("instructor@example.org");
        var families = officer.Locator("#my-certifications tr", new() { HasText = "Familias" });
        Assert.Equal(1, await families.CountAsync());
        Assert.Contains("Provisional", await families.TextContentAsync()); // until a mentor signs it off
        await officer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "instructor-certifications-phone.png"), FullPage = true });
    }
}
