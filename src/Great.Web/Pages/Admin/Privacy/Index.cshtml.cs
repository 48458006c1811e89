using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Admin.Privacy;

/// <summary>
/// The privacy desk: find a student (school and school id, or name), and the data-subject requests still open, the
/// overdue ones first, with the ones closed lately.
/// </summary>
public class IndexModel(GreatDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? SchoolId { get; set; }
    /// <summary>A school id, or part of a given name.</summary>
    [BindProperty(SupportsGet = true)] public string? Find { get; set; }

    public IReadOnlyList<(int Id, string Name)> Schools { get; private set; } = [];
    public IReadOnlyList<Found> Students { get; private set; } = [];
    public IReadOnlyList<RequestRow> Open { get; private set; } = [];
    public IReadOnlyList<RequestRow> Closed { get; private set; } = [];

    public sealed record Found(int Id, string Name, string? LocalId, string School, bool Pseudonymised);
    public sealed record RequestRow(int Id, int StudentId, string Student, string School, SubjectRequestKind Kind, DateOnly ReceivedOn, DateOnly DueOn,
        DateOnly? ClosedOn, bool Extended, string TimeZone)
    {
        /// <summary>Past due in the student's region's calendar.</summary>
        public bool Overdue { get; init; }
    }

    public bool Searched { get; private set; }

    public async Task OnGetAsync()
    {
        Schools = (await db.Schools.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync()).Select(s => (s.Id, s.Name)).ToList();
        // A search was asked for (the form sends Find even empty): a school alone lists its students, nothing at all says what to give.
        Searched = Request.Query.ContainsKey(nameof(Find)) || SchoolId is not null;
        if (Find?.Trim() is not { Length: > 0 } && SchoolId is { } only)
        {
            Students = await db.Students.AsNoTracking().Where(s => s.SchoolId == only).OrderBy(s => s.GivenName).ThenBy(s => s.FamilyInitial).Take(100)
                .Select(s => new Found(s.Id, s.GivenName + " " + s.FamilyInitial + ".", s.LocalId, s.School.Name, s.PseudonymisedAt != null)).ToListAsync();
        }
        if (Find?.Trim() is { Length: > 0 } find)
        {
            find = find.Length > FieldLengths.Search ? find[..FieldLengths.Search] : find;
            var students = db.Students.AsNoTracking();
            if (SchoolId is { } schoolId) students = students.Where(s => s.SchoolId == schoolId);
            var byId = students.Where(s => s.LocalId == find || s.SourcedId == find);
            var byName = students.WhereContains(db, find, s => s.GivenName);
            Students = await byId.Union(byName).OrderBy(s => s.GivenName).Take(100)
                .Select(s => new Found(s.Id, s.GivenName + " " + s.FamilyInitial + ".", s.LocalId, s.School.Name, s.PseudonymisedAt != null)).ToListAsync();
        }
        Open = (await Rows(db.SubjectRequests.Where(r => r.ClosedOn == null).OrderBy(r => r.DueOn)).ToListAsync())
            .Select(r => r with { Overdue = SubjectRequest.IsOverdue(r.DueOn, r.ClosedOn, Region.TodayIn(r.TimeZone, time)) }).ToList();
        Closed = await Rows(db.SubjectRequests.Where(r => r.ClosedOn != null).OrderByDescending(r => r.ClosedOn).Take(50)).ToListAsync();
    }

    private static IQueryable<RequestRow> Rows(IQueryable<SubjectRequest> requests) =>
        requests.AsNoTracking().Select(r => new RequestRow(r.Id, r.StudentId, r.Student.GivenName + " " + r.Student.FamilyInitial + ".",
            r.Student.School.Name, r.Kind, r.ReceivedOn, r.DueOn, r.ClosedOn, r.Extended, r.Student.School.Region.TimeZone));
}
