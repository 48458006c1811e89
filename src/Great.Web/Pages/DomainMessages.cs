using Great.Web.Domain;
using Great.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages;

/// <summary>A domain refusal in the user's language: the rule decides, the page only says it.</summary>
public static class DomainMessages
{
    /// <summary>The class's refusals; <paramref name="startsOn"/> is the day the rule is about (the class's first day, or the enrolment's).</summary>
    public static string Refusal(this IStringLocalizer<SharedResource> L, ClassRule rule, string componentName, DateOnly? startsOn, ClassStatus status) => (rule switch
    {
        ClassRule.ClassClosed => L["This class is finished or cancelled: it takes no more lessons."],
        ClassRule.NotAssigned => L["You are neither the instructor nor the substitute of this class."],
        ClassRule.NotCertified => L["Your certification for {0} is not valid on that day or today, so you cannot record its lessons. Ask your regional manager.", componentName],
        ClassRule.NoSuchLesson => L["Choose a lesson."],
        ClassRule.AlreadyRecorded => L["That lesson is already recorded."],
        ClassRule.DateInFuture => L["The lesson date cannot be in the future."],
        ClassRule.BeforeClassStarts => L["The lesson date cannot be before the class starts ({0}).", startsOn?.ToString("d") ?? ""],
        ClassRule.TransitionNotAllowed => L["The class cannot go from {0} to that status.", L[$"ClassStatus.{status}"].Value],
        ClassRule.LessonsRecorded => L["Lessons are recorded for this class: its component cannot change."],
        ClassRule.ReasonRequired => L["Give the reason: it stays in the audit trail."],
        ClassRule.AlreadyWithdrawn => L["This student has already left the class."],
        ClassRule.LeavesBeforeEnrolling => L["The date cannot be before the student enrolled ({0}).", startsOn?.ToString("d") ?? ""],
        ClassRule.LeavesInFuture => L["The date cannot be in the future."],
        ClassRule.RosterChanged => L["The class's students changed since this attendance was taken: check it again."],
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    }).Value;
}
