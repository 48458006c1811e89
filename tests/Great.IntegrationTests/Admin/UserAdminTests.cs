using System.Net;
using System.Text.RegularExpressions;
using Great.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Admin;

public class UserAdminTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    [Fact]
    public async Task Should_create_a_coordinator_who_must_change_the_one_time_password_first()
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var school = await app.QueryAsync(db => db.Schools.Where(s => s.Code == "GT-0101").Select(s => s.Id).SingleAsync());
        var created = await admin.SubmitAsync("/Admin/Users/Create", new Dictionary<string, string>
        {
            ["Input.Email"] = "new.coordinator@example.org", ["Input.DisplayName"] = "Rosa Tzoc",
            ["Input.Role"] = "SchoolCoordinator", ["Input.SchoolIds"] = school.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var message = (await admin.GetDocumentAsync("/Admin")).QuerySelector(".alert-success")!.TextContent;
        var password = Regex.Match(message, @"One-time password: (\S+) ").Groups[1].Value;
        Assert.NotEmpty(password);

        var user = await app.QueryAsync(db => db.Users.Include(u => u.Schools).SingleAsync(u => u.Email == "new.coordinator@example.org"));
        Assert.Equal("es", user.Culture); // Guatemala's language
        Assert.Equal([school], user.Schools.Select(s => s.SchoolId));

        var person = app.CreateBrowser();
        var login = await person.LoginAsync("new.coordinator@example.org", password);
        Assert.Equal("/Account/ChangePassword", login.Headers.Location!.OriginalString);
        var elsewhere = await person.GetAsync("/Schools");
        Assert.Equal("/Account/ChangePassword", elsewhere.Headers.Location!.OriginalString);

        var changed = await person.SubmitAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = password, ["Input.NewPassword"] = "Mi-clave-2026", ["Input.ConfirmPassword"] = "Mi-clave-2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var home = await person.GetDocumentAsync("/Schools");
        Assert.Contains("Escuela Oficial Urbana Mixta La Reformita", home.Text());
    }

    [Fact]
    public async Task Should_redisplay_the_form_with_errors_and_create_nothing_when_a_coordinator_has_no_school()
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var response = await admin.SubmitAsync("/Admin/Users/Create", new Dictionary<string, string>
        {
            ["Input.Email"] = "no.school@example.org", ["Input.DisplayName"] = "Nobody", ["Input.Role"] = "SchoolCoordinator",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose at least one school or site.", (await Forms.ParseAsync(response)).Text());
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "no.school@example.org")));
    }

    [Fact]
    public async Task Should_refuse_a_second_account_for_the_same_officer()
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var officer = await app.QueryAsync(db => db.Instructors.Where(i => i.BadgeNumber == "SV-4471").Select(i => i.Id).SingleAsync());
        var response = await admin.SubmitAsync("/Admin/Users/Create", new Dictionary<string, string>
        {
            ["Input.Email"] = "carlos.again@example.org", ["Input.DisplayName"] = "Carlos", ["Input.Role"] = "Instructor",
            ["Input.InstructorId"] = officer.ToString(),
        });
        Assert.Contains("This officer already has an account.", (await Forms.ParseAsync(response)).Text());
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "carlos.again@example.org")));
    }

    [Fact]
    public async Task Should_stop_a_disabled_user_from_signing_in()
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var id = await app.QueryAsync(db => db.Users.Where(u => u.Email == DemoAccounts.ManagerHn).Select(u => u.Id).SingleAsync());
        var disabled = await admin.SubmitAsync("/Admin", [], $"form[action='/Admin?id={id}&handler=Disable']");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);

        var response = await app.CreateBrowser().LoginAsync(DemoAccounts.ManagerHn);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The same answer as a wrong password: the page does not tell a stranger the account exists and is disabled.
        Assert.Contains("Email or password is not correct, or this account cannot sign in now.", (await Forms.ParseAsync(response)).Text());
        Assert.DoesNotContain("disabled", (await Forms.ParseAsync(response)).Text());
    }

    [Fact]
    public async Task Should_audit_a_region_change_with_who_and_before_and_after()
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var panama = await app.QueryAsync(db => db.Regions.Where(r => r.CountryCode == "PA").Select(r => r.Id).SingleAsync());
        var saved = await admin.SubmitAsync($"/Admin/Regions/Edit/{panama}", new Dictionary<string, string> { ["Input.SchoolYearStartMonth"] = "2" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var audit = await app.QueryAsync(db => db.AuditEntries.Where(a => a.Entity == "Region" && a.EntityId == panama.ToString() && a.Action == "Modified").SingleAsync());
        Assert.Equal(DemoAccounts.Admin, audit.UserName);
        Assert.Contains("\"SchoolYearStartMonth\":3", audit.Before);
        Assert.Contains("\"SchoolYearStartMonth\":2", audit.After);
    }

    [Fact]
    public async Task Should_redisplay_a_region_with_an_unknown_time_zone_and_change_nothing()
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var response = await admin.SubmitAsync("/Admin/Regions/Edit", new Dictionary<string, string>
        {
            ["Input.Name"] = "Belize", ["Input.CountryCode"] = "BZ", ["Input.TimeZone"] = "Mars/Olympus_Mons",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter a time zone such as America/El_Salvador.", (await Forms.ParseAsync(response)).Text());
        Assert.False(await app.QueryAsync(db => db.Regions.AnyAsync(r => r.Name == "Belize")));
    }

    [Fact]
    public async Task Should_add_a_school_and_an_agency()
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var honduras = await app.QueryAsync(db => db.Regions.Where(r => r.CountryCode == "HN").Select(r => r.Id).SingleAsync());
        await admin.SubmitAsync("/Admin/Schools/Edit", new Dictionary<string, string>
        {
            ["Input.RegionId"] = honduras.ToString(), ["Input.Municipality"] = "La Ceiba", ["Input.Code"] = "HN-0101", ["Input.Name"] = "Escuela Güeña Núñez",
        });
        await admin.SubmitAsync("/Admin/Agencies/Edit", new Dictionary<string, string>
        {
            ["Input.RegionId"] = honduras.ToString(), ["Input.Name"] = "Policía Nacional — La Ceiba",
        });
        Assert.Contains("Escuela Güeña Núñez", (await admin.GetDocumentAsync("/Admin/Schools")).Text());
        Assert.Contains("Policía Nacional — La Ceiba", (await admin.GetDocumentAsync("/Admin/Agencies")).Text());

        var duplicate = await admin.SubmitAsync("/Admin/Schools/Edit", new Dictionary<string, string>
        {
            ["Input.RegionId"] = honduras.ToString(), ["Input.Municipality"] = "La Ceiba", ["Input.Code"] = "HN-0101", ["Input.Name"] = "Copy",
        });
        Assert.Contains("Another school in this region has this code.", (await Forms.ParseAsync(duplicate)).Text());
    }

    [Fact]
    public async Task Should_send_a_community_site_to_the_site_form_and_answer_404_for_it_on_the_school_form()
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var site = await app.QueryAsync(db => db.Schools.Where(s => s.Code == "SV-SITE-1").Select(s => new { s.Id, s.Name, s.RegionId }).SingleAsync());
        var list = await admin.GetDocumentAsync("/Admin/Schools");
        Assert.NotNull(list.QuerySelector($"a[href='/Sites/Edit/{site.Id}']"));
        Assert.Null(list.QuerySelector($"a[href='/Admin/Schools/Edit/{site.Id}']"));

        // The school form would give a site a school's rules: it does not know sites.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Schools/Edit/{site.Id}")).StatusCode);
        var posted = await admin.SubmitAsync("/Admin/Schools/Edit", new Dictionary<string, string>
        {
            ["Input.Id"] = site.Id.ToString(), ["Input.RegionId"] = site.RegionId.ToString(), ["Input.Municipality"] = "Otra",
            ["Input.Code"] = "SITE-X", ["Input.Name"] = "Renombrado",
        });
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(site.Name, await app.QueryAsync(db => db.Schools.Where(s => s.Id == site.Id).Select(s => s.Name).SingleAsync()));
    }

    [Theory]
    [InlineData("en", "You cannot disable your own account.", "Your account")]
    [InlineData("es", "No puede desactivar su propia cuenta.", "Su cuenta")]
    public async Task Should_offer_no_disable_button_on_the_administrators_own_row_and_refuse_the_post_as_an_error(string language, string refusal, string own)
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin, language);
        var id = await app.QueryAsync(db => db.Users.Where(u => u.Email == DemoAccounts.Admin).Select(u => u.Id).SingleAsync());
        // The language of the request (?culture=): the account's own stays as the other tests expect it.
        var page = await admin.GetDocumentAsync($"/Admin?culture={language}");
        Assert.Null(page.QuerySelector($"form[action='/Admin?id={id}&handler=Disable']"));
        var row = page.QuerySelectorAll("tr").Single(r => r.TextContent.Contains(DemoAccounts.Admin));
        Assert.Contains(own, row.TextContent);
        Assert.NotEmpty(page.QuerySelectorAll("form[action*='handler=Disable']")); // others' rows keep theirs

        // A post made anyway (an old tab, a crafted form): refused, said as an error, nothing changed.
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var posted = await admin.PostAsync($"/Admin?id={id}&handler=Disable&culture={language}",
            new FormUrlEncodedContent([new("disable", "true"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var after = await admin.GetDocumentAsync($"/Admin?culture={language}");
        Assert.Equal(refusal, after.QuerySelector("#error-message.alert-danger[role=alert]")!.TextContent.Trim());
        Assert.Null(after.QuerySelector(".alert-success"));
        Assert.False(await app.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.IsDisabled).SingleAsync()));
    }
}
