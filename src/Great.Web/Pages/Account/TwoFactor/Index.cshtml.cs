using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Great.Web.Pages.Account.TwoFactor;

/// <summary>The user's own second factor: whether it is on, new recovery codes, turning it off where the role allows.</summary>
public class IndexModel(UserManager<GreatUser> users, SignInManager<GreatUser> signIn, SecurityEventLog securityEvents,
    IOptions<TwoFactorOptions> options, IStringLocalizer<SharedResource> L) : PageModel
{
    public bool Enabled { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public bool Required { get; private set; }
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!user.TwoFactorEnabled) return RedirectToPage("Enable");
        RecoveryCodes = await TwoFactorCode.NewRecoveryCodesAsync(users, securityEvents, user);
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        if (Required)
        {
            ModelState.AddModelError("", L["Your role needs a second factor: it cannot be turned off."]);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = L["Two-factor sign-in is off."].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(GreatUser user)
    {
        Enabled = user.TwoFactorEnabled;
        RecoveryCodesLeft = Enabled ? await users.CountRecoveryCodesAsync(user) : 0;
        Required = options.Value.IsRequiredFor(await users.GetRolesAsync(user));
    }
}
