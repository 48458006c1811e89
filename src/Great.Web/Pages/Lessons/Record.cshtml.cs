using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Lessons;

/// <summary>
/// The officer records a lesson from a phone: which lesson (the next by default), when (today by default),
/// who was absent (everyone is present until tapped), notes. A lesson already recorded opens its record instead.
/// </summary>
[Authorize(Policy = Policies.Instructor)]
public class RecordModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    public SchoolClass Class { get; private set; } = null!;
    public CurriculumComponent Component { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public int NextLesson { get; private set; }
    public IReadOnlyList<LessonForm.StudentMark> Students { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public int LessonNumber { get; set; }
    [BindProperty] public DateOnly? TaughtOn { get; set; }
    [BindProperty] public List<int> Present { get; set; } = [];
    [BindProperty] public string Notes { get; set; } = "";

    public bool OutOfOrder => LessonNumber != NextLesson;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id, withStudents: true)) return NotFound();
        if (LessonNumber == 0) LessonNumber = NextLesson;
        if (Class.Deliveries.FirstOrDefault(d => d.LessonNumber == LessonNumber) is { } existing) return PointTo(existing);
        TaughtOn = Today;
        Students = LessonForm.Marks(Class, Today, _ => true);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Class.Deliveries.FirstOrDefault(d => d.LessonNumber == LessonNumber) is { } existing) return PointTo(existing);
        var instructor = await db.Instructors.Include(i => i.Certifications).FirstAsync(i => i.Id == UserScope.From(User).InstructorId);
        if (Component.LessonNumber(LessonNumber) is null) ModelState.AddModelError(nameof(LessonNumber), L["Choose a lesson."]);
        LessonForm.CheckDate(ModelState, nameof(TaughtOn), TaughtOn, Today, Class.StartsOn, L);
        LessonForm.CheckCertification(ModelState, instructor, Class, Today, curriculum, L);
        if (Notes.Length > 2000) ModelState.AddModelError(nameof(Notes), L["Keep the notes under 2,000 characters."]);
        if (!ModelState.IsValid)
        {
            await db.Students.Where(st => db.Enrollments.Any(e => e.ClassId == id && e.StudentId == st.Id)).LoadAsync();
            Students = LessonForm.Marks(Class, TaughtOn ?? Today, e => Present.Contains(e.Id));
            return Page();
        }

        db.RequestRollup(Class.SchoolId, time.GetUtcNow());
        var delivery = Class.RecordLesson(LessonNumber, TaughtOn!.Value, instructor.Id, Present.ToHashSet(),
            string.IsNullOrWhiteSpace(Notes) ? null : Notes.Trim(), time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Recorded a moment ago from another device (a double tap, a second phone): show that record.
            db.ChangeTracker.Clear();
            var other = await db.LessonDeliveries.FirstOrDefaultAsync(d => d.ClassId == id && d.LessonNumber == LessonNumber);
            if (other is null) throw;
            return PointTo(other);
        }
        var absent = delivery.Attendance.Count(a => !a.Present);
        TempData["Message"] = (OutOfOrder
            ? L["Lesson {0} recorded ({1} absent). Note: lesson {2} is not recorded yet.", LessonNumber, absent, NextLesson]
            : L["Lesson {0} recorded ({1} absent).", LessonNumber, absent]).Value;
        return RedirectToPage("/Classes/Details", new { id });
    }

    private RedirectToPageResult PointTo(LessonDelivery existing)
    {
        TempData["Message"] = L["Lesson {0} was already recorded on {1}: here is that record.", existing.LessonNumber, existing.TaughtOn.ToString("d")].Value;
        return RedirectToPage("/Lessons/Edit", new { id = existing.Id });
    }

    /// <summary>The class with what recording needs; the students' names only to show the form (a save needs none).</summary>
    private async Task<bool> LoadAsync(int id, bool withStudents = false)
    {
        var query = db.Classes.VisibleTo(UserScope.From(User)).Include(c => c.School.Region).Include(c => c.Deliveries).Include(c => c.PlannedLessons);
        var found = await (withStudents ? query.Include(c => c.Enrollments).ThenInclude(e => e.Student) : (IQueryable<SchoolClass>)query.Include(c => c.Enrollments))
            .FirstOrDefaultAsync(c => c.Id == id);
        if (found is null || curriculum.Find(found.ComponentCode, found.Edition) is not { } component) return false;
        Class = found;
        Component = component;
        Today = found.School.Region.Today(time);
        NextLesson = Enumerable.Range(1, component.LessonCount).FirstOrDefault(n => found.Deliveries.All(d => d.LessonNumber != n));
        if (NextLesson == 0) NextLesson = component.LessonCount;
        return true;
    }
}
