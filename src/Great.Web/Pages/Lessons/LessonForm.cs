using Great.Web.Curriculum;
using Great.Web.Domain;
using Great.Web.Resources;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Lessons;

/// <summary>What the record and correct forms share: the date rules and the students to mark.</summary>
public static class LessonForm
{
    public sealed record StudentMark(int EnrollmentId, string Name, bool Present);

    /// <summary>Not in the future (in the region's calendar), not before the class starts.</summary>
    public static void CheckDate(ModelStateDictionary modelState, string field, DateOnly? taughtOn, DateOnly today, DateOnly? classStarts,
        IStringLocalizer<SharedResource> L)
    {
        if (taughtOn is null) modelState.AddModelError(field, L["Enter the date the lesson was taught."]);
        else if (taughtOn > today) modelState.AddModelError(field, L["The lesson date cannot be in the future."]);
        else if (classStarts is { } starts && taughtOn < starts)
            modelState.AddModelError(field, L["The lesson date cannot be before the class starts ({0}).", starts.ToString("d")]);
    }

    /// <summary>Only an officer Active or Expiring for the component may record its lessons.</summary>
    public static void CheckCertification(ModelStateDictionary modelState, Instructor instructor, SchoolClass schoolClass, DateOnly today,
        CurriculumCatalogue curriculum, IStringLocalizer<SharedResource> L)
    {
        if (!instructor.MayTeach(schoolClass.ComponentCode, today))
        {
            modelState.AddModelError("", L["Your certification for {0} is not valid today, so you cannot record its lessons. Ask your regional manager.",
                curriculum.NameOf(schoolClass.ComponentCode)]);
        }
    }

    public static IReadOnlyList<StudentMark> Marks(SchoolClass schoolClass, DateOnly day, Func<Enrollment, bool> present) =>
        schoolClass.EnrolledOn(day).Select(e => new StudentMark(e.Id, e.Student.DisplayName, present(e)))
            .OrderBy(m => m.Name, StringComparer.CurrentCulture).ToList();
}
