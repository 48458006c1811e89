using FluentValidation;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Resources;
using Great.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Instructors;

/// <summary>Record a course the officer attended; certifications are then granted from it.</summary>
public class RecordTrainingModel(GreatDbContext db, TimeProvider time,
    IStringLocalizer<SharedResource> L) : PageModel, IPreparesInput
{
    [BindProperty] public TrainingInput Input { get; set; } = new();
    public string InstructorName { get; private set; } = "";

    public sealed class TrainingInput
    {
        public TrainingCourse Course { get; set; }
        public DateOnly? StartedOn { get; set; }
        public DateOnly? EndedOn { get; set; }
        public string Place { get; set; } = "";
        public string Trainers { get; set; } = "";
        /// <summary>Set by the page from the region's calendar, not by the form.</summary>
        [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever] public DateOnly Today { get; set; }
    }

    public sealed class Validator : AbstractValidator<TrainingInput>
    {
        public Validator(IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.Course).IsInEnum().WithMessage(L["Choose a course."]);
            RuleFor(x => x.StartedOn).NotNull().WithMessage(L["Enter the first day of the training."]);
            RuleFor(x => x.EndedOn).NotNull().WithMessage(L["Enter the last day of the training."])
                .GreaterThanOrEqualTo(x => x.StartedOn).WithMessage(L["The training cannot end before it starts."])
                .LessThanOrEqualTo(x => x.Today).WithMessage(L["Record a training once it has taken place."]);
            RuleFor(x => x.Place).NotEmpty().WithMessage(L["Enter where the training took place."]).MaximumLength(FieldLengths.Name);
            RuleFor(x => x.Trainers).NotEmpty().WithMessage(L["Enter the trainers' names."]).MaximumLength(FieldLengths.Reason);
        }
    }

    /// <summary>The training and certification dates may not be after the officer's region's today.</summary>
    public async Task PrepareInputAsync()
    {
        if (int.TryParse(RouteData.Values["id"]?.ToString(), out var id) && await FindAsync(id) is { } instructor)
        {
            Input.Today = instructor.Agency.Region.Today(time);
        }
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var instructor = await FindAsync(id);
        if (instructor is null) return NotFound();
        InstructorName = instructor.FullName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var instructor = await FindAsync(id);
        if (instructor is null) return NotFound();
        InstructorName = instructor.FullName;
        Input.Today = instructor.Agency.Region.Today(time);
        if (!ModelState.IsValid) return Page();

        instructor.Trainings.Add(new Training
        {
            Course = Input.Course, StartedOn = Input.StartedOn!.Value, EndedOn = Input.EndedOn!.Value,
            Place = Input.Place.Trim(), Trainers = Input.Trainers.Trim(),
        });
        await db.SaveChangesAsync();
        TempData["Message"] = L["Training recorded for {0}.", instructor.FullName].Value;
        return RedirectToPage("/Instructors/Details", new { id });
    }

    private Task<Instructor?> FindAsync(int id) =>
        db.Instructors.VisibleTo(UserScope.From(User)).Include(i => i.Agency.Region).FirstOrDefaultAsync(i => i.Id == id);
}
