using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Privacy;
using Great.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Classes;

/// <summary>One class: its lessons (planned, recorded, overdue) and its roster. Outside the user's scope: 404.</summary>
public class DetailsModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IAuthorizationService authorization, NameAccessLog names) : PageModel
{
    public ClassView Class { get; private set; } = null!;
    public CurriculumComponent? Component { get; private set; }
    public IReadOnlyList<LessonRow> Lessons { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public CertificationStatus InstructorStatus { get; private set; } = CertificationStatus.None;

    /// <summary>The class still has lessons to teach and its instructor may no longer teach them.</summary>
    public bool InstructorLapsed => SchoolClass.InstructorLapsed(Class.InstructorId, InstructorStatus, Class.Status);

    public sealed record ClassView(int Id, int SchoolId, string SchoolName, string RegionName, string TimeZone, string ComponentCode,
        string Edition, int SchoolYear, string SchoolYearLabel, string Grade, string Section, string? ClassroomTeacher,
        int? InstructorId, int? SubstituteInstructorId, string? InstructorName, ClassStatus Status) : IAssignedClass;

    /// <summary>What this user may do with this class: asked once of the operations' handlers, shown by the view.</summary>
    public sealed record Actions(bool RecordLesson, bool CorrectLesson, bool DeleteLesson, bool ManageClass, bool ManageRoster, bool AssignInstructors);

    public Actions Can { get; private set; } = new(false, false, false, false, false, false);

    public ClassProgress? Progress { get; private set; }

    public sealed record LessonRow(int Number, string Title, DateOnly? PlannedOn, DateOnly? TaughtOn, int Present, int Marked, int? DeliveryId, bool IsOverdue,
        int? Minutes = null, int? ActivitiesDone = null, int? ActivitiesPlanned = null, int Observations = 0);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var user = UserScope.From(User);
        var found = await db.Classes.AsNoTracking().VisibleTo(user).Where(c => c.Id == id)
            .Select(c => new
            {
                c.Id, c.SchoolId, SchoolName = c.School.Name, RegionName = c.School.Region.Name, c.School.Region.TimeZone,
                c.School.Region.SchoolYearStartMonth, c.ComponentCode, c.Edition, c.SchoolYear, c.Grade, c.Section,
                c.ClassroomTeacher, c.InstructorId, c.SubstituteInstructorId, InstructorName = c.Instructor == null ? null : c.Instructor.GivenName + " " + c.Instructor.FamilyName,
                c.Status,
            }).FirstOrDefaultAsync();
        if (found is null) return NotFound();

        var label = Region.SchoolYearLabel(found.SchoolYear, found.SchoolYearStartMonth);
        Class = new ClassView(found.Id, found.SchoolId, found.SchoolName, found.RegionName, found.TimeZone, found.ComponentCode,
            found.Edition, found.SchoolYear, label, found.Grade, found.Section, found.ClassroomTeacher, found.InstructorId, found.SubstituteInstructorId, found.InstructorName, found.Status);
        Can = new Actions(
            await authorization.CanAsync(User, Operations.RecordLesson, Class), await authorization.CanAsync(User, Operations.CorrectLesson, Class),
            await authorization.CanAsync(User, Operations.DeleteLesson, Class), await authorization.CanAsync(User, Operations.ManageClasses, Class),
            await authorization.CanAsync(User, Operations.ManageRoster, Class), await authorization.CanAsync(User, Operations.AssignInstructors, Class));
        Component = curriculum.Find(found.ComponentCode, found.Edition);
        Today = Region.TodayIn(found.TimeZone, time);
        if (found.InstructorId is { } instructorId)
        {
            InstructorStatus = (await Instructors.Standings.LoadAsync(db, [instructorId], time)).For(instructorId, found.ComponentCode);
        }

        var planned = await db.PlannedLessons.AsNoTracking().Where(p => p.ClassId == id)
            .ToDictionaryAsync(p => p.LessonNumber, p => p.PlannedOn);
        var delivered = await db.LessonDeliveries.AsNoTracking().Where(d => d.ClassId == id)
            .Select(d => new { d.Id, d.LessonNumber, d.TaughtOn, Present = d.Attendance.Count(a => a.Present), Marked = d.Attendance.Count(),
                d.MinutesTaught, d.ActivitiesDoneCount, d.ActivitiesPlanned, Observations = d.Observations.Count })
            .ToDictionaryAsync(d => d.LessonNumber);
        Lessons = (Component?.Lessons ?? []).Select(l =>
        {
            DateOnly? plannedOn = planned.TryGetValue(l.Number, out var p) ? p : null;
            var d = delivered.GetValueOrDefault(l.Number);
            return new LessonRow(l.Number, l.Title.Current, plannedOn, d?.TaughtOn, d?.Present ?? 0, d?.Marked ?? 0, d?.Id,
                plannedOn is { } on && PlannedLesson.IsOverdue(on, d is not null, found.Status, Today),
                d?.MinutesTaught, d?.ActivitiesDoneCount, d?.ActivitiesPlanned, d?.Observations ?? 0);
        }).ToList();
        if (Component is not null)
        {
            var over = SchoolClass.IsOver(found.Status, delivered.Count, Component.LessonCount);
            Progress = await ClassProgress.LoadAsync(db, id, Component, over);
            await names.RecordAsync(NameView.ProgressGrid, id, Progress.Students.Count);
        }

        return Page();
    }
}
