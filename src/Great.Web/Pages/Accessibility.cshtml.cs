using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Great.Web.Pages;

/// <summary>
/// The accessibility statement: the standard Great aims at, how it is checked, what is known not to meet it, and
/// where to report a problem (<c>Accessibility:Contact</c>, an address or a web page). Open to everyone.
/// </summary>
public class AccessibilityModel(IConfiguration config) : PageModel
{
    public string? Contact { get; private set; }

    public void OnGet() => Contact = config["Accessibility:Contact"] is { Length: > 0 } contact ? contact : null;
}
