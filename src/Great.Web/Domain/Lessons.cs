namespace Great.Web.Domain;

/// <summary>One lesson taught to one class; recorded at most once per class and lesson number.</summary>
public class LessonDelivery : AnnouncesChanges, IExplainedChange
{
    public int Id { get; init; }
    public int ClassId { get; init; }
    public SchoolClass Class { get; init; } = null!;
    public int LessonNumber { get; init; }
    private DateOnly _taughtOn;
    public DateOnly TaughtOn { get => _taughtOn; init => _taughtOn = value; }
    public int InstructorId { get; init; }
    public Instructor Instructor { get; init; } = null!;
    private string? _notes;
    public string? Notes { get => _notes; init => _notes = value; }
    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>The id a phone gave this record when it was kept offline: the same record sent twice is recognised by it.</summary>
    public Guid? PhoneId { get; init; }

    // Dosage and adherence (see Dosage): none on a record made before they were asked, or sent by a phone that kept it then.
    public int? MinutesTaught { get; private set; }
    public int? MinutesPlanned { get; private set; }
    /// <summary>The activities done, as numbers in the curriculum's order ("1,2,4").</summary>
    public string? ActivitiesDone { get; private set; }
    public int? ActivitiesDoneCount { get; private set; }
    public int? ActivitiesPlanned { get; private set; }

    public List<Observation> Observations { get; init; } = [];

    public bool HasDosage => MinutesTaught is not null;
    public IReadOnlySet<int> ActivityNumbersDone => Dosage.Parse(ActivitiesDone);

    /// <summary>Share of the lesson's activities done (0–1); none without dosage.</summary>
    public double? Adherence => ActivitiesPlanned is > 0 ? (double)ActivitiesDoneCount!.Value / ActivitiesPlanned.Value : null;

    /// <summary>How the lesson was taught: minutes and activities, with the plan they are measured against.</summary>
    public void SetDosage(Dosage dosage)
    {
        if (dosage.Check() is [var refused, ..]) throw new ClassRuleException(refused);
        MinutesTaught = dosage.Minutes;
        MinutesPlanned = dosage.PlannedMinutes;
        ActivitiesDone = Dosage.Format(dosage.ActivitiesDone);
        ActivitiesDoneCount = dosage.ActivitiesDone.Count;
        ActivitiesPlanned = dosage.ActivitiesPlanned;
        Announce(new LessonCorrected(this));
    }

    public List<Attendance> Attendance { get; init; } = [];

    /// <summary>Why this record is being deleted: the audit trail keeps it with the deletion.</summary>
    public string? ChangeReason { get; private set; }

    /// <summary>Everything that stops this correction: the date rules, and an officer (not an administrator) must be one who may teach the class.</summary>
    public IReadOnlyList<ClassRule> CheckCorrection(DateOnly taughtOn, Instructor? officer, DateOnly today, Dosage? dosage = null)
    {
        var refusals = new List<ClassRule>();
        if (officer is not null && Class.CheckOfficer(officer, taughtOn, today) is { } officerRule) refusals.Add(officerRule);
        if (Class.CheckLessonDate(taughtOn, today) is { } dateRule) refusals.Add(dateRule);
        if (dosage is not null) refusals.AddRange(dosage.Check());
        return refusals;
    }

    /// <summary>A correction: the date, who was there, the notes, the dosage. Attendance of a day keeps the students marked when it was recorded.</summary>
    public void Correct(DateOnly taughtOn, Instructor? officer, DateOnly today, IReadOnlySet<int> presentEnrollmentIds, string? notes, Dosage? dosage = null)
    {
        if (CheckCorrection(taughtOn, officer, today, dosage) is [var refused, ..]) throw new ClassRuleException(refused);
        _taughtOn = taughtOn;
        _notes = notes;
        if (dosage is not null) SetDosage(dosage);
        foreach (var mark in Attendance) mark.Mark(presentEnrollmentIds.Contains(mark.EnrollmentId));
        Announce(new LessonCorrected(this));
    }

    /// <summary>A record made by mistake goes, with the reason said: the caller then removes it from the context.</summary>
    public void ExplainDeletion(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new ClassRuleException(ClassRule.ReasonRequired);
        ChangeReason = reason.Trim();
    }
}

public class Attendance : IExplainedChange
{
    public int Id { get; init; }
    public int DeliveryId { get; init; }
    public LessonDelivery Delivery { get; init; } = null!;
    public int EnrollmentId { get; set; }
    public Enrollment Enrollment { get; init; } = null!;
    private bool _present;
    public bool Present { get => _present; init => _present = value; }

    /// <summary>A corrected mark (through <see cref="LessonDelivery.Correct"/>).</summary>
    internal void Mark(bool present) => _present = present;

    /// <summary>A mark goes with its lesson record, and so does the reason.</summary>
    public string? ChangeReason => Delivery?.ChangeReason;
}

/// <summary>Students enrolled on a day who were not on a roster shown earlier (Joined), and students shown who are not enrolled that day (Left).</summary>
public sealed record RosterChange(IReadOnlyList<Enrollment> Joined, IReadOnlyList<Enrollment> Left)
{
    public bool Changed => Joined.Count > 0 || Left.Count > 0;
}
