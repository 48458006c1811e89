using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Privacy;

/// <summary>
/// Everything Great holds about one student, gathered for a data-subject request: the record, the guardians' answers,
/// each class with the lessons attended, the requests made, who was shown the student's name, the changes made to the
/// record, and when the name goes. The JSON export and the readable page are both this.
/// </summary>
public sealed record SubjectRecord(
    SubjectRecord.Person Student,
    IReadOnlyList<SubjectRecord.Answer> Consents,
    IReadOnlyList<SubjectRecord.Enrolment> Classes,
    IReadOnlyList<SubjectRecord.Request> Requests,
    IReadOnlyList<SubjectRecord.Showing> SeenBy,
    IReadOnlyList<SubjectRecord.Change> Changes,
    SubjectRecord.Keeping Retention)
{
    public sealed record Person(int Id, string GivenName, string FamilyInitial, string? SchoolId, string? RosterId, string School, string Region,
        DateTimeOffset? NameRemovedAt);
    public sealed record Answer(ConsentKind Question, ConsentStatus Status, DateOnly AnsweredOn, string RecordedBy);
    public sealed record Enrolment(int ClassId, string Component, string Class, string School, int SchoolYear, DateOnly EnrolledOn, DateOnly? WithdrawnOn,
        string? Household, MemberRole? Role, int LessonsAttended, IReadOnlyList<Lesson> Lessons);
    public sealed record Lesson(int Number, DateOnly TaughtOn, bool Present);
    public sealed record Request(int Id, SubjectRequestKind Kind, DateOnly ReceivedOn, DateOnly DueOn, DateOnly? ClosedOn, string Details, string? Outcome);
    public sealed record Showing(DateTimeOffset At, string By, NameView View, int? ClassId, int Names);
    public sealed record Change(DateTimeOffset At, string By, string Action, string? Reason);
    /// <summary>When the name goes: removed already, held with the school, due on a day, or not scheduled (never in a class).</summary>
    public sealed record Keeping(DateOnly? RemovedOn, DateOnly? DueOn, string? HeldFor);

    /// <summary>The most showings of the name listed (a class seen daily for years would list thousands); the count is always whole.</summary>
    public const int ShowingsListed = 500;

    public static async Task<SubjectRecord?> LoadAsync(GreatDbContext db, int studentId, RetentionPolicy policy, Func<string, string> componentName)
    {
        var s = await db.Students.AsNoTracking().Where(x => x.Id == studentId)
            .Select(x => new
            {
                x.Id, x.SchoolId, x.GivenName, x.FamilyInitial, x.LocalId, x.SourcedId, School = x.School.Name, Region = x.School.Region.Name, x.School.Region.TimeZone,
                x.School.Region.SchoolYearStartMonth, x.PseudonymisedAt,
            }).FirstOrDefaultAsync();
        if (s is null) return null;
        var consents = await db.StudentConsents.AsNoTracking().Where(c => c.StudentId == studentId).OrderBy(c => c.Kind)
            .Select(c => new Answer(c.Kind, c.Status, c.AnsweredOn, c.RecordedBy)).ToListAsync();
        var enrolments = await db.Enrollments.AsNoTracking().Where(e => e.StudentId == studentId).OrderBy(e => e.EnrolledOn)
            .Select(e => new
            {
                e.Id, e.ClassId, ClassSchoolId = e.Class.SchoolId, e.Class.ComponentCode, e.Class.Grade, e.Class.Section, School = e.Class.School.Name, e.Class.SchoolYear, e.EnrolledOn, e.WithdrawnOn,
                Household = e.Household == null ? null : e.Household.Label, e.Role, e.LessonsAttended,
            }).ToListAsync();
        var enrolmentIds = enrolments.Select(e => e.Id).ToList();
        var marks = (await db.Attendance.AsNoTracking().Where(a => enrolmentIds.Contains(a.EnrollmentId))
                .Select(a => new { a.EnrollmentId, a.Delivery.LessonNumber, a.Delivery.TaughtOn, a.Present }).ToListAsync())
            .ToLookup(a => a.EnrollmentId);
        var classes = enrolments.Select(e => new Enrolment(e.ClassId, componentName(e.ComponentCode), $"{e.Grade} {e.Section}".Trim(), e.School, e.SchoolYear,
            e.EnrolledOn, e.WithdrawnOn, e.Household, e.Role, e.LessonsAttended,
            marks[e.Id].OrderBy(m => m.LessonNumber).Select(m => new Lesson(m.LessonNumber, m.TaughtOn, m.Present)).ToList())).ToList();
        var requests = await db.SubjectRequests.AsNoTracking().Where(r => r.StudentId == studentId).OrderBy(r => r.ReceivedOn)
            .Select(r => new Request(r.Id, r.Kind, r.ReceivedOn, r.DueOn, r.ClosedOn, r.Details, r.Outcome)).ToListAsync();
        var seenBy = await Showings(db, studentId).OrderByDescending(a => a.At).Take(ShowingsListed)
            .Select(a => new Showing(a.At, a.UserName, a.View, a.ClassId, a.Names)).ToListAsync();
        var id = studentId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var changes = await db.AuditEntries.AsNoTracking().Where(a => a.Entity == nameof(Domain.Student) && a.EntityId == id).OrderBy(a => a.Id)
            .Select(a => new Change(a.At, a.UserName, a.Action, a.Reason)).ToListAsync();

        // Held with their own school, or with a school where they were in a class (as the retention job keeps them).
        var places = enrolments.Select(e => e.ClassSchoolId).Append(s.SchoolId).Distinct().ToList();
        var hold = await db.RetentionHolds.AsNoTracking().Where(h => places.Contains(h.SchoolId)).Select(h => h.Reason).FirstOrDefaultAsync();
        var last = enrolments.Count == 0 ? (int?)null : enrolments.Max(e => e.SchoolYear);
        var keeping = new Keeping(
            s.PseudonymisedAt is { } removed ? DateOnly.FromDateTime(Region.LocalTime(s.TimeZone, removed).DateTime) : null,
            s.PseudonymisedAt is null && last is { } year ? policy.RemovalDay(year, s.SchoolYearStartMonth) : null,
            s.PseudonymisedAt is null ? hold : null);
        return new SubjectRecord(new Person(s.Id, s.GivenName, s.FamilyInitial, s.LocalId, s.SourcedId, s.School, s.Region, s.PseudonymisedAt),
            consents, classes, requests, seenBy, changes, keeping);
    }

    /// <summary>Every showing of this student's name: their own page, or a page or file of a class they are or were in (withdrawn students stay listed).</summary>
    public static IQueryable<NameAccess> Showings(GreatDbContext db, int studentId) =>
        db.NameAccesses.Where(a => a.StudentId == studentId
            || (a.StudentId == null && db.Enrollments.Any(e => e.StudentId == studentId && e.ClassId == a.ClassId)));
}
