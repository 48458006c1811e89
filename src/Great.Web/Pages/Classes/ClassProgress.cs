using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Classes;

/// <summary>Each student's attendance in a class and where they stand under the component's completion rule.</summary>
public sealed class ClassProgress
{
    public required IReadOnlyList<StudentProgress> Students { get; init; }
    public required IReadOnlySet<int> Recorded { get; init; }
    public required CurriculumComponent Component { get; init; }

    public sealed record StudentProgress(int EnrollmentId, string Name, bool Withdrawn, IReadOnlyDictionary<int, bool> Marks, CompletionStatus? Status,
        ConsentStatus TakePart = ConsentStatus.Unknown)
    {
        public int Attended => Marks.Count(m => m.Value);

        /// <summary>Whether a certificate may carry the name (see <see cref="StudentConsent.AllowsNaming"/>).</summary>
        public bool MayBeNamed => StudentConsent.AllowsNaming(TakePart);
    }

    public int Count(CompletionStatus status) => Students.Count(s => s.Status == status);

    public static async Task<ClassProgress> LoadAsync(GreatDbContext db, int classId, CurriculumComponent component, bool classOver)
    {
        var enrollments = await db.Enrollments.AsNoTracking().Where(e => e.ClassId == classId)
            .Select(e => new
            {
                e.Id, Name = e.Student.GivenName + " " + e.Student.FamilyInitial + ".", e.WithdrawnOn,
                TakePart = e.Student.Consents.Where(c => c.Kind == ConsentKind.TakePart).Select(c => (ConsentStatus?)c.Status).FirstOrDefault(),
            }).ToListAsync();
        var marks = (await db.Attendance.AsNoTracking().Where(a => a.Delivery.ClassId == classId)
                .Select(a => new { a.EnrollmentId, a.Delivery.LessonNumber, a.Present }).ToListAsync())
            .ToLookup(a => a.EnrollmentId);
        var recorded = (await db.LessonDeliveries.AsNoTracking().Where(d => d.ClassId == classId).Select(d => d.LessonNumber).ToListAsync()).ToHashSet();
        var students = enrollments.Select(e =>
        {
            var own = marks[e.Id].ToDictionary(m => m.LessonNumber, m => m.Present);
            var attended = own.Where(m => m.Value).Select(m => m.Key).ToHashSet();
            // A withdrawn student no longer counts towards completion, whatever they attended.
            CompletionStatus? status = e.WithdrawnOn is null ? component.Completion.Assess(attended, recorded, component.LessonCount, classOver) : null;
            return new StudentProgress(e.Id, e.Name, e.WithdrawnOn is not null, own, status, e.TakePart ?? ConsentStatus.Unknown);
        }).OrderBy(s => s.Withdrawn).ThenBy(s => s.Name, StringComparer.CurrentCulture).ToList();
        return new ClassProgress { Students = students, Recorded = recorded, Component = component };
    }
}
