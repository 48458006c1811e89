using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Instructors;

/// <summary>One officer: contact, certifications with their history, trainings, classes taught, students reached, audit trail.</summary>
public class DetailsModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, Microsoft.Extensions.Options.IOptions<CertificationOptions> options) : PageModel
{
    public bool OverdueForObservation(Certification c) => c.IsOverdueForObservation(Today, options.Value.ProvisionalMonths);

    public Instructor Instructor { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public IReadOnlyList<ClassRow> Classes { get; private set; } = [];
    public int StudentsReached { get; private set; }
    public int StudentsCompleted { get; private set; }
    public IReadOnlyList<AuditEntry> Trail { get; private set; } = [];

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
        return Page();
    }

    /// <summary>Students the officer has taught (enrolled in their classes) and those who completed under the component's rule.</summary>
    private async Task CountReachAsync(int instructorId)
    {
        var enrollments = await db.Enrollments.AsNoTracking().Where(e => e.Class.InstructorId == instructorId)
            .Select(e => new { e.Id, e.StudentId, e.Class.ComponentCode, e.Class.Edition }).ToListAsync();
        var attended = (await db.Attendance.AsNoTracking()
                .Where(a => a.Present && a.Enrollment.Class.InstructorId == instructorId)
                .Select(a => new { a.EnrollmentId, a.Delivery.LessonNumber }).ToListAsync())
            .ToLookup(a => a.EnrollmentId, a => a.LessonNumber);
        StudentsReached = enrollments.Select(e => e.StudentId).Distinct().Count();
        StudentsCompleted = enrollments.Where(e => curriculum.Find(e.ComponentCode, e.Edition) is { } c && c.Completion.IsMetBy(attended[e.Id], c.LessonCount))
            .Select(e => e.StudentId).Distinct().Count();
    }
}
