using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Sites;

/// <summary>The community sites in the user's scope: a coordinator's own, a manager's region's, all for an administrator.</summary>
public class IndexModel(GreatDbContext db) : PageModel
{
    public sealed record Row(int Id, string Region, string Municipality, string Name, PlaceKind Kind);

    public IReadOnlyList<Row> Sites { get; private set; } = [];

    public async Task OnGetAsync() =>
        Sites = await db.Schools.AsNoTracking().VisibleTo(UserScope.From(User)).Where(s => s.Kind != PlaceKind.School)
            .OrderBy(s => s.Region.Name).ThenBy(s => s.Municipality).ThenBy(s => s.Name)
            .Select(s => new Row(s.Id, s.Region.Name, s.Municipality, s.Name, s.Kind)).ToListAsync();
}
