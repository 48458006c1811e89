using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Instructors;

/// <summary>One officer: contact, certifications with their history, trainings, classes taught, students reached, audit trail.</summary>
public class DetailsModel(GreatDbContext db, TimeProvider time, Microsoft.Extensions.Options.IOptions<CertificationOptions> options) : PageModel
{
    public bool OverdueForObservation(Certification c) => c.IsOverdueForObservation(Today, options.Value.ProvisionalMonths);

    public Instructor Instructor { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public IReadOnlyList<ClassRow> Classes { get; private set; } = [];
    public int StudentsReached { get; private set; }
    public int StudentsCompleted { get; private set; }
    public IReadOnlyList<AuditEntry> Trail { get; private set; } = [];

    /// <summary>What the trail's references name (an agency's id reads as its name).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> TrailNames { get; private set; } = new Dictionary<string, IReadOnlyDictionary<string, string>>();

    public sealed record ClassRow(int Id, string School, string ComponentCode, int SchoolYear, string Grade, string Section, ClassStatus Status, int Students);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var user = UserScope.From(User);
        var instructor = await db.Instructors.AsNoTracking().VisibleTo(user)
            .Include(i => i.Agency.Region).Include(i => i.Certifications).ThenInclude(c => c.Mentor).Include(i => i.Trainings)
            .FirstOrDefaultAsync(i => i.Id == id);
        if (instructor is null) return NotFound();
        Instructor = instructor;
        Today = instructor.Agency.Region.Today(time);

        Classes = await db.Classes.AsNoTracking().Where(c => c.InstructorId == id)
            .OrderByDescending(c => c.SchoolYear).ThenBy(c => c.School.Name)
            .Select(c => new ClassRow(c.Id, c.School.Name, c.ComponentCode, c.SchoolYear, c.Grade, c.Section, c.Status,
                c.Enrollments.Count(e => e.WithdrawnOn == null)))
            .ToListAsync();
        await CountReachAsync(id);

        var certificationIds = instructor.Certifications.Select(c => c.Id.ToString()).ToList();
        var trainingIds = instructor.Trainings.Select(t => t.Id.ToString()).ToList();
        var instructorId = id.ToString();
        Trail = await db.AuditEntries.AsNoTracking()
            .Where(a => (a.Entity == nameof(Domain.Instructor) && a.EntityId == instructorId)
                || (a.Entity == nameof(Certification) && certificationIds.Contains(a.EntityId))
                || (a.Entity == nameof(Training) && trainingIds.Contains(a.EntityId)))
            .OrderByDescending(a => a.Id).Take(100).ToListAsync();
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.RegionId == instructor.Agency.RegionId).Select(a => new { a.Id, a.Name }).ToListAsync();
        TrailNames = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["AgencyId"] = agencies.ToDictionary(a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a => a.Name),
        };
        return Page();
    }

    /// <summary>
    /// Students enrolled in the officer's classes and those who completed: the roll-up's figures of those classes (the
    /// reach rule's own count: no withdrawn student, no cancelled class, households counted as families), never a recount.
    /// </summary>
    private async Task CountReachAsync(int instructorId)
    {
        var figures = await db.ReachRollups.AsNoTracking()
            .Where(r => r.Level == RollupLevel.Class && db.Classes.Any(c => c.Id == r.ScopeId && c.InstructorId == instructorId))
            .Select(r => new { r.StudentsEnrolled, r.StudentsCompleted }).ToListAsync();
        StudentsReached = figures.Sum(f => f.StudentsEnrolled);
        StudentsCompleted = figures.Sum(f => f.StudentsCompleted);
    }
}
