using System.Net;
using System.Text.RegularExpressions;
using Great.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Admin;

/// <summary>An administrator edits an account (name, language, scope) and resets a forgotten password.</summary>
public class EditUserTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    private Task<string> IdOfAsync(string email) => app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task Should_change_a_coordinators_name_language_and_schools_and_end_their_sessions()
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var id = await IdOfAsync(DemoAccounts.Coordinator);
        var stamp = await app.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleAsync());
        var other = await app.QueryAsync(db => db.Schools.Where(s => s.Code == "SV-10102").Select(s => s.Id).SingleAsync());
        var own = await app.QueryAsync(db => db.Schools.Where(s => s.Code == "SV-10101").Select(s => s.Id).SingleAsync());
        var page = await admin.GetDocumentAsync("/Admin");
        Assert.NotNull(page.QuerySelector($"a[href='/Admin/Users/Edit/{id}']")); // the account's email opens its form

        var saved = await admin.SubmitAsync($"/Admin/Users/Edit/{id}", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Marta Coordinadora", ["Input.Culture"] = "en", ["Input.SchoolIds"] = other.ToString(),
        }, "form#edit-user");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var user = await app.QueryAsync(db => db.Users.Include(u => u.Schools).SingleAsync(u => u.Id == id));
        Assert.Equal("Marta Coordinadora", user.DisplayName);
        Assert.Equal("en", user.Culture);
        Assert.Contains(other, user.Schools.Select(s => s.SchoolId));
        Assert.DoesNotContain(own, user.Schools.Select(s => s.SchoolId));
        Assert.NotEqual(stamp, user.SecurityStamp); // what the account may see is read again at its next sign-in
    }

    [Theory]
    [InlineData("en", "Choose at least one school or site.")]
    [InlineData("es", "Elija al menos una escuela o un sitio.")]
    public async Task Should_redisplay_the_form_and_change_nothing_when_a_coordinator_would_have_no_school(string language, string error)
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin, language);
        var id = await IdOfAsync(DemoAccounts.Coordinator);
        var before = await app.QueryAsync(db => db.Users.Include(u => u.Schools).Where(u => u.Id == id).Select(u => new { u.DisplayName, Schools = u.Schools.Count }).SingleAsync());
        var form = await admin.GetDocumentAsync($"/Admin/Users/Edit/{id}?culture={language}");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await admin.PostAsync($"/Admin/Users/Edit/{id}?culture={language}", new FormUrlEncodedContent(
            [new("Input.DisplayName", "Changed"), new("Input.Culture", "es"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(error, (await Forms.ParseAsync(response)).Text());
        var after = await app.QueryAsync(db => db.Users.Include(u => u.Schools).Where(u => u.Id == id).Select(u => new { u.DisplayName, Schools = u.Schools.Count }).SingleAsync());
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Should_answer_404_for_an_account_that_does_not_exist()
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Users/Edit/no-such-account")).StatusCode);
    }

    [Fact]
    public async Task Should_reset_a_forgotten_password_to_a_one_time_password_that_must_be_changed()
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var id = await IdOfAsync(DemoAccounts.ManagerUs);
        // The first post only asks: nothing changes until the administrator confirms.
        var stamp = await app.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleAsync());
        var asked = await admin.SubmitAsync("/Admin", [], $"form[action='/Admin?id={id}&handler=ResetPassword']");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal(stamp, await app.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleAsync()));
        var confirmation = await admin.GetDocumentAsync(asked.Headers.Location!.OriginalString);
        Assert.Contains($"Reset the password of {DemoAccounts.ManagerUs}?", confirmation.QuerySelector("#confirm-reset")!.TextContent);
        var reset = await admin.SubmitAsync(asked.Headers.Location!.OriginalString, [], "form#confirm-reset");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var message = (await admin.GetDocumentAsync("/Admin")).QuerySelector(".alert-success")!.TextContent;
        var password = Regex.Match(message, $@"{Regex.Escape(DemoAccounts.ManagerUs)}: (\S+) ").Groups[1].Value;
        Assert.NotEmpty(password);

        var old = await app.CreateBrowser().LoginAsync(DemoAccounts.ManagerUs);
        Assert.NotEqual(HttpStatusCode.Redirect, old.StatusCode); // the old password no longer signs in: the form again
        var fresh = await app.CreateBrowser().LoginAsync(DemoAccounts.ManagerUs, password);
        Assert.Equal("/Account/ChangePassword", fresh.Headers.Location!.OriginalString);
    }
}
