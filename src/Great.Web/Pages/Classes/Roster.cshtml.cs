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

/// <summary>A class's roster: add a student by hand; each student opens to edit, withdraw or transfer.</summary>
[Authorize(Policy = Operations.ManageRoster)]
public class RosterModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time,
    IStringLocalizer<SharedResource> L, NameAccessLog names) : PageModel
{
    [BindProperty] public StudentInput Input { get; set; } = new();
    public SchoolClass Class { get; private set; } = null!;
    public string ComponentName => curriculum.NameOf(Class.ComponentCode);
    public IReadOnlyList<Row> Students { get; private set; } = [];

    public sealed record Row(int EnrollmentId, string Name, string? LocalId, DateOnly EnrolledOn, DateOnly? WithdrawnOn, IReadOnlyList<ConsentAnswer> Consents)
    {
        public ConsentStatus Consent(ConsentKind kind) => Consents.FirstOrDefault(c => c.Kind == kind)?.Status ?? ConsentStatus.Unknown;
    }

    public sealed record ConsentAnswer(ConsentKind Kind, ConsentStatus Status);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await names.RecordAsync(NameView.Roster, id, Students.Count);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var localId = Input.LocalId.Trim();
        var student = localId.Length == 0 ? null
            : await db.Students.FirstOrDefaultAsync(s => s.SchoolId == Class.SchoolId && s.LocalId == localId);
        if (student is not null && (student.GivenName != Input.GivenName.Trim() || student.FamilyInitial != Student.InitialOf(Input.FamilyName)))
        {
            ModelState.AddModelError("Input.LocalId", L["The student id {0} belongs to {1} in this school.", localId, student.DisplayName]);
            return Page();
        }
        if (student is not null && Class.Enrollments.Any(e => e.StudentId == student.Id && e.WithdrawnOn is null))
        {
            ModelState.AddModelError("Input.LocalId", L["{0} is already in this class.", student.DisplayName]);
            return Page();
        }
        student ??= Student.New(Class.SchoolId, Input.GivenName, Student.InitialOf(Input.FamilyName), localId);
        Class.Enroll(student, Class.School.Region.Today(time));
        await db.SaveChangesAsync();
        TempData["Message"] = L["{0} added to the class.", student.DisplayName].Value;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var found = await db.Classes.VisibleTo(UserScope.From(User)).Include(c => c.School.Region).Include(c => c.Enrollments)
            .FirstOrDefaultAsync(c => c.Id == id);
        if (found is null) return false;
        Class = found;
        Students = (await db.Enrollments.AsNoTracking().Where(e => e.ClassId == id)
                .Select(e => new Row(e.Id, e.Student.GivenName + " " + e.Student.FamilyInitial + ".", e.Student.LocalId, e.EnrolledOn, e.WithdrawnOn,
                    e.Student.Consents.Select(c => new ConsentAnswer(c.Kind, c.Status)).ToList()))
                .ToListAsync())
            .OrderBy(r => r.WithdrawnOn is not null).ThenBy(r => r.Name, StringComparer.CurrentCulture).ToList();
        return true;
    }
}
