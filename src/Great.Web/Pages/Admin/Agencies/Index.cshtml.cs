using Great.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Admin.Agencies;

public class IndexModel(GreatDbContext db) : PageModel
{
    public IReadOnlyList<AgencyRow> Agencies { get; private set; } = [];

    public sealed record AgencyRow(int Id, string Region, string Name, int Instructors);

    public async Task OnGetAsync() =>
        Agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Region.Name).ThenBy(a => a.Name)
            .Select(a => new AgencyRow(a.Id, a.Region.Name, a.Name, db.Instructors.Count(i => i.AgencyId == a.Id))).ToListAsync();
}
