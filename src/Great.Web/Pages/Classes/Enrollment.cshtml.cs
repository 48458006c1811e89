using FluentValidation;
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

namespace Great.Web.Pages.Classes;

/// <summary>One student in one class: correct their name or id, withdraw them on a date, or move them to another class of the school.</summary>
[Authorize(Policy = Policies.Coordinator)]
public class EnrollmentModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IValidator<StudentInput> validator,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public Enrollment Enrollment { get; private set; } = null!;
    public IReadOnlyList<(int Id, string Name)> OtherClasses { get; private set; } = [];
    public DateOnly Today { get; private set; }

    [BindProperty] public StudentInput Input { get; set; } = new();
    [BindProperty] public DateOnly? On { get; set; }
    [BindProperty] public int? ToClassId { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var s = Enrollment.Student;
        Input = new StudentInput { GivenName = s.GivenName, FamilyName = s.FamilyInitial, LocalId = s.LocalId ?? "" };
        On = Today;
        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!this.Validate(validator, Input, nameof(Input))) return Page();
        var localId = Input.LocalId.Trim();
        var student = Enrollment.Student;
        if (localId.Length > 0 && await db.Students.AnyAsync(s => s.SchoolId == student.SchoolId && s.LocalId == localId && s.Id != student.Id))
        {
            ModelState.AddModelError("Input.LocalId", L["Another student of this school has the id {0}.", localId]);
            return Page();
        }
        student.GivenName = Input.GivenName.Trim();
        student.FamilyInitial = Student.InitialOf(Input.FamilyName);
        student.LocalId = localId.Length == 0 ? null : localId;
        await db.SaveChangesAsync();
        TempData["Message"] = L["Saved {0}.", student.DisplayName].Value;
        return RedirectToPage("/Classes/Roster", new { id = Enrollment.ClassId });
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!CheckLeavingDate()) return Page();
        Enrollment.Withdraw(On!.Value);
        db.RequestRollup(Enrollment.Class.SchoolId, time.GetUtcNow());
        await db.SaveChangesAsync();
        TempData["Message"] = L["{0} withdrawn.", Enrollment.Student.DisplayName].Value;
        return RedirectToPage("/Classes/Roster", new { id = Enrollment.ClassId });
    }

    public async Task<IActionResult> OnPostTransferAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        // The target is an id from the form: only another class of the same school, in the user's scope.
        var target = ToClassId is { } to && OtherClasses.Any(c => c.Id == to)
            ? await db.Classes.Include(c => c.Enrollments).FirstAsync(c => c.Id == to) : null;
        if (target is null) ModelState.AddModelError(nameof(ToClassId), L["Choose another class of this school."]);
        if (!CheckLeavingDate() || target is null) return Page();
        Enrollment.Withdraw(On!.Value);
        target.Enroll(Enrollment.Student, On.Value);
        db.RequestRollup(Enrollment.Class.SchoolId, time.GetUtcNow());
        await db.SaveChangesAsync();
        TempData["Message"] = L["{0} moved to another class.", Enrollment.Student.DisplayName].Value;
        return RedirectToPage("/Classes/Roster", new { id = target.Id });
    }

    private bool CheckLeavingDate()
    {
        if (Enrollment.WithdrawnOn is not null) ModelState.AddModelError("", L["This student has already left the class."]);
        else if (On is null) ModelState.AddModelError(nameof(On), L["Enter the date."]);
        else if (On < Enrollment.EnrolledOn) ModelState.AddModelError(nameof(On), L["The date cannot be before the student enrolled ({0}).", Enrollment.EnrolledOn.ToString("d")]);
        else if (On > Today) ModelState.AddModelError(nameof(On), L["The date cannot be in the future."]);
        return ModelState.IsValid;
    }

    private async Task<bool> LoadAsync(int id)
    {
        var user = UserScope.From(User);
        var found = await db.Enrollments.Include(e => e.Student).Include(e => e.Class.School.Region)
            .Where(e => db.Classes.VisibleTo(user).Any(c => c.Id == e.ClassId))
            .FirstOrDefaultAsync(e => e.Id == id);
        if (found is null) return false;
        Enrollment = found;
        Today = found.Class.School.Region.Today(time);
        OtherClasses = (await db.Classes.AsNoTracking().VisibleTo(user)
                .Where(c => c.SchoolId == found.Class.SchoolId && c.Id != found.ClassId && c.Status != ClassStatus.Cancelled)
                .OrderByDescending(c => c.SchoolYear).ThenBy(c => c.Grade).ThenBy(c => c.Section)
                .Select(c => new { c.Id, c.ComponentCode, c.Grade, c.Section }).ToListAsync())
            .Select(c => (c.Id, $"{curriculum.NameOf(c.ComponentCode)} {c.Grade} {c.Section}")).ToList();
        return true;
    }
}
