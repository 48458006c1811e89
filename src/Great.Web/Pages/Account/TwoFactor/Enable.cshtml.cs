using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace Great.Web.Pages.Account.TwoFactor;

/// <summary>Sets up an authenticator app: scan the code (or type the key), prove it with a first code, keep the recovery codes.</summary>
public class EnableModel(UserManager<GreatUser> users, SignInManager<GreatUser> signIn, SecurityEventLog securityEvents,
    IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public AuthenticatorCodeInput Input { get; set; } = new();
    public string SharedKey { get; private set; } = "";
    public string QrCodeDataUri { get; private set; } = "";
    public bool Required { get; private set; }
    /// <summary>Shown once, right after the second factor is turned on.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (ModelState.IsValid && !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, TwoFactorCode.Normalize(Input.Code)))
            ModelState.AddModelError("Input.Code", L["This code is not correct. Check that the phone's time is right and enter the code shown now."]);
        if (!ModelState.IsValid)
        {
            await LoadKeyAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = await TwoFactorCode.NewRecoveryCodesAsync(users, securityEvents, user);
        // The session loses its "must set up a second factor" mark at once.
        await signIn.RefreshSignInAsync(user);
        return Page();
    }

    private async Task LoadKeyAsync(GreatUser user)
    {
        Required = User.HasClaim(ScopeClaims.MustSetUpTwoFactor, "true");
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        SharedKey = string.Join(" ", key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var uri = $"otpauth://totp/{Uri.EscapeDataString("Great")}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer=Great&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }
}
