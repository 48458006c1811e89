using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Admin.Schools;

public class IndexModel(GreatDbContext db) : PageModel
{
    public IReadOnlyList<SchoolRow> Schools { get; private set; } = [];

    public sealed record SchoolRow(int Id, string Region, string Municipality, string Code, string Name, int Classes, bool IsSite);

    public async Task OnGetAsync() =>
        Schools = await db.Schools.AsNoTracking().OrderBy(s => s.Region.Name).ThenBy(s => s.Municipality).ThenBy(s => s.Name)
            .Select(s => new SchoolRow(s.Id, s.Region.Name, s.Municipality, s.Code, s.Name, s.Classes.Count, s.Kind != PlaceKind.School)).ToListAsync();
}
