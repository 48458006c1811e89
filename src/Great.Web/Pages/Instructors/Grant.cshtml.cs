using FluentValidation;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Great.Web.Pages.Instructors;

/// <summary>Certify an officer for a component, at a level, usually after a recorded training.</summary>
public class GrantModel(GreatDbContext db, CurriculumCatalogue curriculum, TimeProvider time, IOptions<CertificationOptions> options, IStringLocalizer<SharedResource> L) : PageModel, IPreparesInput
{
    [BindProperty] public GrantInput Input { get; set; } = new();
    public Instructor Instructor { get; private set; } = null!;
    public IReadOnlyList<CurriculumComponent> Components => curriculum.Current;
    public CertificationOptions Validity => options.Value;

    public sealed class GrantInput
    {
        public string ComponentCode { get; set; } = "";
        public CertificationLevel Level { get; set; }
        public int? TrainingId { get; set; }
        public DateOnly? TrainedOn { get; set; }
        public DateOnly? CertifiedOn { get; set; }
        /// <summary>Empty: the component's default validity from the certification date.</summary>
        public DateOnly? ExpiresOn { get; set; }
        [BindNever] public DateOnly Today { get; set; }
    }

    public sealed class Validator : AbstractValidator<GrantInput>
    {
        public Validator(CurriculumCatalogue curriculum, IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.ComponentCode).Cascade(CascadeMode.Stop).NotEmpty().WithMessage(L["Choose a component."])
                .Must(c => curriculum.CurrentEdition(c) is not null).WithMessage(L["Choose a component."]);
            RuleFor(x => x.Level).IsInEnum().WithMessage(L["Choose a level."]);
            RuleFor(x => x.TrainedOn).NotNull().WithMessage(L["Enter the training date, or choose a recorded training."])
                .LessThanOrEqualTo(x => x.Today).WithMessage(L["The training date cannot be in the future."]);
            RuleFor(x => x.CertifiedOn).NotNull().WithMessage(L["Enter the certification date."])
                .GreaterThanOrEqualTo(x => x.TrainedOn).WithMessage(L["The certification date cannot be before the training."])
                .LessThanOrEqualTo(x => x.Today).WithMessage(L["The certification date cannot be in the future."]);
            RuleFor(x => x.ExpiresOn).GreaterThan(x => x.CertifiedOn).WithMessage(L["The expiry date must be after the certification date."])
                .When(x => x.ExpiresOn is not null);
        }
    }

    /// <summary>
    /// The dates may not be after the officer's region's today; a grant from a recorded training takes its last day
    /// as the training date unless one is given.
    /// </summary>
    public async Task PrepareInputAsync()
    {
        if (int.TryParse(RouteData.Values["id"]?.ToString(), out var id) && await FindAsync(id) is { } instructor)
        {
            Input.Today = instructor.Agency.Region.Today(time);
            Input.TrainedOn ??= instructor.Trainings.FirstOrDefault(t => t.Id == Input.TrainingId)?.EndedOn;
        }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var instructor = await FindAsync(id);
        if (instructor is null) return NotFound();
        Instructor = instructor;
        var today = instructor.Agency.Region.Today(time);
        var latest = instructor.Trainings.OrderByDescending(t => t.EndedOn).FirstOrDefault();
        Input = new GrantInput { CertifiedOn = today, TrainingId = latest?.Id, TrainedOn = latest?.EndedOn };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var instructor = await FindAsync(id);
        if (instructor is null) return NotFound();
        Instructor = instructor;
        Input.Today = instructor.Agency.Region.Today(time);

        // A training is an id from the form: only this officer's own trainings count.
        var training = Input.TrainingId is { } trainingId ? instructor.Trainings.FirstOrDefault(t => t.Id == trainingId) : null;
        if (Input.TrainingId is not null && training is null) ModelState.AddModelError("Input.TrainingId", L["Choose one of this officer's trainings."]);
        Input.TrainedOn ??= training?.EndedOn;
        if (!ModelState.IsValid) return Page();
        if (instructor.HasStandingCertification(Input.ComponentCode, Input.Today))
        {
            ModelState.AddModelError("Input.ComponentCode", L["This officer already holds a certification for this component: renew it instead."]);
            return Page();
        }

        var certifiedOn = Input.CertifiedOn!.Value;
        var expiresOn = Input.ExpiresOn ?? certifiedOn.AddMonths(Validity.ValidityFor(Input.ComponentCode));
        instructor.Grant(Input.ComponentCode, Input.Level, Input.TrainedOn!.Value, certifiedOn, expiresOn, Input.Today, training);
        await db.SaveChangesAsync();
        TempData["Message"] = (Input.Level == CertificationLevel.Instructor
            ? L["{0} is certified for {1} until {2}, provisionally: assign a mentor, whose passing observation makes it Active.", instructor.FullName, curriculum.NameOf(Input.ComponentCode), expiresOn.ToString("d")]
            : L["{0} is certified for {1} until {2}.", instructor.FullName, curriculum.NameOf(Input.ComponentCode), expiresOn.ToString("d")]).Value;
        return RedirectToPage("/Instructors/Details", new { id });
    }

    private Task<Instructor?> FindAsync(int id) => db.Instructors.VisibleTo(UserScope.From(User))
        .Include(i => i.Agency.Region).Include(i => i.Certifications).Include(i => i.Trainings)
        .FirstOrDefaultAsync(i => i.Id == id);
}
