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

/// <summary>Correct a recorded lesson: its date, who was there, the notes. Every change goes into the audit trail.</summary>
[Authorize(Roles = $"{Roles.Instructor},{Roles.Admin}")]
public class EditModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    public LessonDelivery Delivery { get; private set; } = null!;
    public CurriculumComponent Component { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public IReadOnlyList<LessonForm.StudentMark> Students { get; private set; } = [];

    [BindProperty] public DateOnly? TaughtOn { get; set; }
    [BindProperty] public List<int> Present { get; set; } = [];
    [BindProperty] public string Notes { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        TaughtOn = Delivery.TaughtOn;
        Notes = Delivery.Notes ?? "";
        Students = MarksOf(a => a.Present);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var schoolClass = Delivery.Class;
        LessonForm.CheckDate(ModelState, nameof(TaughtOn), TaughtOn, Today, schoolClass.StartsOn, L);
        var user = UserScope.From(User);
        if (user.IsInstructor)
        {
            var instructor = await db.Instructors.Include(i => i.Certifications).FirstAsync(i => i.Id == user.InstructorId);
            LessonForm.CheckCertification(ModelState, instructor, schoolClass, Today, curriculum, L);
        }
        if (Notes.Length > 2000) ModelState.AddModelError(nameof(Notes), L["Keep the notes under 2,000 characters."]);
        if (!ModelState.IsValid)
        {
            Students = MarksOf(a => Present.Contains(a.EnrollmentId));
            return Page();
        }
        db.RequestRollup(schoolClass.SchoolId, time.GetUtcNow());
        Delivery.Correct(TaughtOn!.Value, Present.ToHashSet(), string.IsNullOrWhiteSpace(Notes) ? null : Notes.Trim());
        await db.SaveChangesAsync();
        TempData["Message"] = L["Lesson {0} corrected.", Delivery.LessonNumber].Value;
        return RedirectToPage("/Classes/Details", new { id = schoolClass.Id });
    }

    private IReadOnlyList<LessonForm.StudentMark> MarksOf(Func<Attendance, bool> present) =>
        Delivery.Attendance.Select(a => new LessonForm.StudentMark(a.EnrollmentId, a.Enrollment.Student.DisplayName, present(a)))
            .OrderBy(m => m.Name, StringComparer.CurrentCulture).ToList();

    private async Task<bool> LoadAsync(int id)
    {
        var user = UserScope.From(User);
        var found = await db.LessonDeliveries
            .Include(d => d.Class.School.Region).Include(d => d.Class.PlannedLessons)
            .Include(d => d.Attendance).ThenInclude(a => a.Enrollment.Student)
            .Where(d => db.Classes.VisibleTo(user).Any(c => c.Id == d.ClassId))
            .AsSplitQuery().FirstOrDefaultAsync(d => d.Id == id);
        if (found is null || curriculum.Find(found.Class.ComponentCode, found.Class.Edition) is not { } component) return false;
        Delivery = found;
        Component = component;
        Today = found.Class.School.Region.Today(time);
        return true;
    }
}
