using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Privacy;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Lessons;

/// <summary>Correct a recorded lesson: its date, who was there, the notes, the minutes and activities. Every change goes into the audit trail.</summary>
[Authorize(Policy = Operations.CorrectLesson)]
public class EditModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IAuthorizationService authorization,
    IStringLocalizer<SharedResource> L, NameAccessLog names) : PageModel
{
    public LessonDelivery Delivery { get; private set; } = null!;
    public CurriculumComponent Component { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public IReadOnlyList<LessonForm.StudentMark> Students { get; private set; } = [];

    [BindProperty] public LessonForm.LessonInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!await authorization.CanAsync(User, Operations.CorrectLesson, Delivery.Class)) return Forbid();
        Input = new LessonForm.LessonInput
        {
            LessonNumber = Delivery.LessonNumber, TaughtOn = Delivery.TaughtOn, Notes = Delivery.Notes ?? "", MinutesTaught = Delivery.MinutesTaught,
            Activities = [.. Delivery.ActivityNumbersDone],
        };
        Students = MarksOf(a => a.Present);
        await names.RecordAsync(NameView.LessonCorrection, Delivery.ClassId, Students.Count);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var schoolClass = Delivery.Class;
        if (!await authorization.CanAsync(User, Operations.CorrectLesson, schoolClass)) return Forbid();
        // An officer corrects as an officer (assigned and certified); an administrator corrects the record as such.
        var officer = UserScope.From(User).InstructorId is { } officerId
            ? await db.Instructors.Include(i => i.Certifications).FirstAsync(i => i.Id == officerId) : null;
        Input.LessonNumber = Delivery.LessonNumber;
        // A record made before dosage was asked may stay without it; once given, it is corrected, not removed.
        var dosage = Input.MinutesTaught is null && !Delivery.HasDosage ? null : Input.DosageFor(Component);
        if (Input.TaughtOn is { } taughtOn)
        {
            LessonForm.AddRefusals(ModelState, Delivery.CheckCorrection(taughtOn, officer, Today, dosage), schoolClass, Component.Name.Current, L);
        }
        if (!ModelState.IsValid)
        {
            Students = MarksOf(a => Input.Present.Contains(a.EnrollmentId));
            return Page();
        }
        Delivery.Correct(Input.TaughtOn!.Value, officer, Today, Input.Present.ToHashSet(), string.IsNullOrWhiteSpace(Input.Notes) ? null : Input.Notes.Trim(), dosage);
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
