using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Great.Web.Pages;

/// <summary>Each role lands on the home page of its scope.</summary>
public class IndexModel : PageModel
{
    public IActionResult OnGet() => UserScope.From(User) is { Role.Length: > 0 } user ? RedirectToPage(user.HomePage) : Forbid();
}
