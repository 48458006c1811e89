using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Great.Web.Pages;

/// <summary>
/// Shown for 403, 404 and 429 (re-executed by the status-code middleware, which keeps the code and the request's
/// method: a refused post is re-executed as a post, with the token of a form this page did not issue).
/// </summary>
[IgnoreAntiforgeryToken]
public class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code) => Code = code;

    public void OnPost(int code) => Code = code;
}
