using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Great.Web.Pages;

/// <summary>Each role lands on the home page of its scope.</summary>
public class IndexModel : PageModel
{
    public IActionResult OnGet() => UserScope.From(User).Role switch
    {
        Roles.Admin => RedirectToPage("/Admin/Index"),
        Roles.RegionalManager => RedirectToPage("/Reach/Index"),
        Roles.SchoolCoordinator => RedirectToPage("/Schools/Index"),
        Roles.Instructor => RedirectToPage("/Classes/Mine"),
        _ => Forbid(),
    };
}
