using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Great.Web.Pages.Observations;

/// <summary>
/// Mentoring at a glance: for an officer, the observations of their lessons (to read and acknowledge), the officers
/// they mentor with their classes to observe, and the observations they made; for a manager, the region's provisional
/// certifications (with their mentor, or a link to assign one; overdue ones first) and its latest observations.
/// </summary>
public class IndexModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IOptions<CertificationOptions> options,
    IAuthorizationService authorization) : PageModel
{
    public sealed record Row(int Id, DateOnly ObservedOn, string Officer, string Observer, string ComponentCode, string Class, int LessonNumber,
        ObservationOutcome Outcome, bool SignsOff, bool Acknowledged);
    public sealed record RowsTable(string Id, IReadOnlyList<Row> Rows);
    public sealed record Mentee(Certification Certification, bool Overdue, IReadOnlyList<(int ClassId, string Label)> Classes);

    public IReadOnlyList<Row> OfMe { get; private set; } = [];
    public IReadOnlyList<Row> ByMe { get; private set; } = [];
    public IReadOnlyList<Row> InRegion { get; private set; } = [];
    public IReadOnlyList<Mentee> Mentees { get; private set; } = [];

    /// <summary>A lesson the user may observe: taught lately and not observed yet (to observe now), or planned soon (to plan a visit).</summary>
    public sealed record LessonToObserve(int ClassId, int LessonNumber, DateOnly On, string Officer, string ComponentCode, string Class);
    public IReadOnlyList<LessonToObserve> Recent { get; private set; } = [];
    public IReadOnlyList<LessonToObserve> Upcoming { get; private set; } = [];
    public bool MayObserve { get; private set; }

    /// <summary>How far back a recorded lesson, and how far ahead a planned one, is offered for observation.</summary>
    public const int WindowDays = 14;
    /// <summary>The user keeps the region's certifications (its manager): the page shows the region, not the user's own observations.</summary>
    public bool ManagesCertifications { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        var user = UserScope.From(User);
        ManagesCertifications = await authorization.CanAsync(User, Operations.ManageCertifications);
        var regionId = ManagesCertifications ? user.RegionId
            : await db.Instructors.Where(i => i.Id == user.InstructorId).Select(i => (int?)i.Agency.RegionId).FirstOrDefaultAsync();
        var region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Id == regionId);
        Today = region?.Today(time) ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var visible = db.Observations.AsNoTracking().VisibleTo(user);
        if (ManagesCertifications)
        {
            InRegion = await RowsAsync(visible.OrderByDescending(o => o.ObservedOn).ThenByDescending(o => o.Id).Take(50));
            var provisional = Certification.HasStatus(CertificationStatus.Provisional, Today);
            Mentees = await MenteesAsync(db.Certifications.Where(c => c.Instructor.Agency.RegionId == regionId).Where(provisional));
            await LessonsToObserveAsync(db.Classes.VisibleTo(user));
        }
        else
        {
            OfMe = await RowsAsync(visible.Where(o => o.ObservedInstructorId == user.InstructorId).OrderByDescending(o => o.ObservedOn).ThenByDescending(o => o.Id));
            ByMe = await RowsAsync(visible.Where(o => o.ObserverInstructorId == user.InstructorId).OrderByDescending(o => o.ObservedOn).ThenByDescending(o => o.Id).Take(50));
            var provisional = Certification.HasStatus(CertificationStatus.Provisional, Today);
            Mentees = await MenteesAsync(db.Certifications.Where(c => c.MentorId == user.InstructorId).Where(provisional));
            // A mentor observes the classes of the components they may mentor in their region, taught by others (Observation.CheckObserver).
            var me = await db.Instructors.AsNoTracking().Include(i => i.Certifications).FirstOrDefaultAsync(i => i.Id == user.InstructorId);
            var components = me is null ? [] : me.Certifications.Select(c => c.ComponentCode).Distinct().Where(c => me.MayMentor(c, Today)).ToList();
            if (components.Count > 0)
            {
                await LessonsToObserveAsync(db.Classes.Where(c => c.School.RegionId == regionId && components.Contains(c.ComponentCode) && c.InstructorId != user.InstructorId));
            }
        }
    }

    private async Task LessonsToObserveAsync(IQueryable<SchoolClass> classes)
    {
        MayObserve = true;
        var open = classes.Where(c => SchoolClass.OpenStatuses.Contains(c.Status)).Select(c => c.Id);
        var since = Today.AddDays(-WindowDays);
        var until = Today.AddDays(WindowDays);
        Recent = await db.LessonDeliveries.AsNoTracking()
            .Where(d => open.Contains(d.ClassId) && d.TaughtOn >= since && !db.Observations.Any(o => o.DeliveryId == d.Id))
            .OrderByDescending(d => d.TaughtOn).ThenBy(d => d.ClassId).Take(20)
            .Select(d => new LessonToObserve(d.ClassId, d.LessonNumber, d.TaughtOn, d.Instructor.GivenName + " " + d.Instructor.FamilyName, d.Class.ComponentCode,
                d.Class.Grade + " " + d.Class.Section + " · " + d.Class.School.Name)).ToListAsync();
        Upcoming = await db.PlannedLessons.AsNoTracking()
            .Where(p => open.Contains(p.ClassId) && p.PlannedOn >= Today && p.PlannedOn <= until
                && !db.LessonDeliveries.Any(d => d.ClassId == p.ClassId && d.LessonNumber == p.LessonNumber))
            .OrderBy(p => p.PlannedOn).ThenBy(p => p.ClassId).Take(20)
            .Select(p => new LessonToObserve(p.ClassId, p.LessonNumber, p.PlannedOn,
                p.Class.Instructor == null ? "" : p.Class.Instructor.GivenName + " " + p.Class.Instructor.FamilyName, p.Class.ComponentCode,
                p.Class.Grade + " " + p.Class.Section + " · " + p.Class.School.Name)).ToListAsync();
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
