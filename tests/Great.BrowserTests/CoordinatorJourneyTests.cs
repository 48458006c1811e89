using System.Text;
using Microsoft.Playwright;

namespace Great.BrowserTests;

[Collection(BrowserCollection.Name)]
public class CoordinatorJourneyTests(BrowserFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Should_let_the_coordinator_create_a_class_import_a_roster_assign_an_instructor_and_plan_dates()
    {
        var page = await NewPageAsync(locale: "es-SV");
        await page.SignInAsync("coordinator@example.org");
        await page.WaitForURLAsync("**/Schools");

        // Create the class.
        await page.GetByRole(AriaRole.Link, new() { Name = "Complejo Educativo Colonia Escalón" }).ClickAsync();
        await page.Locator("#new-class").ClickAsync();
        await page.Locator("#Input_ComponentCode").SelectOptionAsync("ELEM");
        await page.Locator("#Input_Grade").FillAsync("5");
        await page.Locator("#Input_Section").FillAsync("D");
        await page.Locator("#Input_ClassroomTeacher").FillAsync("Profa. Yanira Orellana");
        await page.Locator("#class-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/Classes/Details/*");
        Assert.Contains("Primaria · 5 D", await page.Locator("h1").TextContentAsync());
        var classUrl = page.Url;

        // Import the roster from a CSV file.
        await page.Locator("#class-actions a", new() { HasText = "Lista de estudiantes" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Importar un archivo CSV" }).ClickAsync();
        await page.Locator("#file").SetInputFilesAsync(new FilePayload
        {
            Name = "5D.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("given_name,family_name,student_id\nValeria,Menjívar,ES-501\nÓscar,Ñamendi,ES-502\nKatherine,López,ES-503\n"),
        });
        await page.Locator("#upload button[type=submit]").ClickAsync();
        await page.Locator("#import-preview").WaitForAsync();
        Assert.Equal("3", await page.Locator("[data-kind=NewStudent] .count").TextContentAsync());
        await page.Locator("#confirm-import button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/Classes/Roster/*");
        Assert.Equal(3, await page.Locator("#roster tbody tr").CountAsync());
        Assert.Contains("Óscar Ñ.", await page.Locator("#roster").TextContentAsync());

        // Assign a certified instructor.
        await page.GotoAsync(classUrl);
        await page.Locator("#class-instructor a").ClickAsync();
        var carlos = page.Locator("select[name=InstructorId] option", new() { HasText = "Hernández Rivas, Carlos" });
        await page.Locator("select[name=InstructorId]").SelectOptionAsync((await carlos.GetAttributeAsync("value"))!);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/Classes/Details/*");
        Assert.Contains("Carlos Hernández Rivas", await page.Locator("#class-instructor").TextContentAsync());

        // Plan the dates: Tuesdays from the first week of February.
        await page.Locator("#class-actions a", new() { HasText = "Planificar fechas" }).ClickAsync();
        await page.Locator("#FirstDay").FillAsync("2027-02-02");
        await page.Locator("#day-Tuesday").CheckAsync();
        await page.Locator("#generate button[type=submit]").ClickAsync();
        await page.Locator("#dates").WaitForAsync();
        Assert.Equal("2027-02-02", await page.Locator("input[name='Dates[0]']").InputValueAsync());
        Assert.Equal("2027-03-09", await page.Locator("input[name='Dates[5]']").InputValueAsync());
        // Generated, then checked and saved.
        Assert.True(await page.Locator("#generated").IsVisibleAsync());
        await page.Locator("#dates button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/Classes/Details/*");

        await page.GotoAsync(classUrl);
        Assert.Equal(6, await page.Locator("#lessons tbody tr").CountAsync());
        Assert.Contains("9/3/2027", await page.Locator("#lessons").TextContentAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "coordinator-new-class-es.png"), FullPage = true });
    }

    [Theory]
    [InlineData("es-SV", "Primaria")]
    [InlineData("en-US", "Elementary")]
    public async Task Should_let_the_coordinator_choose_the_instructor_when_creating_a_class(string locale, string elementary)
    {
        var page = await NewPageAsync(locale: locale);
        await page.SignInAsync("coordinator@example.org");
        await page.WaitForURLAsync("**/Schools");
        var school = await page.Locator("main h2 a[href^='/Schools/Details/']", new() { HasText = "Complejo Educativo Colonia Escalón" }).GetAttributeAsync("href");
        await page.GotoAsync($"/Classes/Edit?schoolId={school!.Split('/').Last()}&culture={locale[..2]}");

        // No component yet: no officer to offer. With one, the officers certified for it, and only them.
        var officers = page.Locator("#Input_InstructorId optgroup:not([disabled]) option");
        Assert.Equal(0, await officers.CountAsync());
        await page.Locator("#Input_ComponentCode").SelectOptionAsync("ELEM");
        Assert.True(await officers.CountAsync() > 0, "officers certified for Elementary are offered");
        Assert.Equal(["ELEM"], await page.Locator("#Input_InstructorId optgroup:not([disabled])").EvaluateAllAsync<string[]>("gs => gs.map(g => g.dataset.component)"));
        Assert.Equal(elementary, await page.Locator("#Input_InstructorId optgroup:not([disabled])").GetAttributeAsync("label"));
        var carlos = page.Locator("#Input_InstructorId optgroup:not([disabled]) option", new() { HasText = "Hernández Rivas, Carlos" });
        await page.Locator("#Input_InstructorId").SelectOptionAsync((await carlos.GetAttributeAsync("value"))!);
        await page.Locator("#Input_Grade").FillAsync("4");
        await page.Locator("#Input_Section").FillAsync("INS");
        await page.Locator("#class-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/Classes/Details/*");
        Assert.Contains("Carlos Hernández Rivas", await page.Locator("#class-instructor").TextContentAsync());
    }
}
