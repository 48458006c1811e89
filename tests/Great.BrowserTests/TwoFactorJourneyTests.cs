using Microsoft.Playwright;
using OtpNet;

namespace Great.BrowserTests;

/// <summary>
/// A regional manager turns on two-factor sign-in from the profile, as a user would: reads the key beside the QR code,
/// types the app's code (computed here by Otp.NET), keeps the recovery codes, then signs in with a code and, without
/// the phone, with a recovery code.
/// </summary>
[Collection(BrowserCollection.Name)]
public class TwoFactorJourneyTests(BrowserFixture app) : BrowserTest(app)
{
    // The app checks a code against its own clock (the pinned day), so the phone's app computes it on that clock too.
    private string Code(string key, int stepsFromNow = 0) =>
        new Totp(Base32Encoding.ToBytes(key.Replace(" ", "").ToUpperInvariant())).ComputeTotp(app.Clock.GetUtcNow().UtcDateTime.AddSeconds(30 * stepsFromNow));

    private static async Task SignInWithPasswordAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync("Demo-2026!");
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/Account/LoginWith2fa**");
    }

    [Fact]
    public async Task Should_turn_on_two_factor_and_sign_in_with_a_code_then_with_a_recovery_code()
    {
        const string email = "manager.hn@example.org"; // no other browser test signs in as this manager
        var page = await NewPageAsync(locale: "es-HN");
        await page.SignInAsync(email);
        await page.GotoAsync("/Account/Profile");
        await page.GetByRole(AriaRole.Link, new() { Name = "Inicio de sesión en dos pasos" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Configurar el inicio de sesión en dos pasos" }).ClickAsync();
        Assert.True(await page.Locator("#qr-code").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100"));
        var key = (await page.Locator("#shared-key").TextContentAsync())!;
        await page.Locator("#Input_Code").FillAsync(Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Activar" }).ClickAsync();
        await page.Locator("#two-factor-on").WaitForAsync();
        var recovery = await page.Locator("#recovery-codes li").AllTextContentsAsync();
        Assert.Equal(10, recovery.Count);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "two-factor-recovery-codes.png") });
        await page.Locator("form[data-sign-out] button").ClickAsync();
        await page.WaitForURLAsync("**/Account/Login**");

        // The enrolment spent this step's code: the app's next one (the window is one step either side).
        await SignInWithPasswordAsync(page, email);
        await page.Locator("#Input_Code").FillAsync(Code(key, stepsFromNow: 1));
        await page.Locator("#two-factor-code button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/"));
        await page.Locator("form[data-sign-out] button").ClickAsync();
        await page.WaitForURLAsync("**/Account/Login**");

        await SignInWithPasswordAsync(page, email);
        await page.Locator("#use-recovery-code").ClickAsync();
        await page.Locator("#Input_Code").FillAsync(recovery[0].Trim());
        await page.Locator("#recovery-code button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/"));
        Assert.Contains("Códigos de recuperación restantes: 9", await page.Locator("main").TextContentAsync());
    }
}
