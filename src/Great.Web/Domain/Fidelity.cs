using System.Globalization;
using Great.Web.Curriculum;

namespace Great.Web.Domain;

/// <summary>
/// How a lesson was taught against its plan: the minutes it took and which of its activities were done (numbers
/// 1..<see cref="ActivitiesPlanned"/>, as the curriculum file lists them). Made with the plan it is measured against,
/// whose figures the record keeps: an edited curriculum file does not rewrite what a lesson was measured against.
/// </summary>
public sealed record Dosage(int Minutes, IReadOnlySet<int> ActivitiesDone, int PlannedMinutes, int ActivitiesPlanned)
{
    public static Dosage For(Lesson plan, int minutes, IEnumerable<int> activitiesDone) =>
        new(minutes, activitiesDone.ToHashSet(), plan.PlannedMinutes, plan.Activities.Count);

    /// <summary>Minutes in 1–240, and only activities the lesson has.</summary>
    public IReadOnlyList<ClassRule> Check()
    {
        var refusals = new List<ClassRule>();
        if (!Lesson.IsLength(Minutes)) refusals.Add(ClassRule.MinutesOutOfRange);
        if (ActivitiesDone.Any(a => a < 1 || a > ActivitiesPlanned)) refusals.Add(ClassRule.NoSuchActivity);
        return refusals;
    }

    /// <summary>Activity numbers as a record keeps them: ascending, comma-separated ("1,2,4").</summary>
    public static string Format(IEnumerable<int> activities) => string.Join(',', activities.Order().Select(a => a.ToString(CultureInfo.InvariantCulture)));

    public static IReadOnlySet<int> Parse(string? activities) =>
        (activities ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToHashSet();
}

public enum ObservationOutcome { Pass, NeedsFollowUp }

/// <summary>Why an observation is refused; the page says it in the user's language.</summary>
public enum ObservationRule
{
    NotObserver, OwnLesson, NotRecorded, RubricOutOfRange, MinutesOutOfRange, NoSuchActivity, SignOffNotMentor, SignOffNeedsPass,
    SignOffNotProvisional, SignOffBeforeCertification, NotObservedOfficer, AlreadyAcknowledged, MentorNotQualified, MentorIsOfficer,
}

public sealed class ObservationRuleException(ObservationRule rule) : InvalidOperationException($"Observation rule broken: {rule}")
{
    public ObservationRule Rule { get; } = rule;
}

/// <summary>The four parts of the quality rubric, each scored 1 (not yet) to 4 (exemplary); their levels are written out in both languages.</summary>
public enum RubricPart { Preparation, Engagement, ClassroomManagement, ContentAccuracy }

/// <summary>
/// A mentor or the region's manager watched a recorded lesson: which activities they saw, the rubric, the minutes,
/// what went well and what to work on, and whether it passed. The observed officer reads it and acknowledges it.
/// </summary>
public class Observation
{
    public const int MinScore = 1;
    public const int MaxScore = 4;

    public int Id { get; init; }
    public int DeliveryId { get; private set; }
    public LessonDelivery Delivery { get; private set; } = null!;
    /// <summary>The officer who taught the lesson (the record's), kept so an officer's observations are one lookup.</summary>
    public int ObservedInstructorId { get; private set; }
    public Instructor ObservedInstructor { get; private set; } = null!;
    /// <summary>The mentor who observed; none when the region's manager did.</summary>
    public int? ObserverInstructorId { get; private set; }
    public Instructor? ObserverInstructor { get; private set; }
    public required string ObserverUserId { get; init; }
    public required string ObserverName { get; init; }
    /// <summary>The day of the lesson watched.</summary>
    public DateOnly ObservedOn { get; private set; }
    public string ActivitiesSeen { get; private set; } = "";
    public int ActivitiesPlanned { get; private set; }
    public int Minutes { get; private set; }
    public int Preparation { get; private set; }
    public int Engagement { get; private set; }
    public int ClassroomManagement { get; private set; }
    public int ContentAccuracy { get; private set; }
    public string? Strengths { get; private set; }
    public string? Suggestions { get; private set; }
    public ObservationOutcome Outcome { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }

