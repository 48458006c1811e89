using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Great.Web.Pages.Phone;

/// <summary>What the phone shows, with no connection, for a page it has not kept.</summary>
public class OfflineModel : PageModel
{
    public void OnGet() { }
}
