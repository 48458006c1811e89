using System.Net;
using Great.IntegrationTests.Infrastructure;

namespace Great.IntegrationTests.Account;

public class LoginTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    [Theory]
    [InlineData(DemoAccounts.Admin, "/Admin", "#users")]
    [InlineData(DemoAccounts.ManagerSv, "/Reach", "#region-totals")]
    [InlineData(DemoAccounts.ManagerUs, "/Reach", "#region-totals")]
    [InlineData(DemoAccounts.Coordinator, "/Schools", "[data-school-id]")]
    [InlineData(DemoAccounts.Instructor, "/Classes/Mine", "#my-certifications")]
    public async Task Should_land_each_demo_account_on_the_home_page_of_its_role(string email, string home, string marker)
    {
        var browser = app.CreateBrowser();
        var login = await browser.LoginAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var landing = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, landing.StatusCode);
        Assert.Equal(home, landing.Headers.Location!.OriginalString);
        var page = await browser.GetDocumentAsync(home);
        Assert.NotNull(page.QuerySelector(marker));
    }

    [Fact]
    public async Task Should_show_the_region_figures_to_the_manager()
    {
        var browser = await app.SignedInAsync(DemoAccounts.ManagerSv);
        var page = await browser.GetDocumentAsync("/Reach");
        Assert.Contains("El Salvador", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("5", page.QuerySelector("[data-stat=schools]")!.TextContent.Trim());
        Assert.Equal("5", page.QuerySelector("[data-stat=instructors]")!.TextContent.Trim());
        // The figure is the list it links to (the rule is the list's; its numbers are the demo's and the day's).
        var notTeaching = await browser.GetDocumentAsync(page.QuerySelector("[data-stat=not-teaching]")!.GetAttribute("href")!);
        Assert.StartsWith($"{notTeaching.QuerySelectorAll("#instructors tbody tr").Length} ", page.QuerySelector("[data-stat=not-teaching]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Should_show_the_coordinator_only_their_two_schools()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Coordinator);
        var page = await browser.GetDocumentAsync("/Schools");
        var schools = page.QuerySelectorAll("[data-school-id] h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Centro Escolar República de Colombia", "Complejo Educativo Colonia Escalón"], schools.Order());
    }

    [Fact]
    public async Task Should_show_the_instructor_the_next_lesson_to_teach()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Instructor);
        var page = await browser.GetDocumentAsync("/Classes/Mine");
        Assert.NotNull(page.QuerySelector("#teach-next"));
        Assert.Equal(3, page.QuerySelectorAll("table.classes tbody tr").Length);
    }

    [Fact]
    public async Task Should_refuse_a_wrong_password_with_a_message_and_no_session()
    {
        var browser = app.CreateBrowser();
        var response = await browser.LoginAsync(DemoAccounts.ManagerUs, "Wrong-password-1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.Contains("Email or password is not correct, or this account cannot sign in now.", page.Text());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Reach")).StatusCode);
    }

    [Fact]
    public async Task Should_redisplay_the_login_form_with_errors_for_empty_fields()
    {
        var browser = app.CreateBrowser();
        var response = await browser.SubmitAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = "", ["Input.Password"] = "" });
        var page = await Forms.ParseAsync(response);
        Assert.Contains("Enter your email.", page.Text());
        Assert.Contains("Enter your password.", page.Text());
    }

    [Fact]
    public async Task Should_render_the_login_page_in_spanish_for_a_spanish_browser()
    {
        var browser = app.CreateBrowser(acceptLanguage: "es-SV,es;q=0.9");
        var page = await browser.GetDocumentAsync("/Account/Login");
        Assert.Equal("es", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Iniciar sesión", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Contraseña", page.Text());
    }

    [Fact]
    public async Task Should_render_the_home_page_in_the_spanish_speaking_users_language_whatever_the_browser()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Instructor, language: "en-US");
        var page = await browser.GetDocumentAsync("/Classes/Mine");
        Assert.Contains("Mis clases", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Mis certificaciones", page.Text());
        Assert.Contains("Vigente", page.QuerySelector("#my-certifications")!.TextContent);
    }

    [Fact]
    public async Task Should_keep_the_language_switch_on_the_user()
    {
        var browser = await app.SignedInAsync(DemoAccounts.ManagerUs, language: "en-US");
        var switched = await browser.SubmitAsync("/Reach", [new("culture", "es")], "#language-switch");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("es", await app.QueryAsync(db => Task.FromResult(db.Users.Single(u => u.Email == DemoAccounts.ManagerUs).Culture)));

        // A new session on another device starts in the language the user chose.
        var other = await app.SignedInAsync(DemoAccounts.ManagerUs, language: "en-US");
        var page = await other.GetDocumentAsync("/Reach");
        Assert.Contains("Estudiantes inscritos", page.Text());

        await other.SubmitAsync("/Reach", [new("culture", "en")], "#language-switch");
        Assert.Contains("Students enrolled", (await other.GetDocumentAsync("/Reach")).Text());
    }

    [Fact]
    public async Task Should_sign_out()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Coordinator); // works in Spanish
        // A page of the session is never kept in the browser's HTTP cache: nothing of it is left there to clear.
        var signedIn = await browser.GetAsync("/Schools");
        Assert.Contains("no-store", signedIn.Headers.CacheControl!.ToString());
        var logout = await browser.SubmitAsync("/Schools", [], "form[action='/Account/Logout']");
        Assert.Equal("/Account/Login", logout.Headers.Location!.OriginalString);
        // The sign-in page clears what the browser kept (js/signed-out.js), not a header that holds the next page (ADR-016).
        Assert.False(logout.Headers.Contains("Clear-Site-Data"));
        var landing = await browser.GetDocumentAsync("/Account/Login");
        Assert.Equal("Ha cerrado la sesión.", landing.QuerySelector("#signed-out[data-clear-phone]")!.TextContent.Trim());
        Assert.NotNull(landing.QuerySelector("script[src*='/js/signed-out']"));
        // Only once, after the sign-out itself: a link to the sign-in page never clears a phone's unsent lessons.
        Assert.Null((await browser.GetDocumentAsync("/Account/Login")).QuerySelector("#signed-out"));
        Assert.StartsWith("/Account/Login", (await browser.GetAsync("/Schools")).Headers.Location!.AbsolutePath);
    }
}
