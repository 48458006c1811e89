using FluentValidation;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Account;

public class LoginModel(
    SignInManager<GreatUser> signIn, UserManager<GreatUser> users,
    IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public LoginInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

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

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            ModelState.AddModelError("", L["Email or password is not correct."]);
            return Page();
        }
        if (user.IsDisabled)
        {
            ModelState.AddModelError("", L["This account is disabled. Ask your administrator."]);
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            ModelState.AddModelError("", L["Too many failed attempts: the account is locked for 15 minutes."]);
            return Page();
        }
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", L["Email or password is not correct."]);
            return Page();
        }
        // The user's own language wins over the browser's from now on.
        Response.WriteCultureCookie(user.Culture);
        return user.MustChangePassword ? RedirectToPage("/Account/ChangePassword") : LocalRedirect(SafeReturnUrl);
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}
