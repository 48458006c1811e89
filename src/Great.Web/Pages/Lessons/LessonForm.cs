using FluentValidation;
using Great.Web.Domain;
using Great.Web.Resources;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Lessons;

/// <summary>What the record and correct forms share: their input, its validator, the students to mark, the class's refusals as messages.</summary>
public static class LessonForm
{
    public sealed record StudentMark(int EnrollmentId, string Name, bool Present);

    /// <summary>The posted form; its fields keep their plain names (LessonNumber, TaughtOn, Present, Notes), which phones post offline too.</summary>
    public sealed class LessonInput
    {
        public int LessonNumber { get; set; }
        public DateOnly? TaughtOn { get; set; }
        public List<int> Present { get; set; } = [];
        public string Notes { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<LessonInput>
    {
        public Validator(IStringLocalizer<SharedResource> L)
        {
            RuleFor(x => x.TaughtOn).NotNull().WithMessage(L["Enter the date the lesson was taught."]);
            RuleFor(x => x.Notes).MaximumLength(FieldLengths.Notes).WithMessage(L["Keep the notes under {0} characters.", FieldLengths.Notes.ToString("N0")]);
        }
    }

    /// <summary>Each refusal of the class as a message in the user's language, on the form.</summary>
    public static void AddRefusals(ModelStateDictionary modelState, IEnumerable<ClassRule> refusals, SchoolClass schoolClass, string componentName,
        IStringLocalizer<SharedResource> L)
    {
        foreach (var rule in refusals)
        {
            var field = rule is ClassRule.DateInFuture or ClassRule.BeforeClassStarts ? "TaughtOn" : rule == ClassRule.NoSuchLesson ? "LessonNumber" : "";
            modelState.AddModelError(field, L.Refusal(rule, componentName, schoolClass.StartsOn, schoolClass.Status));
        }
    }

    public static IReadOnlyList<StudentMark> Marks(SchoolClass schoolClass, DateOnly day, Func<Enrollment, bool> present) =>
        schoolClass.EnrolledOn(day).Select(e => new StudentMark(e.Id, e.Student.DisplayName, present(e)))
            .OrderBy(m => m.Name, StringComparer.CurrentCulture).ToList();
}
