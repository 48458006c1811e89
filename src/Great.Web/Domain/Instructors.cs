using System.Linq.Expressions;

namespace Great.Web.Domain;

/// <summary>A police officer trained to teach the curriculum.</summary>
public class Instructor
{
    public int Id { get; init; }
    private int _agencyId;
    public int AgencyId { get => _agencyId; init => _agencyId = value; }
    public Agency Agency { get; init; } = null!;
    private string _givenName = null!;
    public required string GivenName { get => _givenName; init => _givenName = value; }
    private string _familyName = null!;
    public required string FamilyName { get => _familyName; init => _familyName = value; }
    private string _badgeNumber = null!;
    public required string BadgeNumber { get => _badgeNumber; init => _badgeNumber = value; }
    private string _email = null!;
    public required string Email { get => _email; init => _email = value; }
    private string? _phone;
    public string? Phone { get => _phone; init => _phone = value; }
    private string _culture = "en";
    /// <summary>"en" or "es".</summary>
    public string Culture { get => _culture; init => _culture = value; }

    public List<Certification> Certifications { get; init; } = [];
    public List<Training> Trainings { get; init; } = [];
    private string? _calendarToken;
    /// <summary>The secret in the URL of the officer's calendar feed; a new one revokes the old link.</summary>
    [Secret]
    public string? CalendarToken { get => _calendarToken; init => _calendarToken = value; }

    /// <summary>A manager's edit of the officer's agency, name, badge, contact and language.</summary>
    public void Edit(int agencyId, string givenName, string familyName, string badgeNumber, string email, string? phone, string culture)
    {
        if (!Languages.IsSupported(culture)) throw new ArgumentException($"Unsupported language {culture}", nameof(culture));
        (_agencyId, _givenName, _familyName, _badgeNumber, _email, _phone, _culture) = (agencyId, givenName.Trim(), familyName.Trim(),
            badgeNumber.Trim(), email.Trim(), string.IsNullOrWhiteSpace(phone) ? null : phone.Trim(), culture);
    }

    /// <summary>The officer's calendar link stops working.</summary>
    public void RevokeCalendarToken() => _calendarToken = null;

    public string NewCalendarToken()
    {
        _calendarToken = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();
        return _calendarToken;
    }

    public string FullName => $"{GivenName} {FamilyName}";

    /// <summary>The best standing this instructor has for a component now.</summary>
    public CertificationStatus StatusFor(string componentCode, DateOnly today) =>
        Standing(Certifications.Where(c => c.ComponentCode == componentCode), today);

    /// <summary>An officer's standing for a component: the best status of its certifications (an old expired one does not hide a new active one).</summary>
    public static CertificationStatus Standing(IEnumerable<Certification> ofOneComponent, DateOnly today) =>
        ofOneComponent.Select(c => c.StatusOn(today)).DefaultIfEmpty(CertificationStatus.None).Min();

