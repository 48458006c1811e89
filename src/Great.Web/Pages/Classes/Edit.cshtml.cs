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

/// <summary>
/// Create a class in one of my schools, or change one. The curriculum edition is pinned when the class is created;
/// the component cannot change once a lesson is recorded.
/// </summary>
[Authorize(Policy = Operations.ManageClasses)]
public class EditModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public ClassInput Input { get; set; } = new();
    public IReadOnlyList<(int Id, string Name)> Schools { get; private set; } = [];
    public IReadOnlyList<CurriculumComponent> Components => curriculum.Current;
    /// <summary>The officers who may teach the class's component (the one posted or saved).</summary>
    public IReadOnlyList<InstructorCandidates.Candidate> Candidates { get; private set; } = [];
    public IReadOnlyDictionary<string, IReadOnlyList<InstructorCandidates.Candidate>> CandidatesByComponent { get; private set; } =
        new Dictionary<string, IReadOnlyList<InstructorCandidates.Candidate>>();
    public IReadOnlyList<(int Year, string Label)> SchoolYears { get; private set; } = [];
    public bool IsNew => Input.Id == 0;
    public bool HasLessons { get; private set; }

    public sealed class ClassInput
    {
        public int Id { get; set; }
        public int SchoolId { get; set; }
        public string ComponentCode { get; set; } = "";
        public int SchoolYear { get; set; }
        public string Grade { get; set; } = "";
        public string Section { get; set; } = "";
        public string ClassroomTeacher { get; set; } = "";
        public int? InstructorId { get; set; }
        public ClassStatus Status { get; set; } = ClassStatus.Planned;
        /// <summary>"en" or "es"; empty on a new class: the region's language.</summary>
        public string? Language { get; set; }
    }

    public sealed class Validator : AbstractValidator<ClassInput>
    {
        public Validator(CurriculumCatalogue curriculum, IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.SchoolId).GreaterThan(0).WithMessage(L["Choose a school."]);
            RuleFor(x => x.ComponentCode).Cascade(CascadeMode.Stop).NotEmpty().WithMessage(L["Choose a component."])
                .Must(c => curriculum.CurrentEdition(c) is not null).WithMessage(L["Choose a component."]);
            // A component written for no grades (Families: households of any age) has none.
            RuleFor(x => x.Grade).NotEmpty().WithMessage(L["Enter the grade."]).When(x => curriculum.CurrentEdition(x.ComponentCode) is not { Grades.Count: 0 })
                .MaximumLength(FieldLengths.Label);
            RuleFor(x => x.Section).NotEmpty().WithMessage(L["Enter the section."]).MaximumLength(FieldLengths.Label);
            RuleFor(x => x.ClassroomTeacher).MaximumLength(FieldLengths.Name);
            RuleFor(x => x.Status).IsInEnum();
            RuleFor(x => x.Language).Must(c => string.IsNullOrEmpty(c) || Languages.IsSupported(c)).WithMessage(L["Choose English or Spanish."]);
        }
    }

    public async Task<IActionResult> OnGetAsync(int? id, int? schoolId)
    {
        var user = UserScope.From(User);
        if (id is not null)
        {
            var existing = await db.Classes.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(c => c.Id == id);
            if (existing is null) return NotFound();
            Input = new ClassInput
            {
                Id = existing.Id, SchoolId = existing.SchoolId, ComponentCode = existing.ComponentCode, SchoolYear = existing.SchoolYear,
                Grade = existing.Grade, Section = existing.Section, ClassroomTeacher = existing.ClassroomTeacher ?? "",
                InstructorId = existing.InstructorId, Status = existing.Status, Language = existing.Language,
            };
        }
        else
        {
            Input.SchoolId = schoolId ?? 0;
        }
        await LoadChoicesAsync(user);
        if (id is null && SchoolYears.Count > 0) Input.SchoolYear = SchoolYears[1].Year;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = UserScope.From(User);
        var schoolClass = Input.Id == 0 ? null
            : await db.Classes.VisibleTo(user).Include(c => c.Deliveries).Include(c => c.PlannedLessons)
                .Include(c => c.SubstituteInstructor!).ThenInclude(i => i.Certifications).FirstOrDefaultAsync(c => c.Id == Input.Id);
        if (Input.Id != 0 && schoolClass is null) return NotFound();
        await LoadChoicesAsync(user);

        // School, year and instructor are ids from the form: each must be one this user may choose.
        if (Schools.All(s => s.Id != Input.SchoolId)) ModelState.AddModelError("Input.SchoolId", L["Choose a school."]);
        if (SchoolYears.All(y => y.Year != Input.SchoolYear)) ModelState.AddModelError("Input.SchoolYear", L["Choose a school year."]);
        if (Input.InstructorId is { } chosen && Candidates.All(c => c.Id != chosen))
        {
            ModelState.AddModelError("Input.InstructorId", L["This officer is not certified to teach {0} now: choose one from the list.", curriculum.NameOf(Input.ComponentCode)]);
        }
        if (schoolClass?.CheckComponentChange(Input.ComponentCode) is { } componentRefusal)
        {
            ModelState.AddModelError("Input.ComponentCode", L.Refusal(componentRefusal, curriculum.NameOf(schoolClass.ComponentCode), schoolClass.StartsOn, schoolClass.Status));
        }
        if (schoolClass is not null && !schoolClass.CanChangeStatusTo(Input.Status))
        {
            ModelState.AddModelError("Input.Status", L.Refusal(ClassRule.TransitionNotAllowed, curriculum.NameOf(schoolClass.ComponentCode), schoolClass.StartsOn, schoolClass.Status));
        }
        else if (schoolClass is null && !SchoolClass.MayBeCreatedAs(Input.Status))
        {
            ModelState.AddModelError("Input.Status", L.Refusal(ClassRule.TransitionNotAllowed, curriculum.NameOf(Input.ComponentCode), null, ClassStatus.Planned));
        }
        if (!ModelState.IsValid) return Page();

        var school = await db.Schools.Include(s => s.Region).FirstAsync(s => s.Id == Input.SchoolId);
        var edition = curriculum.CurrentEdition(Input.ComponentCode)!;
        if (schoolClass is null)
        {
            schoolClass = SchoolClass.Create(school, edition.Code, edition.Edition, Input.SchoolYear, "", "");
            db.Classes.Add(schoolClass);
        }
        else
        {
            if (schoolClass.ComponentCode != Input.ComponentCode) schoolClass.ChangeComponent(edition.Code, edition.Edition);
            schoolClass.MoveTo(school);
            schoolClass.ChangeStatusTo(Input.Status, school.Region.Today(time));
        }
        schoolClass.Describe(Input.SchoolYear, Input.Grade, Input.Section, Input.ClassroomTeacher, Input.Language);
        Instructor? released = null;
        if (Input.InstructorId != schoolClass.InstructorId)
        {
            var officer = Input.InstructorId is { } officerId ? await db.Instructors.Include(i => i.Certifications).FirstAsync(i => i.Id == officerId) : null;
            released = schoolClass.ReplaceInstructor(officer, school.Region.Today(time));
        }
        await db.SaveChangesAsync();
        TempData["Message"] = released is null ? L["Class saved."].Value
            : L["Class saved. {0} is no longer its substitute: no longer certified to teach {1}.", $"{released.GivenName} {released.FamilyName}", curriculum.NameOf(schoolClass.ComponentCode)].Value;
        return RedirectToPage("/Classes/Details", new { id = schoolClass.Id });
    }

    private async Task LoadChoicesAsync(UserScope user)
    {
        var schools = await db.Schools.AsNoTracking().VisibleTo(user).Include(s => s.Region)
            .OrderBy(s => s.Name).ToListAsync();
        Schools = schools.Select(s => (s.Id, s.Name)).ToList();
        var school = schools.FirstOrDefault(s => s.Id == Input.SchoolId) ?? (schools.Count == 1 ? schools[0] : null);
        if (school is null) return;
        Input.SchoolId = school.Id;
        var today = school.Region.Today(time);
        var current = school.Region.SchoolYearOf(today);
        SchoolYears = new[] { current - 1, current, current + 1 }.Select(y => (y, school.Region.SchoolYearLabel(y))).ToList();
        // The officers certified for each component, so that one can be chosen with the component, before the class exists.
        var byComponent = new Dictionary<string, IReadOnlyList<InstructorCandidates.Candidate>>();
        foreach (var component in curriculum.Current)
        {
            byComponent[component.Code] = await InstructorCandidates.LoadAsync(db, user, school.RegionId, component.Code, today);
        }
        CandidatesByComponent = byComponent;
        Candidates = byComponent.GetValueOrDefault(Input.ComponentCode) ?? [];
        HasLessons = Input.Id != 0 && await db.LessonDeliveries.AnyAsync(d => d.ClassId == Input.Id);
    }
}
