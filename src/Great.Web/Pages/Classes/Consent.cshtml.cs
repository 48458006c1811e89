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

namespace Great.Web.Pages.Classes;

/// <summary>
/// The guardians' consent register of a class: each student's four answers set by hand, or one answer for the whole
/// class at once (the forms a school sent home came back). Each change keeps the day of the answer and who recorded it.
/// </summary>
[Authorize(Policy = Operations.ManageRoster)]
public class ConsentModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IStringLocalizer<SharedResource> L,
    NameAccessLog names) : PageModel
{
    public SchoolClass Class { get; private set; } = null!;
    public string ComponentName => curriculum.NameOf(Class.ComponentCode);
    public DateOnly Today { get; private set; }
    public IReadOnlyList<Enrollment> Students { get; private set; } = [];

    /// <summary>The register as posted: each student's answer to each question.</summary>
    [BindProperty] public List<Answer> Answers { get; set; } = [];
    [BindProperty] public DateOnly? AnsweredOn { get; set; }

    // The class-wide answer.
    [BindProperty] public ConsentKind? AllKind { get; set; }
    [BindProperty] public ConsentStatus? AllStatus { get; set; }
    [BindProperty] public bool OnlyUnanswered { get; set; } = true;

    public sealed class Answer
    {
        public int StudentId { get; set; }
        public ConsentKind Kind { get; set; }
        public ConsentStatus Status { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        AnsweredOn = Today;
        await names.RecordAsync(NameView.Consent, id, Students.Count);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var byId = Students.ToDictionary(e => e.StudentId, e => e.Student);
        // An answer for a student not in this class is not this form's: nothing is saved.
        if (Answers.Any(a => !byId.ContainsKey(a.StudentId))) return NotFound();
        if (Answers.Any(a => !Enum.IsDefined(a.Kind) || !Enum.IsDefined(a.Status))) ModelState.AddModelError(nameof(Answers), L["Choose given, refused or unknown."]);
        CheckDay();
        if (!ModelState.IsValid) return Page();
        var changed = Answers.Count(a => byId[a.StudentId].ConsentFor(a.Kind) != a.Status);
        foreach (var a in Answers) byId[a.StudentId].RecordConsent(a.Kind, a.Status, AnsweredOn!.Value, RecordedBy, time.GetUtcNow());
        await db.SaveChangesAsync();
        TempData["Message"] = L["Consent register saved: {0} answers changed.", changed].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostAllAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (AllKind is not { } kind || !Enum.IsDefined(kind)) ModelState.AddModelError(nameof(AllKind), L["Choose what the guardians answered about."]);
        if (AllStatus is not { } status || !Enum.IsDefined(status)) ModelState.AddModelError(nameof(AllStatus), L["Choose given, refused or unknown."]);
        CheckDay();
        if (!ModelState.IsValid) return Page();
        var students = Students.Where(e => e.IsActive).Select(e => e.Student)
            .Where(s => !OnlyUnanswered || s.ConsentFor(AllKind!.Value) == ConsentStatus.Unknown).ToList();
        var changed = students.Count(s => s.ConsentFor(AllKind!.Value) != AllStatus);
        foreach (var student in students) student.RecordConsent(AllKind!.Value, AllStatus!.Value, AnsweredOn!.Value, RecordedBy, time.GetUtcNow());
        await db.SaveChangesAsync();
        TempData["Message"] = L["Consent register saved: {0} answers changed.", changed].Value;
        return RedirectToPage(new { id });
    }

    private string RecordedBy => User.Identity?.Name ?? "?";

    private void CheckDay()
    {
        if (AnsweredOn is not { } on) ModelState.AddModelError(nameof(AnsweredOn), L["Give the day the guardians answered."]);
        else if (!PastDay.IsValid(on, Today)) ModelState.AddModelError(nameof(AnsweredOn), L["The day of the answer must be between 2000 and today."]);
    }

    private async Task<bool> LoadAsync(int id)
    {
        var found = await db.Classes.VisibleTo(UserScope.From(User)).Include(c => c.School.Region)
            .Include(c => c.Enrollments).ThenInclude(e => e.Student).ThenInclude(s => s.Consents)
            .AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id);
        if (found is null) return false;
        Class = found;
        Today = found.School.Region.Today(time);
        Students = found.Enrollments.OrderBy(e => !e.IsActive).ThenBy(e => e.Student.DisplayName, StringComparer.CurrentCulture).ToList();
        return true;
    }
}