    /// <summary>
    /// The same rule as <see cref="StatusFor"/>, for filtering in the database: officers whose standing for the component
    /// (for any component, when none is named) is <paramref name="status"/> — a certification with that status and none
    /// of the same component with a better one.
    /// </summary>
    public static Expression<Func<Instructor, bool>> StandsAt(CertificationStatus status, string? componentCode, DateOnly today)
    {
        var instructor = Expression.Parameter(typeof(Instructor), "i");
        var certification = Expression.Parameter(typeof(Certification), "c");
        var other = Expression.Parameter(typeof(Certification), "o");
        var better = Enum.GetValues<CertificationStatus>().Where(s => s < status && s != CertificationStatus.None)
            .Select(s => Certification.HasStatus(s, today).WithParameter(other))
            .Aggregate((Expression)Expression.Constant(false), Expression.OrElse);
        var sameComponent = Expression.Equal(Expression.Property(other, nameof(Certification.ComponentCode)), Expression.Property(certification, nameof(Certification.ComponentCode)));
        var betterOne = Expression.Lambda<Func<Certification, bool>>(Expression.AndAlso(sameComponent, better), other);
        var certifications = Expression.Property(instructor, nameof(Certifications));
        Expression match = Expression.AndAlso(Certification.HasStatus(status, today).WithParameter(certification),
            Expression.Not(Any(certifications, betterOne)));
        if (componentCode is not null)
        {
            match = Expression.AndAlso(Expression.Equal(Expression.Property(certification, nameof(Certification.ComponentCode)), Expression.Constant(componentCode)), match);
        }
        return Expression.Lambda<Func<Instructor, bool>>(Any(certifications, Expression.Lambda<Func<Certification, bool>>(match, certification)), instructor);

        static Expression Any(Expression source, LambdaExpression predicate) =>
            Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [typeof(Certification)], source, predicate);
    }

    /// <summary>Only an instructor Active, Expiring or Provisional for a component may teach it.</summary>
    public bool MayTeach(string componentCode, DateOnly today) => StatusFor(componentCode, today).AllowsTeaching();

    /// <summary>
    /// A mentor for a component: certified at Mentor or Trainer level for it, fully (Active or Expiring — a provisional
    /// certification is itself still being mentored).
    /// </summary>
    public bool MayMentor(string componentCode, DateOnly today) =>
        Certifications.Any(c => c.ComponentCode == componentCode && c.Level >= CertificationLevel.Mentor
            && c.StatusOn(today) is CertificationStatus.Active or CertificationStatus.Expiring);

    /// <summary>
    /// Certifies the officer for a component. One standing certification per component: a current one is renewed,
    /// not granted again; an expired or revoked one stays in the history beside the new one. A new instructor's
    /// certification is Provisional (the officer teaches and records) until a mentor observes a lesson and signs it
    /// off; Mentor and Trainer levels are granted by the training team to experienced officers and start Active
    /// (otherwise a programme's first mentor could never be signed off).
    /// </summary>
    public Certification Grant(string componentCode, CertificationLevel level, DateOnly trainedOn, DateOnly certifiedOn,
        DateOnly expiresOn, DateOnly today, Training? training = null)
    {
        if (HasStandingCertification(componentCode, today))
            throw new CertificationRuleException(CertificationRule.AlreadyCertified);
        Certification.CheckDates(trainedOn, certifiedOn, expiresOn);
        var certification = new Certification
        {
            Instructor = this, ComponentCode = componentCode, Level = level, TrainedOn = trainedOn, CertifiedOn = certifiedOn,
            ExpiresOn = expiresOn, Training = training, RequiresMentoring = level == CertificationLevel.Instructor,
        };
        Certifications.Add(certification);
        return certification;
    }

    /// <summary>Active, expiring, provisional or suspended: a certification that renewal or reinstatement, not a new grant, deals with.</summary>
    public bool HasStandingCertification(string componentCode, DateOnly today) =>
        Certifications.Any(c => c.ComponentCode == componentCode
            && c.StatusOn(today) is CertificationStatus.Active or CertificationStatus.Expiring or CertificationStatus.Provisional or CertificationStatus.Suspended);
}

/// <summary>A course an officer attended: the school components' officer training, or the families training.</summary>
public class Training
{
    public int Id { get; init; }
    public int InstructorId { get; init; }
    public Instructor Instructor { get; init; } = null!;
    public TrainingCourse Course { get; init; }
    public DateOnly StartedOn { get; init; }
    public DateOnly EndedOn { get; init; }
    public required string Place { get; init; }
    /// <summary>Names of the trainers, as written on the course record.</summary>
    public required string Trainers { get; init; }
}

public enum TrainingCourse { OfficerTraining, FamiliesTraining }

public enum CertificationLevel { Instructor, Mentor, Trainer }

/// <summary>Ordered best first, so that the minimum over several certifications is the standing that counts.</summary>
public enum CertificationStatus { Active, Expiring, Provisional, Expired, Suspended, Revoked, None }

public static class CertificationStatusExtensions
{
    public static bool AllowsTeaching(this CertificationStatus status) =>
        status is CertificationStatus.Active or CertificationStatus.Expiring or CertificationStatus.Provisional;
}

public enum CertificationRule { DatesOutOfOrder, AlreadyCertified, NotSuspended, AlreadySuspended, AlreadyRevoked, NotProvisional, MentorNotQualified, MentorIsOfficer }

/// <summary>A change that would break a certification rule; pages validate first, so this guards the entity itself.</summary>
public sealed class CertificationRuleException(CertificationRule rule) : InvalidOperationException($"Certification rule broken: {rule}")
{
    public CertificationRule Rule { get; } = rule;
}

public class Certification
{
    /// <summary>How long before expiry a certification shows as Expiring.</summary>
    public const int ExpiringWindowDays = 60;

