using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Classes;

/// <summary>A class as the lists show it: who teaches it, how far it has got, and what comes next.</summary>
public sealed record ClassSummary(
    int Id, int SchoolId, string SchoolName, string Municipality, string ComponentCode, string Edition, int SchoolYear,
    string Grade, string Section, ClassStatus Status, int? InstructorId, string? InstructorName, int Students,
    int LessonsRecorded, IReadOnlyList<PendingLesson> Pending, string TimeZone)
{
    public int LessonCount { get; private init; }
    public CertificationStatus InstructorStatus { get; private init; } = CertificationStatus.None;

    /// <summary>A class still to be taught whose instructor may no longer teach its component.</summary>
    public bool InstructorLapsed => SchoolClass.InstructorLapsed(InstructorId, InstructorStatus, Status);
    public DateOnly Today { get; private init; }

    public PendingLesson? NextLesson => SchoolClass.IsOpenStatus(Status) ? Pending.FirstOrDefault() : null;
    /// <summary>Pending lessons are the planned ones not yet recorded.</summary>
    public int Overdue => Pending.Count(p => PlannedLesson.IsOverdue(p.PlannedOn, recorded: false, Status, Today));
    public int PercentDone => LessonCount == 0 ? 0 : LessonsRecorded * 100 / LessonCount;

    /// <summary>
    /// Loads the summaries of the given classes: two queries, whatever their number. Lesson counts come from the
    /// curriculum, and "today" is each class's own region's.
    /// </summary>
    public static async Task<List<ClassSummary>> LoadAsync(
        GreatDbContext db, IQueryable<SchoolClass> classes, CurriculumCatalogue curriculum, TimeProvider time)
    {
        var rows = await classes.Select(c => new ClassSummary(
            c.Id, c.SchoolId, c.School.Name, c.School.Municipality, c.ComponentCode, c.Edition, c.SchoolYear,
            c.Grade, c.Section, c.Status, c.InstructorId,
            c.Instructor == null ? null : c.Instructor.GivenName + " " + c.Instructor.FamilyName,
            c.Enrollments.Count(e => e.WithdrawnOn == null),
            c.Deliveries.Count(),
            Array.Empty<PendingLesson>(),
            c.School.Region.TimeZone)).ToListAsync();
        var ids = classes.Select(c => c.Id);
        var pending = (await db.PlannedLessons.AsNoTracking()
                .Where(p => ids.Contains(p.ClassId) && !p.Class.Deliveries.Any(d => d.LessonNumber == p.LessonNumber))
                .Select(p => new { p.ClassId, p.LessonNumber, p.PlannedOn })
                .ToListAsync())
            .ToLookup(p => p.ClassId, p => new PendingLesson(p.LessonNumber, p.PlannedOn));
        var standings = await Instructors.Standings.LoadAsync(
            db, rows.Where(r => r.InstructorId is not null).Select(r => r.InstructorId!.Value).Distinct().ToList(), time);
        return rows.Select(c => c with
        {
            InstructorStatus = c.InstructorId is { } instructor ? standings.For(instructor, c.ComponentCode) : CertificationStatus.None,
            Pending = pending[c.Id].OrderBy(p => p.LessonNumber).ToList(),
            LessonCount = curriculum.Find(c.ComponentCode, c.Edition)?.LessonCount ?? 0,
            Today = Region.TodayIn(c.TimeZone, time),
        }).ToList();
    }
}

public sealed record PendingLesson(int LessonNumber, DateOnly PlannedOn);
