namespace Great.Web.Domain;

/// <summary>
/// A day a person gives for something that already happened (a guardian's answer, a request received): not after
/// today in the region's calendar, not before Great kept records.
/// </summary>
public static class PastDay
{
    public static bool IsValid(DateOnly on, DateOnly today) => on <= today && on >= SchoolClass.FirstPlannableDay;
}

/// <summary>What a student's guardians are asked to agree to.</summary>
public enum ConsentKind { TakePart, Surveys, Photos, Sharing }

public enum ConsentStatus { Unknown, Given, Refused }

/// <summary>
/// A guardian's answer to one question about one student: given or refused, on which day, recorded by whom and how.
/// A question never answered has no row (it is <see cref="ConsentStatus.Unknown"/>); setting it back to unknown keeps the row.
/// </summary>
public class StudentConsent
{
    public int Id { get; init; }
    public int StudentId { get; init; }
    public Student Student { get; init; } = null!;
    public ConsentKind Kind { get; init; }
    private ConsentStatus _status;
    public ConsentStatus Status { get => _status; init => _status = value; }
    private DateOnly _answeredOn;
    /// <summary>The day the guardian answered (the date on the form), in the region's calendar.</summary>
    public DateOnly AnsweredOn { get => _answeredOn; init => _answeredOn = value; }
    private string _recordedBy = null!;
    /// <summary>Who recorded it (an account's name; "import" and the file for a roster file's column).</summary>
    public required string RecordedBy { get => _recordedBy; init => _recordedBy = value; }
    private DateTimeOffset _recordedAt;
    public DateTimeOffset RecordedAt { get => _recordedAt; init => _recordedAt = value; }

    /// <summary>The guardian's answer, as recorded (see <see cref="Student.RecordConsent"/>, which decides when there is a new one).</summary>
    internal void Answer(ConsentStatus status, DateOnly answeredOn, string recordedBy, DateTimeOffset at) =>
        (_status, _answeredOn, _recordedBy, _recordedAt) = (status, answeredOn, recordedBy, at);

    /// <summary>
    /// May the student be named where the programme's papers leave it (certificates, shared exports)? Not when the
    /// guardians refused their taking part. Unknown is not a refusal: consent forms come back during the first weeks,
    /// and the roster shows who is still missing one (see ADR-013).
    /// </summary>
    public static bool AllowsNaming(ConsentStatus takePart) => takePart != ConsentStatus.Refused;

    /// <summary>The answer a roster file's or a form's word stands for, in English or Spanish; null if none.</summary>
    public static ConsentStatus? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "" or null => ConsentStatus.Unknown,
        "given" or "yes" or "y" or "1" or "true" or "si" or "sí" or "s" or "dado" or "otorgado" => ConsentStatus.Given,
        "refused" or "no" or "n" or "0" or "false" or "rechazado" or "negado" => ConsentStatus.Refused,
        "unknown" or "?" or "desconocido" or "pendiente" => ConsentStatus.Unknown,
        _ => null,
    };
}

/// <summary>A school whose students keep their names past the retention period, for a stated reason (an evaluation, a legal hold).</summary>
public class RetentionHold
{
    public int Id { get; init; }
    public int SchoolId { get; init; }
    public School School { get; init; } = null!;
    public required string Reason { get; init; }
    public required string HeldBy { get; init; }
    public DateTimeOffset HeldAt { get; init; }
}

/// <summary>
/// How long a student's name and school id are kept: <see cref="SchoolYearsKept"/> school years after the school year
/// of their last class. The one definition; the retention job and the administrator's preview both ask it.
/// </summary>
public sealed record RetentionPolicy(int SchoolYearsKept)
{
    public const int DefaultSchoolYearsKept = 2;

    /// <summary>The school year at whose first day a student last in a class in <paramref name="lastSchoolYear"/> loses their name.</summary>
    public int RemovalSchoolYear(int lastSchoolYear) => lastSchoolYear + SchoolYearsKept + 1;

    /// <summary>The latest last school year whose students are due in the region's current school year.</summary>
    public int DueThrough(int currentSchoolYear) => currentSchoolYear - SchoolYearsKept - 1;

    /// <summary>The day the names of students last in a class in <paramref name="lastSchoolYear"/> are removed, in a region's calendar.</summary>
    public DateOnly RemovalDay(int lastSchoolYear, int schoolYearStartMonth) => new(RemovalSchoolYear(lastSchoolYear), schoolYearStartMonth, 1);
}

public enum SubjectRequestKind { Access, Correction, Erasure }

