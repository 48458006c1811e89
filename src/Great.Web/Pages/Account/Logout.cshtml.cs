using Great.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Great.Web.Pages.Account;

public class LogoutModel(SignInManager<GreatUser> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        // What the browser kept for this user (an officer's classes and rosters for offline use) goes with the session:
        // the page cleared it before posting, and the sign-in page clears what is left (js/signed-out.js). Not with
        // Clear-Site-Data: Chromium holds the next page until it has finished, sometimes for over 30 s (ADR-016).
        // Pages of a session are never in the HTTP cache (no-store), so there is no "cache" to clear either.
        TempData[LoginModel.SignedOutKey] = true;
        return RedirectToPage("/Account/Login");
    }
}
