using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Great.Web.Pages.Account;

internal static class SignInLanding
{
    /// <summary>
    /// Where every way of signing in (password, second factor, recovery code, single sign-on) ends: the user's own
    /// language wins over the browser's from now on, and the page asked for opens (only one of Great's own).
    /// </summary>
    public static IActionResult Land(this PageModel page, GreatUser user, string? returnUrl)
    {
        page.Response.WriteCultureCookie(user.Culture);
        if (user.MustChangePassword) return page.RedirectToPage("/Account/ChangePassword");
        return page.LocalRedirect(page.Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
