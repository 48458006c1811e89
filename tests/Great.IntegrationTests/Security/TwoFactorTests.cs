using System.Net;
using Great.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace Great.IntegrationTests.Security;

/// <summary>
/// Two-factor sign-in with an authenticator app, the codes computed by an independent TOTP library (Otp.NET) from the
/// key the page shows, on the app's clock. Administrators and regional managers must use it (the default setting).
/// </summary>
public class TwoFactorTests(TwoFactorTests.App app) : IClassFixture<TwoFactorTests.App>
{
    public sealed class App : FakeClockAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:TwoFactor:RequiredFor", "Admin,RegionalManager");
        }

        public string CodeFor(string sharedKey, int stepsFromNow = 0) =>
            new Totp(Base32Encoding.ToBytes(sharedKey.Replace(" ", "").ToUpperInvariant())).ComputeTotp(Clock.GetUtcNow().UtcDateTime.AddSeconds(30 * stepsFromNow));
    }

    /// <summary>Sets up the second factor through the pages; gives the key and the recovery codes shown.</summary>
    private async Task<(string Key, List<string> RecoveryCodes)> EnrolAsync(HttpClient browser)
    {
        var setup = await browser.GetDocumentAsync("/Account/TwoFactor/Enable");
        var key = setup.QuerySelector("#shared-key")!.TextContent;
        Assert.StartsWith("data:image/png;base64,", setup.QuerySelector("#qr-code")!.GetAttribute("src"));
        var done = await browser.SubmitAsync("/Account/TwoFactor/Enable", new Dictionary<string, string> { ["Input.Code"] = app.CodeFor(key) }, "#enable-two-factor");
        var page = await Forms.ParseAsync(done);
        Assert.NotNull(page.QuerySelector("#two-factor-on"));
        return (key, page.QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToList());
    }

    private async Task<HttpResponseMessage> SecondStepAsync(HttpClient browser, string code) =>
        await browser.SubmitAsync("/Account/LoginWith2fa", new Dictionary<string, string> { ["Input.Code"] = code }, "#two-factor-code");

    [Fact]
    public async Task Should_enrol_sign_in_with_a_code_once_and_with_a_recovery_code_once()
    {
        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator);
        var (key, recovery) = await EnrolAsync(coordinator);
        Assert.Equal(10, recovery.Count);

        // The password alone no longer opens the account.
        var browser = app.CreateBrowser();
        var password = await browser.LoginAsync(DemoAccounts.Coordinator);
        Assert.StartsWith("/Account/LoginWith2fa", password.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Schools")).StatusCode);
        var wrong = await SecondStepAsync(browser, "000000" == app.CodeFor(key, 1) ? "111111" : "000000");
        Assert.Contains("This code is not correct", (await Forms.ParseAsync(wrong)).Text());

        app.Clock.Advance(TimeSpan.FromSeconds(30)); // the enrolment spent this step's code
        var code = app.CodeFor(key);
        Assert.Equal(HttpStatusCode.Redirect, (await SecondStepAsync(browser, code)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Schools")).StatusCode);

        // The same code, seen over a shoulder, does not open a second session.
        var thief = await app.SignedInAsync(DemoAccounts.Coordinator);
        Assert.Equal(HttpStatusCode.OK, (await SecondStepAsync(thief, code)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await thief.GetAsync("/Schools")).StatusCode);

        // Without the phone: a recovery code, good once.
        var noPhone = await app.SignedInAsync(DemoAccounts.Coordinator);
        var recovered = await noPhone.SubmitAsync("/Account/LoginWithRecoveryCode", new Dictionary<string, string> { ["Input.Code"] = recovery[0] }, "#recovery-code");
        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await noPhone.GetAsync("/Schools")).StatusCode);
        var again = await app.SignedInAsync(DemoAccounts.Coordinator);
        var reused = await again.SubmitAsync("/Account/LoginWithRecoveryCode", new Dictionary<string, string> { ["Input.Code"] = recovery[0] }, "#recovery-code");
        Assert.Contains("This recovery code is not correct, or it was used already.", (await Forms.ParseAsync(reused)).Text());

        var events = await app.QueryAsync(db => db.AuditEntries.Where(a => a.Entity == "Security" && a.After!.Contains(DemoAccounts.Coordinator))
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["SignedIn", "TwoFactorEnabled", "RecoveryCodesNew", "TwoFactorFailed", "SignedIn", "TwoFactorFailed", "RecoveryCodeUsed", "TwoFactorFailed"],
            events.Where(e => e != "RoleChanged"));
    }

    [Fact]
    public async Task Should_make_a_regional_manager_set_up_a_second_factor_before_anything_else()
    {
        var manager = app.CreateBrowser();
        var signedIn = await manager.LoginAsync(DemoAccounts.ManagerHn);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var reach = await manager.GetAsync("/Reach");
        Assert.Equal("/Account/TwoFactor/Enable", reach.Headers.Location!.OriginalString);
        Assert.NotNull((await manager.GetDocumentAsync("/Account/TwoFactor/Enable")).QuerySelector("#two-factor-required"));

        await EnrolAsync(manager);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/Reach")).StatusCode);
        // Required for the role: it cannot be turned off.
        var page = await manager.GetDocumentAsync("/Account/TwoFactor");
        Assert.Null(page.QuerySelector("form[action*=Disable]"));
        Assert.Contains("Su rol requiere un segundo factor: no se puede desactivar.", page.Text()); // the manager works in Spanish
        // Posted anyway (the form is not offered): refused with the same words.
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var off = await manager.PostAsync("/Account/TwoFactor?handler=Disable", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Contains("Su rol requiere un segundo factor: no se puede desactivar.", (await Forms.ParseAsync(off)).Text());
        Assert.True(await app.QueryAsync(db => db.Users.Where(u => u.Email == DemoAccounts.ManagerHn).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task Should_let_an_administrator_reset_a_lost_second_factor_and_record_who_did()
    {
        // The administrator needs a second factor too.
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        await EnrolAsync(admin);

        var officer = await app.SignedInAsync(DemoAccounts.Instructor);
        var (key, _) = await EnrolAsync(officer);
        var id = await app.QueryAsync(db => db.Users.Where(u => u.Email == DemoAccounts.Instructor).Select(u => u.Id).SingleAsync());

        var reset = await admin.SubmitAsync("/Admin", [], $"form[action='/Admin?id={id}&handler=ResetTwoFactor']");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        // The officer's open session ends at its next check; the password alone signs in again; the old app's codes are gone.
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Redirect, (await officer.GetAsync("/Classes/Mine")).StatusCode);
        var again = app.CreateBrowser();
        var signIn = await again.LoginAsync(DemoAccounts.Instructor);
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        Assert.NotEqual(key, (await again.GetDocumentAsync("/Account/TwoFactor/Enable")).QuerySelector("#shared-key")!.TextContent);

        var disabled = await app.QueryAsync(db => db.AuditEntries.Where(a => a.Entity == "Security" && a.Action == "TwoFactorDisabled" && a.EntityId == id).SingleAsync());
        Assert.Equal(DemoAccounts.Admin, disabled.UserName);
    }
}
