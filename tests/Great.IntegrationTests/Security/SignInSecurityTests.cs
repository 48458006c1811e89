using System.Net;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Great.IntegrationTests.Security;

/// <summary>What a stranger learns at the sign-in page (nothing), what is recorded, and how fast a change reaches open sessions.</summary>
public class SignInSecurityTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private static async Task<string> MessageAsync(HttpResponseMessage response) =>
        (await Forms.ParseAsync(response)).QuerySelector("[role=alert]")!.TextContent.Trim();

    // The demo accounts' roles, granted when the seed made them, are events too: not the ones these tests look at.
    private Task<List<Great.Web.Domain.AuditEntry>> EventsAsync(string email) =>
        app.QueryAsync(db => db.AuditEntries.Where(a => a.Entity == SecurityEventFactory.AuditEntity && a.After!.Contains(email))
            .Where(a => !(a.Action == "RoleChanged" && a.UserName == "system" && a.At <= SeededAt)).OrderBy(a => a.Id).ToListAsync());

    private static readonly DateTimeOffset SeededAt = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Should_answer_a_wrong_password_an_unknown_email_and_a_disabled_account_alike()
    {
        await app.QueryAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == DemoAccounts.ManagerHn);
            user.IsDisabled = true;
            return await db.SaveChangesAsync();
        });

        var wrongPassword = await app.CreateBrowser().LoginAsync(DemoAccounts.ManagerUs, "Wrong-password-1");
        var unknownEmail = await app.CreateBrowser().LoginAsync("nobody.here@example.org", "Wrong-password-1");
        var disabledRightPassword = await app.CreateBrowser().LoginAsync(DemoAccounts.ManagerHn);

        var message = await MessageAsync(wrongPassword);
        Assert.Contains("Email or password is not correct", message);
        Assert.Equal(message, await MessageAsync(unknownEmail));
        Assert.Equal(message, await MessageAsync(disabledRightPassword));
        Assert.All(new[] { wrongPassword, unknownEmail, disabledRightPassword }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        // The trail knows what the page did not say.
        Assert.Equal("unknown email", SecurityEventFactory.Detail((await EventsAsync("nobody.here@example.org")).Single())!.Detail);
        var disabled = await EventsAsync(DemoAccounts.ManagerHn);
        Assert.Equal(["AccountDisabled", "SignInFailed"], disabled.Select(e => e.Action));
        Assert.Equal("account disabled", SecurityEventFactory.Detail(disabled[1])!.Detail);
        Assert.Equal("anonymous", disabled[1].UserName);
    }

    [Fact]
    public async Task Should_record_a_sign_in_and_a_password_change_as_security_events()
    {
        var browser = await app.SignedInAsync(DemoAccounts.ManagerSv);
        await browser.SubmitAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = DemoAccounts.Password, ["Input.NewPassword"] = "A-new-password-2026", ["Input.ConfirmPassword"] = "A-new-password-2026",
        });

        var events = await EventsAsync(DemoAccounts.ManagerSv);
        Assert.Equal(["SignedIn", "PasswordChanged"], events.Select(e => e.Action));
        Assert.Equal(DemoAccounts.ManagerSv, events[1].UserName);
        var id = await app.QueryAsync(db => db.Users.Where(u => u.Email == DemoAccounts.ManagerSv).Select(u => u.Id).SingleAsync());
        Assert.All(events, e => Assert.Equal(id, e.EntityId));
        // Never the password itself, in any form.
        Assert.All(events, e => Assert.DoesNotContain("A-new-password-2026", e.After + e.Before));
    }

    [Fact]
    public async Task Should_end_a_disabled_users_open_session_within_a_minute()
    {
        var officer = await app.SignedInAsync(DemoAccounts.Instructor);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/Classes/Mine")).StatusCode);

        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var id = await app.QueryAsync(db => db.Users.Where(u => u.Email == DemoAccounts.Instructor).Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync("/Admin", [], $"form[action='/Admin?id={id}&handler=Disable']")).StatusCode);

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        var after = await officer.GetAsync("/Classes/Mine");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/Login", after.Headers.Location!.OriginalString);
        var disabled = (await EventsAsync(DemoAccounts.Instructor)).Single(e => e.Action == "AccountDisabled");
        Assert.Equal(DemoAccounts.Admin, disabled.UserName);

        await admin.SubmitAsync("/Admin", [], $"form[action='/Admin?id={id}&handler=Disable']");
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowser().LoginAsync(DemoAccounts.Instructor)).StatusCode);
    }

    [Fact]
    public async Task Should_bring_a_scope_change_to_an_open_session_within_a_minute()
    {
        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator);
        var schools = await app.QueryAsync(db => db.UserSchools.Where(s => db.Users.Any(u => u.Id == s.UserId && u.Email == DemoAccounts.Coordinator))
            .Select(s => s.SchoolId).ToListAsync());
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/Schools/Details/{schools[0]}")).StatusCode);

        // Whatever takes the school away (a page, a command), the save pipeline records it.
        await app.QueryAsync(async db =>
        {
            db.UserSchools.Remove(await db.UserSchools.SingleAsync(s => s.SchoolId == schools[0] && db.Users.Any(u => u.Id == s.UserId && u.Email == DemoAccounts.Coordinator)));
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/Schools/Details/{schools[0]}")).StatusCode); // the session's claims, until its check

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/Schools/Details/{schools[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/Schools/Details/{schools[1]}")).StatusCode);
        var change = (await EventsAsync(DemoAccounts.Coordinator)).Single(e => e.Action == "ScopeChanged");
        Assert.Equal($"−school {schools[0]}", SecurityEventFactory.Detail(change)!.Detail);
    }

    [Fact]
    public async Task Should_record_a_role_change_of_an_existing_account()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<GreatUser>>();
        var user = (await users.FindByEmailAsync(DemoAccounts.ManagerUs))!;
        await users.AddToRoleAsync(user, Roles.Admin);

        var change = (await EventsAsync(DemoAccounts.ManagerUs)).Single(e => e.Action == "RoleChanged");
        Assert.Equal("+Admin", SecurityEventFactory.Detail(change)!.Detail);
        Assert.Equal("system", change.UserName);
    }
    [Fact]
    public async Task Should_find_an_event_by_an_email_with_a_plus_or_an_accent_as_typed()
    {
        await app.CreateBrowser().LoginAsync("josé+great@example.org", "Wrong-password-1");
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var found = await admin.GetDocumentAsync($"/Admin/Security?Account={Uri.EscapeDataString("josé+great")}");
        Assert.Contains("josé+great@example.org", Assert.Single(found.QuerySelectorAll("#security-events tbody tr")).TextContent);
    }

    [Fact]
    public async Task Should_record_an_export_of_names_and_list_security_events_for_the_administrator_with_filters()
    {
        var manager = await app.SignedInAsync(DemoAccounts.ManagerUs);
        var export = await manager.GetAsync("/Instructors?handler=Export");
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        var officers = (await export.Content.ReadAsStringAsync()).Trim().Split('\n').Length - 1;

        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var exports = await admin.GetDocumentAsync("/Admin/Security?Kind=NamesExported");
        var row = Assert.Single(exports.QuerySelectorAll("#security-events tbody tr"));
        Assert.Equal("NamesExported", row.GetAttribute("data-kind"));
        Assert.Contains(DemoAccounts.ManagerUs, row.TextContent);
        Assert.Contains($"instructors.csv: {officers} officers", row.TextContent);

        var byAccount = await admin.GetDocumentAsync($"/Admin/Security?Account={Uri.EscapeDataString(DemoAccounts.ManagerUs)}");
        var rows = byAccount.QuerySelectorAll("#security-events tbody tr");
        Assert.Equal(["NamesExported", "SignedIn"], rows.Take(2).Select(r => r.GetAttribute("data-kind"))); // newest first
        Assert.All(rows, r => Assert.Contains(DemoAccounts.ManagerUs, r.TextContent));
        Assert.Equal("password", rows[1].QuerySelectorAll("td").Last().TextContent.Trim());
        // An administrator who reads Spanish reads the reason in Spanish too.
        Task<int> AdminReads(string culture) => app.QueryAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Email == DemoAccounts.Admin)).Culture = culture;
            return await db.SaveChangesAsync();
        });
        await AdminReads("es");
        var spanishAdmin = await app.SignedInAsync(DemoAccounts.Admin, "es");
        var inSpanish = await spanishAdmin.GetDocumentAsync($"/Admin/Security?Kind=SignedIn&Account={Uri.EscapeDataString(DemoAccounts.ManagerUs)}");
        await AdminReads("en");
        Assert.Equal("contraseña", inSpanish.QuerySelectorAll("#security-events tbody tr").First().QuerySelectorAll("td").Last().TextContent.Trim());
        // A LIKE wildcard is a character to find, not "anything".
        Assert.NotNull((await admin.GetDocumentAsync("/Admin/Security?Account=%25")).QuerySelector("#no-events"));
        Assert.NotNull((await admin.GetDocumentAsync("/Admin/Security?Kind=SignedIn&From=2030-01-01")).QuerySelector("#no-events"));

        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync("/Admin/Security")).StatusCode);
    }
}

/// <summary>Sign-in attempts from one address are limited, whichever accounts they try.</summary>
public class SignInRateLimitTests(SignInRateLimitTests.App app) : IClassFixture<SignInRateLimitTests.App>
{
    public sealed class App : GreatAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:RateLimits:SignInPerMinute", "3");
        }
    }

    [Fact]
    public async Task Should_answer_429_after_the_limit_in_the_users_language_and_let_pages_be_read()
    {
        var spanish = app.CreateBrowser("es");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await spanish.LoginAsync($"guess{i}@example.org", "Wrong-password-1")).StatusCode);

        var refused = await spanish.LoginAsync(DemoAccounts.Admin);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        var text = (await Forms.ParseAsync(refused)).Text();
        Assert.True(text.Contains("Demasiados intentos"), System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " "));
        // Nothing was tried: the right password did not sign in, and no event says it did.
        Assert.False(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "SignedIn")));
        // Reading the page is not an attempt.
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowser().GetAsync("/Account/Login")).StatusCode);
    }
}
