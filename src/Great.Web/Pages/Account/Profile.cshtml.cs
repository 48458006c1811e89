using Great.Web.Jobs;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Account;

/// <summary>The user's own settings: which reminder emails to receive (certification expiry always comes).</summary>
public class ProfileModel(UserManager<GreatUser> users, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public List<string> Wanted { get; set; } = [];
    public GreatUser Account { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        Account = user;
        Wanted = ReminderJob.Optional.Where(user.Wants).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        user.ReminderOptOuts = string.Join(",", ReminderJob.Optional.Where(kind => !Wanted.Contains(kind)));
        await users.UpdateAsync(user);
        TempData["Message"] = L["Your reminder settings are saved."].Value;
        return RedirectToPage();
    }
}