    /// <summary>
    /// Days before expiry at which the officer and their managers are reminded (the first is the start of the
    /// Expiring window); one more reminder goes once it has expired, for <see cref="ExpiredReminderDays"/> days.
    /// </summary>
    public static readonly int[] ReminderDaysBeforeExpiry = [ExpiringWindowDays, 30, 7];

    public const int ExpiredReminderDays = 30;

    /// <summary>
    /// The reminder stage a certification is in on a day: "60", "30", "7" (the nearest threshold not yet passed),
    /// "expired", or none outside the reminder window.
    /// </summary>
    public static string? ReminderStage(DateOnly expiresOn, DateOnly today)
    {
        var daysLeft = expiresOn.DayNumber - today.DayNumber;
        if (daysLeft < -ExpiredReminderDays || daysLeft > ReminderDaysBeforeExpiry.Max()) return null;
        if (daysLeft < 0) return "expired";
        return ReminderDaysBeforeExpiry.Where(t => daysLeft <= t).Min().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public int Id { get; init; }
    public int InstructorId { get; init; }
    public Instructor Instructor { get; init; } = null!;
    public int? TrainingId { get; init; }
    public Training? Training { get; init; }
    private string _componentCode = null!;
    public required string ComponentCode { get => _componentCode; init => _componentCode = value; }
    public CertificationLevel Level { get; init; }
    private DateOnly _trainedOn;
    public DateOnly TrainedOn { get => _trainedOn; init => _trainedOn = value; }
    private DateOnly _certifiedOn;
    public DateOnly CertifiedOn { get => _certifiedOn; init => _certifiedOn = value; }
    private DateOnly _expiresOn;
    /// <summary>The last day the certification is valid.</summary>
    public DateOnly ExpiresOn { get => _expiresOn; init => _expiresOn = value; }
    private DateOnly? _renewedOn;
    public DateOnly? RenewedOn { get => _renewedOn; init => _renewedOn = value; }
    private DateOnly? _suspendedOn;
    public DateOnly? SuspendedOn { get => _suspendedOn; init => _suspendedOn = value; }
    private string? _suspensionReason;
    public string? SuspensionReason { get => _suspensionReason; init => _suspensionReason = value; }
    private DateOnly? _revokedOn;
    public DateOnly? RevokedOn { get => _revokedOn; init => _revokedOn = value; }
    private string? _revocationReason;
    public string? RevocationReason { get => _revocationReason; init => _revocationReason = value; }

    private bool _requiresMentoring;
    /// <summary>Granted as provisional: a mentor's observation must sign it off before it is Active.</summary>
    public bool RequiresMentoring { get => _requiresMentoring; init => _requiresMentoring = value; }
    /// <summary>The mentor the regional manager assigned, and when.</summary>
    public int? MentorId { get; private set; }
    public Instructor? Mentor { get; private set; }
    public DateOnly? MentorAssignedOn { get; private set; }
    /// <summary>The day of the observed lesson that signed the officer off; from then on the certification is Active.</summary>
    public DateOnly? MentoredOn { get; private set; }
    /// <summary>The observation that signed it off: the one place that says which observation did.</summary>
    public int? SignOffObservationId { get; private set; }
    public Observation? SignOffObservation { get; private set; }

    /// <summary>Still waiting, on that day, for its mentor's sign-off (Active from the signed-off lesson's day).</summary>
    public bool IsProvisionalOn(DateOnly day) => RequiresMentoring && (MentoredOn is null || MentoredOn > day);

    /// <summary>
    /// Provisional for longer than the programme allows (<see cref="CertificationOptions.ProvisionalMonths"/> after
    /// certification): the officer is overdue for an observation. Derived from the dates, never stored.
    /// </summary>
    public bool IsOverdueForObservation(DateOnly today, int provisionalMonths) =>
        StatusOn(today) == CertificationStatus.Provisional && CertifiedOn < today.AddMonths(-provisionalMonths);

    /// <summary>The same rule, for filtering in the database.</summary>
    public static Expression<Func<Certification, bool>> OverdueForObservation(DateOnly today, int provisionalMonths)
    {
        var certifiedBefore = today.AddMonths(-provisionalMonths);
        return c => (c.RevokedOn == null || c.RevokedOn > today) && (c.SuspendedOn == null || c.SuspendedOn > today)
            && c.ExpiresOn >= today && c.RequiresMentoring && (c.MentoredOn == null || c.MentoredOn > today) && c.CertifiedOn < certifiedBefore;
    }

    /// <summary>The regional manager names the officer's mentor: qualified for the component (see <see cref="Instructor.MayMentor"/>), and not the officer.</summary>
    public CertificationRule? CheckMentor(Instructor mentor, DateOnly today)
    {
        if (StatusOn(today) != CertificationStatus.Provisional) return CertificationRule.NotProvisional;
        if (ReferenceEquals(mentor, Instructor) || (mentor.Id != 0 && mentor.Id == InstructorId)) return CertificationRule.MentorIsOfficer;
        if (!mentor.MayMentor(ComponentCode, today)) return CertificationRule.MentorNotQualified;
        return null;
    }

    public void AssignMentor(Instructor mentor, DateOnly today)
    {
        if (CheckMentor(mentor, today) is { } refused) throw new CertificationRuleException(refused);
        Mentor = mentor;
        MentorId = mentor.Id;
        MentorAssignedOn = today;
    }

    /// <summary>
    /// Whether an observation may sign this certification off: it is provisional, the observer is its assigned mentor,
    /// the lesson is of its component, taught by its officer on or after certification, and the outcome a pass.
    /// </summary>
    public ObservationRule? CheckSignOff(Observation observation, string componentCode, DateOnly today)
    {
        if (StatusOn(today) != CertificationStatus.Provisional || componentCode != ComponentCode || observation.ObservedInstructorId != InstructorId)
            return ObservationRule.SignOffNotProvisional;
        if (MentorId is null || observation.ObserverInstructorId != MentorId) return ObservationRule.SignOffNotMentor;
        if (observation.ObservedOn < CertifiedOn) return ObservationRule.SignOffBeforeCertification;
        if (observation.Outcome != ObservationOutcome.Pass) return ObservationRule.SignOffNeedsPass;
        return null;
    }

    /// <summary>The mentor's sign-off: the certification is Active from the observed lesson's day.</summary>
    public void SignOff(Observation observation, string componentCode, DateOnly today)
    {
        if (CheckSignOff(observation, componentCode, today) is { } refused) throw new ObservationRuleException(refused);
        MentoredOn = observation.ObservedOn;
        SignOffObservation = observation;
    }

    /// <summary>Derived, never stored: depends on the day it is asked.</summary>
    public CertificationStatus StatusOn(DateOnly today)
    {
        if (RevokedOn is { } revoked && revoked <= today) return CertificationStatus.Revoked;
        if (SuspendedOn is { } suspended && suspended <= today) return CertificationStatus.Suspended;
        if (today < CertifiedOn) return CertificationStatus.None;
        if (today > ExpiresOn) return CertificationStatus.Expired;
        if (IsProvisionalOn(today)) return CertificationStatus.Provisional;
        if (ExpiresOn.DayNumber - today.DayNumber <= ExpiringWindowDays) return CertificationStatus.Expiring;
        return CertificationStatus.Active;
    }

    public bool IsExpiring(DateOnly today) => StatusOn(today) == CertificationStatus.Expiring;
    public bool IsSuspended(DateOnly today) => StatusOn(today) == CertificationStatus.Suspended;
    public bool IsRevoked(DateOnly today) => StatusOn(today) == CertificationStatus.Revoked;
    public bool AllowsTeaching(DateOnly today) => StatusOn(today).AllowsTeaching();

    /// <summary>
    /// The same rule as <see cref="AllowsTeaching"/> (Active, Expiring or Provisional on the day), for counting in the
    /// database: not revoked or suspended by then, certified by then and not yet expired.
    /// </summary>
    public static Expression<Func<Certification, bool>> AllowsTeachingOn(DateOnly day) => c =>
        (c.RevokedOn == null || c.RevokedOn > day) && (c.SuspendedOn == null || c.SuspendedOn > day) && c.CertifiedOn <= day && c.ExpiresOn >= day;

    /// <summary>The same rule as <see cref="StatusOn"/>, for filtering in the database.</summary>
    public static Expression<Func<Certification, bool>> HasStatus(CertificationStatus status, DateOnly today)
    {
        var expiringFrom = today.AddDays(ExpiringWindowDays);
        return status switch
        {
            CertificationStatus.Provisional => c => (c.RevokedOn == null || c.RevokedOn > today) && (c.SuspendedOn == null || c.SuspendedOn > today)
                && c.CertifiedOn <= today && c.ExpiresOn >= today && c.RequiresMentoring && (c.MentoredOn == null || c.MentoredOn > today),
            CertificationStatus.Revoked => c => c.RevokedOn != null && c.RevokedOn <= today,
            CertificationStatus.Suspended => c => (c.RevokedOn == null || c.RevokedOn > today) && c.SuspendedOn != null && c.SuspendedOn <= today,
            CertificationStatus.Expired => c => (c.RevokedOn == null || c.RevokedOn > today) && (c.SuspendedOn == null || c.SuspendedOn > today)
                && c.CertifiedOn <= today && c.ExpiresOn < today,
            CertificationStatus.Expiring => c => (c.RevokedOn == null || c.RevokedOn > today) && (c.SuspendedOn == null || c.SuspendedOn > today)
                && c.CertifiedOn <= today && c.ExpiresOn >= today && c.ExpiresOn <= expiringFrom && !(c.RequiresMentoring && (c.MentoredOn == null || c.MentoredOn > today)),
            CertificationStatus.Active => c => (c.RevokedOn == null || c.RevokedOn > today) && (c.SuspendedOn == null || c.SuspendedOn > today)
                && c.CertifiedOn <= today && c.ExpiresOn > expiringFrom && !(c.RequiresMentoring && (c.MentoredOn == null || c.MentoredOn > today)),
            _ => c => (c.RevokedOn == null || c.RevokedOn > today) && (c.SuspendedOn == null || c.SuspendedOn > today) && c.CertifiedOn > today,
        };
    }

    /// <summary>Certified on or after training; expiring after certification.</summary>
    public static void CheckDates(DateOnly trainedOn, DateOnly certifiedOn, DateOnly expiresOn)
    {
        if (certifiedOn < trainedOn || expiresOn <= certifiedOn) throw new CertificationRuleException(CertificationRule.DatesOutOfOrder);
    }

    /// <summary>A renewal extends from the old expiry, not from today: lateness is not rewarded.</summary>
    public void Renew(int validityMonths, DateOnly today)
    {
        if (StatusOn(today) == CertificationStatus.Revoked) throw new CertificationRuleException(CertificationRule.AlreadyRevoked);
        _expiresOn = ExpiresOn.AddMonths(validityMonths);
        _renewedOn = today;
    }

    /// <summary>A manager puts right the dates of a certification typed wrong (the paper record says otherwise); they must still be in order.</summary>
    public void CorrectDates(DateOnly trainedOn, DateOnly certifiedOn, DateOnly expiresOn)
    {
        CheckDates(trainedOn, certifiedOn, expiresOn);
        (_trainedOn, _certifiedOn, _expiresOn) = (trainedOn, certifiedOn, expiresOn);
    }

    public void Suspend(string reason, DateOnly today)
    {
        if (StatusOn(today) == CertificationStatus.Revoked) throw new CertificationRuleException(CertificationRule.AlreadyRevoked);
        if (StatusOn(today) == CertificationStatus.Suspended) throw new CertificationRuleException(CertificationRule.AlreadySuspended);
        _suspendedOn = today;
        _suspensionReason = reason;
    }

    /// <summary>Lifts a suspension; the certification's dates decide its standing again.</summary>
    public void Reinstate(DateOnly today)
    {
        if (StatusOn(today) != CertificationStatus.Suspended) throw new CertificationRuleException(CertificationRule.NotSuspended);
        _suspendedOn = null;
        _suspensionReason = null;
    }

    public void Revoke(string reason, DateOnly today)
    {
        if (StatusOn(today) == CertificationStatus.Revoked) throw new CertificationRuleException(CertificationRule.AlreadyRevoked);
        _revokedOn = today;
        _revocationReason = reason;
    }
}

/// <summary>How long a new or renewed certification lasts, per component (configuration section "Certification").</summary>
public sealed class CertificationOptions
{
    public int DefaultValidityMonths { get; init; } = 36;
    /// <summary>How long a new certification may stay provisional before its officer is overdue for a mentor's observation.</summary>
    public int ProvisionalMonths { get; init; } = 6;
    public Dictionary<string, int> ValidityMonths { get; init; } = [];

    public int ValidityFor(string componentCode) =>
        ValidityMonths.TryGetValue(componentCode, out var months) && months > 0 ? months : DefaultValidityMonths;
}
