using FluentValidation;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Account;

public class LoginModel(
    SignInManager<GreatUser> signIn, UserManager<GreatUser> users, SecurityEventLog securityEvents,
    IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public LoginInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>Set by the sign-out only (TempData, not the address: a link cannot make a browser drop unsent lessons).</summary>
    public const string SignedOutKey = "SignedOut";

    /// <summary>This page follows an explicit sign-out: it clears what the browser kept of the session.</summary>
    public bool SignedOut { get; private set; }

    public sealed class LoginInput
    {
        public string Email { get; set; } = "";
        public string Password { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<LoginInput>
    {
        public Validator(IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.Email).NotEmpty().WithMessage(L["Enter your email."])
                .EmailAddress().WithMessage(L["Enter a valid email address."]);
            RuleFor(x => x.Password).NotEmpty().WithMessage(L["Enter your password."]);
        }
    }

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true) return LocalRedirect(SafeReturnUrl);
        SignedOut = TempData[SignedOutKey] is true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();

        var email = Input.Email.Trim();
        var user = await users.FindByEmailAsync(email);
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (user is null || result.IsNotAllowed || result.IsLockedOut)
        {
            // As slow as a wrong password: the time of the answer does not tell which accounts exist, are disabled or locked.
            users.PasswordHasher.VerifyHashedPassword(user ?? new GreatUser(), TimingHash, Input.Password);
        }
        if (result.RequiresTwoFactor) return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl });
        if (!result.Succeeded)
        {
            var why = user is null ? SecurityReason.UnknownEmail : result.IsNotAllowed ? SecurityReason.AccountDisabled : result.IsLockedOut ? SecurityReason.AccountLocked : SecurityReason.WrongPassword;
            await securityEvents.WriteAsync(SecurityEventKind.SignInFailed, user, email, why);
            // One message whatever went wrong, so the page never tells a stranger which accounts exist.
            ModelState.AddModelError("", L["Email or password is not correct, or this account cannot sign in now. After 5 failed attempts an account is locked for 15 minutes."]);
            return Page();
        }
        await securityEvents.WriteAsync(SecurityEventKind.SignedIn, user, detail: SecurityReason.Password);
        return this.Land(user!, ReturnUrl);
    }

    private static readonly string TimingHash = new PasswordHasher<GreatUser>().HashPassword(new GreatUser(), Guid.NewGuid().ToString());

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}
