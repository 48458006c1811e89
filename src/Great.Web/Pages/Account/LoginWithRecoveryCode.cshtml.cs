using FluentValidation;
using Great.Web.Pages.Account.TwoFactor;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Account;

/// <summary>The second step of signing in without the phone: one of the recovery codes, each good once.</summary>
public class LoginWithRecoveryCodeModel(SignInManager<GreatUser> signIn, UserManager<GreatUser> users, SecurityEventLog securityEvents,
    IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public CodeInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public sealed class CodeInput
    {
        public string Code { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<CodeInput>
    {
        public Validator(IStringLocalizer<SharedResource> L) =>
            RuleFor(x => x.Code).Must(c => TwoFactorCode.Normalize(c).Length is > 0 and <= 20).WithMessage(L["Enter one of your recovery codes."]);
    }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("/Account/Login");
        if (!ModelState.IsValid) return Page();
        // Codes are shown as xxxxx-xxxxx and kept so: a typed code is put back in that shape.
        var typed = TwoFactorCode.Normalize(Input.Code);
        var code = typed.Length == 10 ? $"{typed[..5]}-{typed[5..]}" : typed;
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (!result.Succeeded)
        {
            await securityEvents.WriteAsync(SecurityEventKind.TwoFactorFailed, user, detail: result.IsLockedOut ? SecurityReason.AccountLocked : SecurityReason.WrongRecoveryCode);
            if (result.IsLockedOut) return RedirectToPage("/Account/Login");
            ModelState.AddModelError("Input.Code", L["This recovery code is not correct, or it was used already."]);
            return Page();
        }
        var left = await users.CountRecoveryCodesAsync(user);
        await securityEvents.WriteAsync(SecurityEventKind.RecoveryCodeUsed, user, detail: $"{left} left");
        TempData["Message"] = L["You signed in with a recovery code. Recovery codes left: {0}.", left].Value;
        return this.Land(user, ReturnUrl);
    }
}
