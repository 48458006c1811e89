using FluentValidation;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Account;

public class ChangePasswordModel(
    UserManager<GreatUser> users, SignInManager<GreatUser> signIn,
    IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public PasswordInput Input { get; set; } = new();
    public bool MustChange { get; private set; }

    public sealed class PasswordInput
    {
        public string CurrentPassword { get; set; } = "";
        public string NewPassword { get; set; } = "";
        public string ConfirmPassword { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<PasswordInput>
    {
        public Validator(IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage(L["Enter your current password."]);
            RuleFor(x => x.NewPassword).NotEmpty().WithMessage(L["Enter a new password."])
                .NotEqual(x => x.CurrentPassword).WithMessage(L["The new password must differ from the current one."]);
            RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword).WithMessage(L["The two new passwords do not match."]);
        }
    }

    public void OnGet() => MustChange = User.HasClaim(ScopeClaims.MustChangePassword, "true");

    public async Task<IActionResult> OnPostAsync()
    {
        MustChange = User.HasClaim(ScopeClaims.MustChangePassword, "true");
        if (!ModelState.IsValid) return Page();
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.CurrentPassword" : "Input.NewPassword";
                ModelState.AddModelError(field, error.Description);
            }
            return Page();
        }
        if (user.MustChangePassword)
        {
            user.MustChangePassword = false;
            await users.UpdateAsync(user);
        }
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = L["Your password has been changed."].Value;
        return RedirectToPage("/Index");
    }
}
