using Great.Web.Curriculum;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Great.Web.Pages.Curriculum;

/// <summary>Every component edition and its lessons, for any signed-in user.</summary>
public class IndexModel(CurriculumCatalogue catalogue) : PageModel
{
    public IReadOnlyList<CurriculumComponent> Components => catalogue.Components;

    public void OnGet() { }
}
