using Great.Web.Domain;
using Great.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages;

/// <summary>A domain refusal in the user's language: the rule decides, the page only says it.</summary>
public static class DomainMessages
{
    /// <summary>The student record's refusals.</summary>
    public static string Refusal(this IStringLocalizer<SharedResource> L, StudentRule rule) => (rule switch
    {
        StudentRule.NameRemoved => L["This student's name was removed (retention of names, or an erasure request): it cannot be typed back."],
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    }).Value;

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
        ClassRule.MinutesOutOfRange => L["Enter the minutes taught, between 1 and {0}.", Great.Web.Curriculum.Lesson.MaxMinutes],
        ClassRule.NoSuchActivity => L["Choose only activities of this lesson."],
        ClassRule.NotForHouseholds => L["Households take part in Families groups only."],
        ClassRule.HouseholdLabelRequired => L["Enter a label for the household."],
        ClassRule.HouseholdLabelTaken => L["Another household of this group has this label."],
        ClassRule.MemberNameRequired => L["Enter each member's given name and family initial."],
        ClassRule.HouseholdWithoutAdult => L["A household needs at least one adult."],
        ClassRule.HouseholdWithoutYouth => L["A household needs at least one youth."],
        ClassRule.MemberEnrolledTwice => L["This person is already a member of this group."],
        ClassRule.OnlyYouthLinked => L["Only a youth can be linked to a student."],
        ClassRule.AlreadyLinked => L["This youth is already linked to a student."],
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    }).Value;

    /// <summary>An observation's refusals.</summary>
    public static string Refusal(this IStringLocalizer<SharedResource> L, ObservationRule rule) => (rule switch
    {
        ObservationRule.NotObserver => L["Only a mentor certified for this component in the region, or the region's manager, may observe this lesson."],
        ObservationRule.OwnLesson => L["You cannot observe your own lesson."],
        ObservationRule.NotRecorded => L["This lesson is not recorded yet: the officer records it first, then it can be observed."],
        ObservationRule.RubricOutOfRange => L["Score each part of the rubric from 1 to 4."],
        ObservationRule.MinutesOutOfRange => L["Enter the minutes observed, between 1 and {0}.", Great.Web.Curriculum.Lesson.MaxMinutes],
        ObservationRule.NoSuchActivity => L["Choose only activities of this lesson."],
        ObservationRule.SignOffNotMentor => L["Only the officer's assigned mentor can sign off the certification."],
        ObservationRule.SignOffNeedsPass => L["A sign-off needs a passing outcome."],
        ObservationRule.SignOffNotProvisional => L["There is no provisional certification of this officer for this component to sign off."],
        ObservationRule.SignOffBeforeCertification => L["A sign-off needs a lesson taught after the officer was certified."],
        ObservationRule.NotObservedOfficer => L["Only the observed officer can acknowledge this observation."],
        ObservationRule.AlreadyAcknowledged => L["This observation is already acknowledged."],
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    }).Value;
}
