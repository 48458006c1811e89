using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Great.Web.Pages;

/// <summary>Shown for 403 and 404 (re-executed by the status-code middleware, which keeps the code).</summary>
public class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code) => Code = code;
}
