using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Great.Web.Pages.Instructors;

/// <summary>Officers of the manager's region (all, for admins): filter, search, page, export as CSV.</summary>
public class IndexModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IOptions<CertificationOptions> options,
    SecurityEventLog securityEvents, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? RegionId { get; set; }
    [BindProperty(SupportsGet = true)] public int? AgencyId { get; set; }
    [BindProperty(SupportsGet = true)] public CertificationStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Component { get; set; }
    [BindProperty(SupportsGet = true)] public Activity? Teaching { get; set; }
    /// <summary>Only officers provisional for longer than the programme allows: due for a mentor's observation.</summary>
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public enum Activity { Teaching, NotTeaching }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Agencies { get; private set; } = [];
    public IReadOnlyList<CurriculumComponent> Components => curriculum.Current;
    public Standings Standing { get; private set; } = new([]);
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public sealed record Row(int Id, string BadgeNumber, string FamilyName, string GivenName, string Agency, string Region,
        string Email, string? Phone, string Culture, DateOnly? LastTrainedOn, int ClassesThisYear);

    public async Task OnGetAsync()
    {
        var user = UserScope.From(User);
        Agencies = (await db.Agencies.AsNoTracking().VisibleTo(user)
            .OrderBy(a => a.Name).Select(a => new { a.Id, a.Name }).ToListAsync()).Select(a => (a.Id, a.Name)).ToList();
        var (query, thisYear) = await FilteredAsync(user);
        Total = await query.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await Project(query.OrderBy(i => i.FamilyName).ThenBy(i => i.GivenName).Skip((PageNumber - 1) * PageSize).Take(PageSize), thisYear)
            .ToListAsync();
        Standing = await Standings.LoadAsync(db, Rows.Select(r => r.Id).ToList(), time, options.Value.ProvisionalMonths);
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var user = UserScope.From(User);
        var (query, thisYear) = await FilteredAsync(user);
        var rows = await Project(query.OrderBy(i => i.FamilyName).ThenBy(i => i.GivenName), thisYear).ToListAsync();
        var standing = await Standings.LoadAsync(db, rows.Select(r => r.Id).ToList(), time);
        var header = new List<string> { L["Badge"], L["Family name"], L["Given name"], L["Agency"], L["Region"], L["Email"], L["Phone"], L["Language"], L["Classes this school year"] };
        header.AddRange(Components.Select(c => c.Name.Current));
        await securityEvents.WriteForSelfAsync(SecurityEventKind.NamesExported, $"instructors.csv: {rows.Count} officers");
        return CsvFile.Create("instructors.csv", header, rows.Select(r => (IReadOnlyList<string?>)
            [r.BadgeNumber, r.FamilyName, r.GivenName, r.Agency, r.Region, r.Email, r.Phone, r.Culture, r.ClassesThisYear.ToString(),
             .. Components.Select(c => (string?)L[$"CertificationStatus.{standing.For(r.Id, c.Code)}"].Value)]));
    }

    /// <summary>The instructors in scope that match the filters; "this school year" is each region's own.</summary>
    private async Task<(IQueryable<Instructor> Query, IQueryable<SchoolClass> ThisYear)> FilteredAsync(UserScope user)
    {
        var regions = await db.Regions.AsNoTracking().VisibleTo(user).Where(r => RegionId == null || r.Id == RegionId).ToListAsync();
        var thisYear = db.Classes.Where(_ => false);
        foreach (var region in regions)
        {
            var year = region.SchoolYearOf(region.Today(time));
            var regionId = region.Id;
            thisYear = thisYear.Concat(db.Classes.Where(c => c.School.RegionId == regionId && c.SchoolYear == year && c.Status != ClassStatus.Cancelled));
        }
        // One "today" for the filter: the manager's region's (UTC's for admins, a day off at most).
        var today = regions.Count == 1 ? regions[0].Today(time) : DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

        var query = db.Instructors.AsNoTracking().VisibleTo(user);
        if (RegionId is { } onlyRegion) query = query.Where(i => i.Agency.RegionId == onlyRegion);
        if (!string.IsNullOrWhiteSpace(Q)) query = query.WhereContains(db, Q, i => i.GivenName + " " + i.FamilyName + " " + i.BadgeNumber + " " + i.Email);
        if (AgencyId is { } agency) query = query.Where(i => i.AgencyId == agency);
        if (Status is { } status)
        {
            // The officer's standing, as the row shows it: the best of their certifications for a component (Instructor.StatusFor).
            var component = Component;
            query = status == CertificationStatus.None
                ? query.Where(i => !i.Certifications.Any(c => component == null || c.ComponentCode == component))
                : query.Where(Instructor.StandsAt(status, component, today));
        }
        else if (Component is { } code)
        {
            query = query.Where(i => i.Certifications.Any(c => c.ComponentCode == code));
        }
        if (Teaching == Activity.Teaching) query = query.Where(i => thisYear.Any(c => c.InstructorId == i.Id));
        if (Teaching == Activity.NotTeaching)
        {
            // "Certified, not teaching": may teach something today, yet has no class this school year.
            var mayTeach = Certification.AllowsTeachingOn(today);
            query = query.Where(i => !thisYear.Any(c => c.InstructorId == i.Id) && i.Certifications.AsQueryable().Any(mayTeach));
        }
        if (Overdue)
        {
            var overdue = Certification.OverdueForObservation(today, options.Value.ProvisionalMonths);
            var component = Component;
            query = query.Where(i => i.Certifications.AsQueryable().Where(c => component == null || c.ComponentCode == component).Any(overdue));
        }
        return (query, thisYear);
    }

    private static IQueryable<Row> Project(IQueryable<Instructor> query, IQueryable<SchoolClass> thisYear) => query.Select(i => new Row(
        i.Id, i.BadgeNumber, i.FamilyName, i.GivenName, i.Agency.Name, i.Agency.Region.Name, i.Email, i.Phone, i.Culture,
        i.Trainings.Max(t => (DateOnly?)t.EndedOn) ?? i.Certifications.Max(c => (DateOnly?)c.TrainedOn),
        thisYear.Count(c => c.InstructorId == i.Id)));

    public Dictionary<string, string?> RouteFor(int page) => new()
    {
        ["q"] = Q, ["regionId"] = RegionId?.ToString(), ["agencyId"] = AgencyId?.ToString(), ["status"] = Status?.ToString(), ["component"] = Component,
        ["teaching"] = Teaching?.ToString(), ["overdue"] = Overdue ? "true" : null, ["p"] = page.ToString(),
    };
}
