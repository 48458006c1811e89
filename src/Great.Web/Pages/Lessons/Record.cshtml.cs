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

/// <summary>
/// The officer records a lesson from a phone: which lesson (the next by default), when (today by default),
/// who was absent (everyone is present until tapped), notes. A lesson already recorded opens its record instead.
/// </summary>
[Authorize(Policy = Operations.RecordLesson)]
public class RecordModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IAuthorizationService authorization,
    IStringLocalizer<SharedResource> L, NameAccessLog names) : PageModel
{
    public SchoolClass Class { get; private set; } = null!;
    public CurriculumComponent Component { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public int NextLesson { get; private set; }
    public IReadOnlyList<LessonForm.StudentMark> Students { get; private set; } = [];

    [BindProperty] public LessonForm.LessonInput Input { get; set; } = new();

    public bool OutOfOrder => Input.LessonNumber != NextLesson;

    public async Task<IActionResult> OnGetAsync(int id, int? lessonNumber)
    {
        if (!await LoadAsync(id, withStudents: true)) return NotFound();
        if (!await authorization.CanAsync(User, Operations.RecordLesson, Class)) return Forbid();
        Input.LessonNumber = lessonNumber ?? NextLesson;
        if (Class.Deliveries.FirstOrDefault(d => d.LessonNumber == Input.LessonNumber) is { } existing) return PointTo(existing);
        Input.TaughtOn = Today;
        if (Component.LessonNumber(Input.LessonNumber) is { } plan) (Input.MinutesTaught, Input.Activities) = (plan.PlannedMinutes, [.. plan.AllActivities]);
        Students = LessonForm.Marks(Class, Today, _ => true);
        await names.RecordAsync(NameView.LessonRecord, id, Students.Count);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!await authorization.CanAsync(User, Operations.RecordLesson, Class)) return Forbid();
        if (Class.Deliveries.FirstOrDefault(d => d.LessonNumber == Input.LessonNumber) is { } existing) return PointTo(existing);
        var officer = await LessonForm.Recording.OfficerAsync(db, UserScope.From(User));
        var dosage = Input.DosageFor(Component);
        if (Input.TaughtOn is { } taughtOn)
        {
            LessonForm.AddRefusals(ModelState, Class.CheckRecording(Input.LessonNumber, Component.LessonCount, taughtOn, officer, Today, dosage: dosage), Class,
                Component.Name.Current, L);
        }
        if (!ModelState.IsValid)
        {
            await db.Students.Where(st => db.Enrollments.Any(e => e.ClassId == id && e.StudentId == st.Id)).LoadAsync();
            Students = LessonForm.Marks(Class, Input.TaughtOn ?? Today, e => Input.Present.Contains(e.Id));
            return Page();
        }

        var delivery = Class.RecordLesson(Input.LessonNumber, Component.LessonCount, Input.TaughtOn!.Value, officer, Today, Input.Present.ToHashSet(),
            string.IsNullOrWhiteSpace(Input.Notes) ? null : Input.Notes.Trim(), time.GetUtcNow(), dosage: dosage);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Recorded a moment ago from another device (a double tap, a second phone): show that record.
            db.ChangeTracker.Clear();
            var other = await db.LessonDeliveries.FirstOrDefaultAsync(d => d.ClassId == id && d.LessonNumber == Input.LessonNumber);
            if (other is null) throw;
            return PointTo(other);
        }
        var absent = delivery.Attendance.Count(a => !a.Present);
        TempData["Message"] = (OutOfOrder
            ? L.Plural("Lesson {0} recorded ({1} absent). Note: lesson {2} is not recorded yet.", absent, Input.LessonNumber, absent, NextLesson)
            : L.Plural("Lesson {0} recorded ({1} absent).", absent, Input.LessonNumber, absent)).Value;
        return RedirectToPage("/Classes/Details", new { id });
    }
    private RedirectToPageResult PointTo(LessonDelivery existing)
    {
        TempData["Message"] = L["Lesson {0} was already recorded on {1}: here is that record.", existing.LessonNumber, existing.TaughtOn.ToString("d")].Value;
        return RedirectToPage("/Lessons/Edit", new { id = existing.Id });
    }

    private async Task<bool> LoadAsync(int id, bool withStudents = false)
    {
        if (await LessonForm.Recording.LoadAsync(db, UserScope.From(User), id, curriculum, time, withStudents) is not { } recording) return false;
        (Class, Component, Today, NextLesson) = (recording.Class, recording.Component, recording.Today, recording.NextLesson);
        return true;
    }
}
