using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Great.Web.Pages.Account;

/// <summary>
/// Single sign-on: off to the provider, and back. An account already linked to the provider's subject signs in; else
/// the Great account with the provider's verified email is linked, once; anyone else is refused. Nothing is created,
/// no role is given, and Great's own rules still apply (a disabled account, a second factor).
/// </summary>
public class ExternalModel(SignInManager<GreatUser> signIn, UserManager<GreatUser> users, SecurityEventLog securityEvents,
    IOptions<SingleSignOnOptions> options, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Refusal { get; private set; }

    public IActionResult OnGet()
    {
        if (!options.Value.Enabled) return NotFound();
        var callback = Url.Page("/Account/External", "Callback", new { ReturnUrl });
        return Challenge(signIn.ConfigureExternalAuthenticationProperties(SingleSignOnOptions.Scheme, callback), SingleSignOnOptions.Scheme);
    }

    public async Task<IActionResult> OnGetCallbackAsync()
    {
        if (!options.Value.Enabled) return NotFound();
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null) return await RefuseAsync(null, null, SecurityReason.NoAnswer, L["The sign-in with {0} did not finish. Try again.", options.Value.DisplayName]);

        var linked = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: false);
        var email = info.Principal.FindFirst("email")?.Value?.Trim();
        if (linked.RequiresTwoFactor) return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl });
        if (linked.Succeeded)
        {
            var user = (await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey))!;
            await securityEvents.WriteAsync(SecurityEventKind.ExternalSignIn, user, detail: $"sub={info.ProviderKey}");
            return await LandAsync(user);
        }
        if (linked.IsLockedOut || linked.IsNotAllowed)
            return await RefuseAsync(await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey), email, SecurityReason.CannotSignIn);

        // Not linked yet: only a verified email, of an account that exists, links it.
        var verified = info.Principal.FindFirst("email_verified")?.Value is { } v && bool.TryParse(v, out var yes) && yes;
        if (string.IsNullOrEmpty(email) || !(verified || options.Value.TrustEmailWithoutVerifiedClaim))
            return await RefuseAsync(null, email, SecurityReason.NoVerifiedEmail, L["{0} did not confirm an email address for this account, so it cannot be linked to a Great account.", options.Value.DisplayName]);
        var account = await users.FindByEmailAsync(email);
        if (account is null)
            return await RefuseAsync(null, email, SecurityReason.NoAccount, L["No Great account uses the email {0}. Ask your administrator to create one.", email]);
        if (!await signIn.CanSignInAsync(account) || await users.IsLockedOutAsync(account)) return await RefuseAsync(account, email, SecurityReason.CannotSignIn);

        var added = await users.AddLoginAsync(account, info);
        if (!added.Succeeded) return await RefuseAsync(account, email, SecurityReason.LinkedElsewhere, L["This {0} account is linked to another Great account.", options.Value.DisplayName]);
        await securityEvents.WriteAsync(SecurityEventKind.ExternalLinked, account, detail: $"sub={info.ProviderKey}");
        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: false);
        if (result.RequiresTwoFactor) return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl });
        await securityEvents.WriteAsync(SecurityEventKind.ExternalSignIn, account, detail: $"sub={info.ProviderKey}");
        return await LandAsync(account);
    }

    /// <summary>The provider answered with an error (the person cancelled, the provider refused).</summary>
    public Task<IActionResult> OnGetFailedAsync() =>
        RefuseAsync(null, null, SecurityReason.ProviderFailed, L["The sign-in with {0} did not finish. Try again.", options.Value.DisplayName]);

    private async Task<IActionResult> LandAsync(GreatUser user)
    {
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        return this.Land(user, ReturnUrl);
    }

    // The same words as the password page: a disabled or locked account is not named as such.
    private Task<IActionResult> RefuseAsync(GreatUser? user, string? email, string why) =>
        RefuseAsync(user, email, why, L["Email or password is not correct, or this account cannot sign in now. After 5 failed attempts an account is locked for 15 minutes."]);

    private async Task<IActionResult> RefuseAsync(GreatUser? user, string? email, string why, string message)
    {
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        await securityEvents.WriteAsync(SecurityEventKind.ExternalRefused, user, email, why);
        Refusal = message;
        return Page();
    }
}
