using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Pages.Classes;

/// <summary>One class: its lessons (planned, recorded, overdue) and its roster. Outside the user's scope: 404.</summary>
public class DetailsModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time) : PageModel
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
        int? InstructorId, string? InstructorName, ClassStatus Status);

    public ClassProgress? Progress { get; private set; }

    public sealed record LessonRow(int Number, string Title, DateOnly? PlannedOn, DateOnly? TaughtOn, int Present, int Marked, int? DeliveryId)
    {
        public bool IsOverdue(DateOnly today) => TaughtOn is null && PlannedOn < today;
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var user = UserScope.From(User);
        var found = await db.Classes.AsNoTracking().VisibleTo(user).Where(c => c.Id == id)
            .Select(c => new
            {
                c.Id, c.SchoolId, SchoolName = c.School.Name, RegionName = c.School.Region.Name, c.School.Region.TimeZone,
                c.School.Region.SchoolYearStartMonth, c.ComponentCode, c.Edition, c.SchoolYear, c.Grade, c.Section,
                c.ClassroomTeacher, c.InstructorId, InstructorName = c.Instructor == null ? null : c.Instructor.GivenName + " " + c.Instructor.FamilyName,
                c.Status,
            }).FirstOrDefaultAsync();
        if (found is null) return NotFound();

        var label = Region.SchoolYearLabel(found.SchoolYear, found.SchoolYearStartMonth);
        Class = new ClassView(found.Id, found.SchoolId, found.SchoolName, found.RegionName, found.TimeZone, found.ComponentCode,
            found.Edition, found.SchoolYear, label, found.Grade, found.Section, found.ClassroomTeacher, found.InstructorId, found.InstructorName, found.Status);
        Component = curriculum.Find(found.ComponentCode, found.Edition);
        Today = Region.TodayIn(found.TimeZone, time);
        if (found.InstructorId is { } instructorId)
        {
            InstructorStatus = (await Instructors.Standings.LoadAsync(db, [instructorId], time)).For(instructorId, found.ComponentCode);
        }

        var planned = await db.PlannedLessons.AsNoTracking().Where(p => p.ClassId == id)
            .ToDictionaryAsync(p => p.LessonNumber, p => p.PlannedOn);
        var delivered = await db.LessonDeliveries.AsNoTracking().Where(d => d.ClassId == id)
            .Select(d => new { d.Id, d.LessonNumber, d.TaughtOn, Present = d.Attendance.Count(a => a.Present), Marked = d.Attendance.Count() })
            .ToDictionaryAsync(d => d.LessonNumber);
        Lessons = (Component?.Lessons ?? []).Select(l => new LessonRow(
            l.Number, l.Title.Current,
            planned.TryGetValue(l.Number, out var p) ? p : null,
            delivered.TryGetValue(l.Number, out var d) ? d.TaughtOn : null,
            d?.Present ?? 0, d?.Marked ?? 0, d?.Id)).ToList();
        if (Component is not null)
        {
            var over = found.Status == ClassStatus.Finished || delivered.Count >= Component.LessonCount;
            Progress = await ClassProgress.LoadAsync(db, id, Component, over);
        }

        return Page();
    }
}