    public int Score(RubricPart part) => part switch
    {
        RubricPart.Preparation => Preparation,
        RubricPart.Engagement => Engagement,
        RubricPart.ClassroomManagement => ClassroomManagement,
        _ => ContentAccuracy,
    };

    public IReadOnlySet<int> ActivityNumbersSeen => Dosage.Parse(ActivitiesSeen);

    /// <summary>
    /// Who may observe a lesson of a class: the manager of the class's region, or a mentor (certified at Mentor or
    /// Trainer level for the component, in standing) of that region. Never one's own lesson: see <see cref="CheckContent"/>.
    /// </summary>
    public static ObservationRule? CheckObserver(SchoolClass schoolClass, int regionId, Instructor? mentor, int? managerRegionId, DateOnly today)
    {
        if (managerRegionId is not null) return managerRegionId == regionId ? null : ObservationRule.NotObserver;
        if (mentor is null || mentor.Agency?.RegionId != regionId || !mentor.MayMentor(schoolClass.ComponentCode, today)) return ObservationRule.NotObserver;
        return null;
    }

    /// <summary>
    /// What the observation itself must hold: a recorded lesson taught by someone else than the mentor, scores 1–4,
    /// minutes 1–240, activities the lesson has.
    /// </summary>
    public static IReadOnlyList<ObservationRule> CheckContent(LessonDelivery? delivery, Lesson plan, Instructor? mentor, int minutes,
        IReadOnlyDictionary<RubricPart, int> scores, IReadOnlySet<int> activitiesSeen)
    {
        var refusals = new List<ObservationRule>();
        if (delivery is null) refusals.Add(ObservationRule.NotRecorded);
        else if (mentor is not null && mentor.Id == delivery.InstructorId) refusals.Add(ObservationRule.OwnLesson);
        if (Enum.GetValues<RubricPart>().Any(p => !scores.TryGetValue(p, out var s) || s < MinScore || s > MaxScore)) refusals.Add(ObservationRule.RubricOutOfRange);
        if (!Lesson.IsLength(minutes)) refusals.Add(ObservationRule.MinutesOutOfRange);
        if (!activitiesSeen.IsSubsetOf(plan.AllActivities)) refusals.Add(ObservationRule.NoSuchActivity);
        return refusals;
    }

    /// <summary>Records an observation of a lesson; the page has asked <see cref="CheckObserver"/> and <see cref="CheckContent"/> first.</summary>
    public static Observation Record(LessonDelivery delivery, Lesson plan, Instructor? mentor, string observerUserId, string observerName, int minutes,
        IReadOnlyDictionary<RubricPart, int> scores, IReadOnlySet<int> activitiesSeen, string? strengths, string? suggestions, ObservationOutcome outcome,
        DateTimeOffset now)
    {
        if (CheckContent(delivery, plan, mentor, minutes, scores, activitiesSeen) is [var refused, ..]) throw new ObservationRuleException(refused);
        return new Observation
        {
            Delivery = delivery, DeliveryId = delivery.Id, ObservedInstructorId = delivery.InstructorId, ObserverInstructor = mentor,
            ObserverInstructorId = mentor?.Id, ObserverUserId = observerUserId, ObserverName = observerName, ObservedOn = delivery.TaughtOn,
            ActivitiesSeen = Dosage.Format(activitiesSeen), ActivitiesPlanned = plan.Activities.Count,
            Minutes = minutes, Preparation = scores[RubricPart.Preparation], Engagement = scores[RubricPart.Engagement],
            ClassroomManagement = scores[RubricPart.ClassroomManagement], ContentAccuracy = scores[RubricPart.ContentAccuracy],
            Strengths = Blank(strengths), Suggestions = Blank(suggestions), Outcome = outcome, RecordedAt = now,
        };
    }

    /// <summary>The observed officer has read it; once.</summary>
    public void Acknowledge(int instructorId, DateTimeOffset now)
    {
        if (instructorId != ObservedInstructorId) throw new ObservationRuleException(ObservationRule.NotObservedOfficer);
        if (AcknowledgedAt is not null) throw new ObservationRuleException(ObservationRule.AlreadyAcknowledged);
        AcknowledgedAt = now;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