/// <summary>Why a data-subject request cannot be closed as asked.</summary>
public enum SubjectRequestRule { AlreadyClosed, AlreadyExtended, ReasonRequired, NotAPastDay }

/// <summary>
/// A person's request to see, correct or erase what Great holds about a student (El Salvador's data protection law
/// and its neighbours): received on a day, answered within <see cref="BusinessDaysToAnswer"/> business days, once
/// extendable by as many, closed with what was done.
/// </summary>
public class SubjectRequest
{
    public const int BusinessDaysToAnswer = 20;

    public int Id { get; init; }
    public int StudentId { get; init; }
    public Student Student { get; init; } = null!;
    public SubjectRequestKind Kind { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public DateOnly DueOn { get; private set; }
    public bool Extended { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    /// <summary>What was asked and by whom (a guardian, the student), as the administrator wrote it.</summary>
    public required string Details { get; init; }
    /// <summary>What was done, or why the extension; kept with the closing.</summary>
    public string? Outcome { get; private set; }
    public required string RecordedBy { get; init; }

    public bool IsOpen => ClosedOn is null;
    public bool IsOverdue(DateOnly today) => IsOverdue(DueOn, ClosedOn, today);

    /// <summary>Open past its due day (in the region's calendar): the one definition, for a row read without the entity.</summary>
    public static bool IsOverdue(DateOnly dueOn, DateOnly? closedOn, DateOnly today) => closedOn is null && today > dueOn;

    /// <summary>A request received on a day: due 20 business days later.</summary>
    public static SubjectRequest Receive(Student student, SubjectRequestKind kind, DateOnly receivedOn, DateOnly today, string details, string recordedBy)
    {
        if (!PastDay.IsValid(receivedOn, today)) throw new SubjectRequestException(SubjectRequestRule.NotAPastDay);
        return new SubjectRequest
        {
            Student = student, StudentId = student.Id, Kind = kind, ReceivedOn = receivedOn, DueOn = AddBusinessDays(receivedOn, BusinessDaysToAnswer),
            Details = details.Trim(), RecordedBy = recordedBy,
        };
    }

    /// <summary>The day <paramref name="days"/> business days (Monday to Friday) after <paramref name="from"/>.</summary>
    public static DateOnly AddBusinessDays(DateOnly from, int days)
    {
        var day = from;
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) counted++;
        }
        return day;
    }

    /// <summary>Once, with a reason told to the person: another 20 business days from the first due date.</summary>
    public void Extend(string reason)
    {
        if (!IsOpen) throw new SubjectRequestException(SubjectRequestRule.AlreadyClosed);
        if (Extended) throw new SubjectRequestException(SubjectRequestRule.AlreadyExtended);
        if (string.IsNullOrWhiteSpace(reason)) throw new SubjectRequestException(SubjectRequestRule.ReasonRequired);
        DueOn = AddBusinessDays(DueOn, BusinessDaysToAnswer);
        Extended = true;
        Outcome = reason.Trim();
    }

    /// <summary>Answered: what was done (an erasure must say why).</summary>
    public void Close(DateOnly on, string? outcome)
    {
        if (!IsOpen) throw new SubjectRequestException(SubjectRequestRule.AlreadyClosed);
        if (Kind == SubjectRequestKind.Erasure && string.IsNullOrWhiteSpace(outcome)) throw new SubjectRequestException(SubjectRequestRule.ReasonRequired);
        ClosedOn = on;
        Outcome = string.IsNullOrWhiteSpace(outcome) ? Outcome : outcome.Trim();
    }
}

public sealed class SubjectRequestException(SubjectRequestRule rule) : InvalidOperationException($"Subject request rule broken: {rule}")
{
    public SubjectRequestRule Rule { get; } = rule;
}

/// <summary>What kind of page or file showed students' names.</summary>
public enum NameView { Roster, ProgressGrid, Completion, Certificates, Enrollment, Households, LinkYouth, LessonRecord, LessonCorrection, PhoneKit, Consent, SubjectRecord, SubjectExport }

/// <summary>
/// One showing of students' names to a person: who, when, which class (or student), what, how many names. Written by
/// <c>NameAccessLog</c> from every page and file that carries names; pages of figures write none.
/// </summary>
public class NameAccess
{
    public long Id { get; init; }
    public string? UserId { get; init; }
    public required string UserName { get; init; }
    public DateTimeOffset At { get; init; }
    public NameView View { get; init; }
    public int? ClassId { get; init; }
    public int? StudentId { get; init; }
    public int Names { get; init; }
}
