using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Reports;

/// <summary>
/// Student workbooks to order: for the classes in my scope that start in the next four weeks (each in its region's
/// calendar), one workbook per student on the roster today, per school, component and workbook language.
/// </summary>
[Authorize(Policy = Operations.OrderHandbooks)]
public class HandbooksModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    public IReadOnlyList<OrderRow> Orders { get; private set; } = [];

    public sealed record OrderRow(int SchoolId, string School, string Municipality, string Component, string Language, int Classes, int Workbooks, DateOnly FirstStart);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnGetCsvAsync()
    {
        await LoadAsync();
        return CsvFile.Create("handbook-orders.csv",
            [L["School or site"], L["Municipality"], L["Component"], L["Workbook language"], L["Classes"], L["Workbooks"], L["First class starts"]],
            Orders.Select(o => (IReadOnlyList<string?>)[o.School, o.Municipality, curriculum.NameOf(o.Component), LocalizationServices.NativeName(o.Language), o.Classes.ToString(),
                o.Workbooks.ToString(), o.FirstStart.ToString("yyyy-MM-dd")]));
    }

    private async Task LoadAsync()
    {
        var user = UserScope.From(User);
        // Each region's today lies within a day of UTC's; the classes found are then held to their own region's calendar.
        var utcToday = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var (earliest, latest) = (utcToday.AddDays(-1), utcToday.AddDays(SchoolClass.HandbookLeadDays + 1));
        var candidates = await db.Classes.AsNoTracking().VisibleTo(user)
            .Where(c => c.Status == ClassStatus.Planned && c.PlannedLessons.Any(p => p.PlannedOn >= earliest && p.PlannedOn <= latest))
            .Select(c => new
            {
                c.SchoolId, School = c.School.Name, c.School.Municipality, c.School.Region.TimeZone, c.ComponentCode, c.Language, c.Status,
                StartsOn = c.PlannedLessons.Min(p => (DateOnly?)p.PlannedOn), Students = c.Enrollments.Count(e => e.WithdrawnOn == null),
            }).ToListAsync();
        Orders = candidates.Where(c => SchoolClass.NeedsHandbooksBy(c.Status, c.StartsOn, Region.TodayIn(c.TimeZone, time)))
            .GroupBy(c => (c.SchoolId, c.School, c.Municipality, c.ComponentCode, c.Language))
            .Select(g => new OrderRow(g.Key.SchoolId, g.Key.School, g.Key.Municipality, g.Key.ComponentCode, g.Key.Language, g.Count(), g.Sum(c => c.Students),
                g.Min(c => c.StartsOn!.Value)))
            .OrderBy(o => o.FirstStart).ThenBy(o => o.School, StringComparer.CurrentCulture).ThenBy(o => curriculum.OrderOf(o.Component)).ToList();
    }
}
