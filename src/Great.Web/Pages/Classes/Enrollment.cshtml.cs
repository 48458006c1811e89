using FluentValidation;
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

/// <summary>One student in one class: correct their name or id, withdraw them on a date, or move them to another class of the school.</summary>
[Authorize(Policy = Operations.ManageRoster)]
public class EnrollmentModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IStringLocalizer<SharedResource> L,
    NameAccessLog names) : PageModel
{
    public Enrollment Enrollment { get; private set; } = null!;
    public IReadOnlyList<(int Id, string Name)> OtherClasses { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public StudentInput Input { get; private set; } = new();
    public DateOnly? On { get; private set; }

    /// <summary>Withdrawing or moving a student: the day they leave, and for a move the class they go to.</summary>
    public sealed class LeaveInput
    {
        public DateOnly? On { get; set; }
        public int? ToClassId { get; set; }
    }

    public sealed class Validator : AbstractValidator<LeaveInput>
    {
        public Validator(IStringLocalizer<SharedResource> L) => RuleFor(x => x.On).NotNull().WithMessage(L["Enter the date."]);
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var s = Enrollment.Student;
        Input = new StudentInput { GivenName = s.GivenName, FamilyName = s.FamilyInitial, LocalId = s.LocalId ?? "" };
        On = Today;
        await names.RecordAsync(NameView.Enrollment, Enrollment.ClassId, 1, s.Id);
        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync(int id, StudentInput input)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = input;
        if (!ModelState.IsValid) return Page();
        var localId = Input.LocalId.Trim();
        var student = Enrollment.Student;
        // A name removed by retention or an erasure request is not typed back (the privacy request page refuses the same).
        if (student.IsPseudonymised)
        {
            ModelState.AddModelError("Input", L.Refusal(StudentRule.NameRemoved));
            return Page();
        }
        if (localId.Length > 0 && await db.Students.AnyAsync(s => s.SchoolId == student.SchoolId && s.LocalId == localId && s.Id != student.Id))
        {
            ModelState.AddModelError("Input.LocalId", L["Another student of this school has the id {0}.", localId]);
            return Page();
        }
        student.Rename(Input.GivenName, Student.InitialOf(Input.FamilyName));
        student.Identify(localId, null);
        await db.SaveChangesAsync();
        TempData["Message"] = L["Saved {0}.", student.DisplayName].Value;
        return RedirectToPage("/Classes/Roster", new { id = Enrollment.ClassId });
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int id, LeaveInput leave)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!CheckLeaving(leave)) return Page();
        Enrollment.Withdraw(leave.On!.Value, Today);
        await db.SaveChangesAsync();
        TempData["Message"] = L["{0} withdrawn.", Enrollment.Student.DisplayName].Value;
        return RedirectToPage("/Classes/Roster", new { id = Enrollment.ClassId });
    }

    public async Task<IActionResult> OnPostTransferAsync(int id, LeaveInput leave)
    {
        if (!await LoadAsync(id)) return NotFound();
        // The target is an id from the form: only another class of the same school, in the user's scope.
        var target = leave.ToClassId is { } to && OtherClasses.Any(c => c.Id == to)
            ? await db.Classes.Include(c => c.Enrollments).FirstAsync(c => c.Id == to) : null;
        if (target is null) ModelState.AddModelError(nameof(LeaveInput.ToClassId), L["Choose another class of this school."]);
        if (!CheckLeaving(leave) || target is null) return Page();
        Enrollment.Withdraw(leave.On!.Value, Today);
        target.Enroll(Enrollment.Student, leave.On.Value);
        await db.SaveChangesAsync();
        TempData["Message"] = L["{0} moved to another class.", Enrollment.Student.DisplayName].Value;
        return RedirectToPage("/Classes/Roster", new { id = target.Id });
    }

    /// <summary>The enrolment's own rule for the day, as a message on the form.</summary>
    private bool CheckLeaving(LeaveInput leave)
    {
        On = leave.On;
        if (leave.On is { } on && Enrollment.CheckWithdrawal(on, Today) is { } refused)
        {
            ModelState.AddModelError(nameof(LeaveInput.On), L.Refusal(refused, curriculum.NameOf(Enrollment.Class.ComponentCode), Enrollment.EnrolledOn, Enrollment.Class.Status));
        }
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
