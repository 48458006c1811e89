using Great.Web.Pages.Account.TwoFactor;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Account;

/// <summary>The second step of signing in: the code of the authenticator app, after a right password.</summary>
public class LoginWith2faModel(SignInManager<GreatUser> signIn, SecurityEventLog securityEvents, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public AuthenticatorCodeInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("/Account/Login");
        if (!ModelState.IsValid) return Page();
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(TwoFactorCode.Normalize(Input.Code), isPersistent: false, rememberClient: false);
        if (!result.Succeeded)
        {
            await securityEvents.WriteAsync(SecurityEventKind.TwoFactorFailed, user, detail: result.IsLockedOut ? SecurityReason.AccountLocked : SecurityReason.WrongCode);
            if (result.IsLockedOut) return RedirectToPage("/Account/Login");
            ModelState.AddModelError("Input.Code", L["This code is not correct. Check that the phone's time is right and enter the code shown now."]);
            return Page();
        }
        await securityEvents.WriteAsync(SecurityEventKind.SignedIn, user, detail: SecurityReason.PasswordAndCode);
        return this.Land(user, ReturnUrl);
    }
}
