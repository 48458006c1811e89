using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Great.Web.Pages.Observations;

/// <summary>
/// Mentoring at a glance: for an officer, the observations of their lessons (to read and acknowledge), the officers
/// they mentor with their classes to observe, and the observations they made; for a manager, the region's provisional
/// certifications (with their mentor, or a link to assign one; overdue ones first) and its latest observations.
/// </summary>
public class IndexModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IOptions<CertificationOptions> options) : PageModel
{
    public sealed record Row(int Id, DateOnly ObservedOn, string Officer, string Observer, string ComponentCode, string Class, int LessonNumber,
        ObservationOutcome Outcome, bool SignsOff, bool Acknowledged);
    public sealed record RowsTable(string Id, IReadOnlyList<Row> Rows);
    public sealed record Mentee(Certification Certification, bool Overdue, IReadOnlyList<(int ClassId, string Label)> Classes);

    public IReadOnlyList<Row> OfMe { get; private set; } = [];
    public IReadOnlyList<Row> ByMe { get; private set; } = [];
    public IReadOnlyList<Row> InRegion { get; private set; } = [];
    public IReadOnlyList<Mentee> Mentees { get; private set; } = [];
    public bool IsManager { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        var user = UserScope.From(User);
        IsManager = user.Role == Roles.RegionalManager;
        var regionId = IsManager ? user.RegionId
            : await db.Instructors.Where(i => i.Id == user.InstructorId).Select(i => (int?)i.Agency.RegionId).FirstOrDefaultAsync();
        var region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Id == regionId);
        Today = region?.Today(time) ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var visible = db.Observations.AsNoTracking().VisibleTo(user);
        if (IsManager)
        {
            InRegion = await RowsAsync(visible.OrderByDescending(o => o.ObservedOn).ThenByDescending(o => o.Id).Take(50));
            var provisional = Certification.HasStatus(CertificationStatus.Provisional, Today);
            Mentees = await MenteesAsync(db.Certifications.Where(c => c.Instructor.Agency.RegionId == regionId).Where(provisional));
        }
        else
        {
            OfMe = await RowsAsync(visible.Where(o => o.ObservedInstructorId == user.InstructorId).OrderByDescending(o => o.ObservedOn).ThenByDescending(o => o.Id));
            ByMe = await RowsAsync(visible.Where(o => o.ObserverInstructorId == user.InstructorId).OrderByDescending(o => o.ObservedOn).ThenByDescending(o => o.Id).Take(50));
            var provisional = Certification.HasStatus(CertificationStatus.Provisional, Today);
            Mentees = await MenteesAsync(db.Certifications.Where(c => c.MentorId == user.InstructorId).Where(provisional));
        }
    }

    private async Task<IReadOnlyList<Mentee>> MenteesAsync(IQueryable<Certification> certifications)
    {
        var found = await certifications.AsNoTracking().Include(c => c.Instructor).Include(c => c.Mentor).ToListAsync();
        var officers = found.Select(c => c.InstructorId).ToList();
        var classes = await db.Classes.AsNoTracking().Include(c => c.School)
            .Where(c => c.InstructorId != null && officers.Contains(c.InstructorId.Value) && SchoolClass.OpenStatuses.Contains(c.Status))
            .Select(c => new { c.Id, c.InstructorId, c.ComponentCode, c.Grade, c.Section, School = c.School.Name }).ToListAsync();
        return found
            .Select(c => new Mentee(c, c.IsOverdueForObservation(Today, options.Value.ProvisionalMonths),
                classes.Where(k => k.InstructorId == c.InstructorId && k.ComponentCode == c.ComponentCode)
                    .Select(k => (k.Id, $"{curriculum.NameOf(k.ComponentCode)} {k.Grade} {k.Section} · {k.School}")).ToList()))
            .OrderByDescending(m => m.Overdue).ThenBy(m => m.Certification.CertifiedOn).ToList();
    }

    private Task<List<Row>> RowsAsync(IQueryable<Observation> observations) => observations.Select(o => new Row(o.Id, o.ObservedOn,
        o.ObservedInstructor.GivenName + " " + o.ObservedInstructor.FamilyName, o.ObserverName, o.Delivery.Class.ComponentCode,
        o.Delivery.Class.Grade + " " + o.Delivery.Class.Section + " · " + o.Delivery.Class.School.Name,
        o.Delivery.LessonNumber, o.Outcome, db.Certifications.Any(c => c.SignOffObservationId == o.Id), o.AcknowledgedAt != null)).ToListAsync();
}
