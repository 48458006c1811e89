using System.Linq.Expressions;

namespace Great.Web.Domain;

/// <summary>A police officer trained to teach the curriculum.</summary>
public class Instructor
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public Agency Agency { get; set; } = null!;
    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }
    public required string BadgeNumber { get; set; }
    public required string Email { get; set; }
    public string? Phone { get; set; }
    /// <summary>"en" or "es".</summary>
    public string Culture { get; set; } = "en";

    public List<Certification> Certifications { get; set; } = [];
    public List<Training> Trainings { get; set; } = [];
    /// <summary>The secret in the URL of the officer's calendar feed; a new one revokes the old link.</summary>
    public string? CalendarToken { get; set; }

    public string NewCalendarToken()
    {
        CalendarToken = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();
        return CalendarToken;
    }

    public string FullName => $"{GivenName} {FamilyName}";

    /// <summary>The best standing this instructor has for a component now.</summary>
    public CertificationStatus StatusFor(string componentCode, DateOnly today)
    {
        var statuses = Certifications.Where(c => c.ComponentCode == componentCode).Select(c => c.StatusOn(today)).ToList();
        return statuses.Count == 0 ? CertificationStatus.None : statuses.Min();
    }

    /// <summary>Only an instructor Active or Expiring for a component may teach it.</summary>
    public bool MayTeach(string componentCode, DateOnly today) => StatusFor(componentCode, today).AllowsTeaching();

    /// <summary>
    /// Certifies the officer for a component. One standing certification per component: a current one is renewed,
    /// not granted again; an expired or revoked one stays in the history beside the new one.
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
            ExpiresOn = expiresOn, Training = training,
        };
        Certifications.Add(certification);
        return certification;
    }

    /// <summary>Active, expiring or suspended: a certification that renewal or reinstatement, not a new grant, deals with.</summary>
    public bool HasStandingCertification(string componentCode, DateOnly today) =>
        Certifications.Any(c => c.ComponentCode == componentCode
            && c.StatusOn(today) is CertificationStatus.Active or CertificationStatus.Expiring or CertificationStatus.Suspended);
}

/// <summary>A course an officer attended: the school components' officer training, or the families training.</summary>
public class Training
{
    public int Id { get; set; }
    public int InstructorId { get; set; }
    public Instructor Instructor { get; set; } = null!;
    public TrainingCourse Course { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly EndedOn { get; set; }
    public required string Place { get; set; }
    /// <summary>Names of the trainers, as written on the course record.</summary>
    public required string Trainers { get; set; }
}

public enum TrainingCourse { OfficerTraining, FamiliesTraining }

public enum CertificationLevel { Instructor, Mentor, Trainer }

/// <summary>Ordered best first, so that the minimum over several certifications is the standing that counts.</summary>
public enum CertificationStatus { Active, Expiring, Expired, Suspended, Revoked, None }

public static class CertificationStatusExtensions
{
    public static bool AllowsTeaching(this CertificationStatus status) =>
        status is CertificationStatus.Active or CertificationStatus.Expiring;
}

public enum CertificationRule { DatesOutOfOrder, AlreadyCertified, NotSuspended, AlreadySuspended, AlreadyRevoked }

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

    public int Id { get; set; }
    public int InstructorId { get; set; }
    public Instructor Instructor { get; set; } = null!;
    public int? TrainingId { get; set; }
    public Training? Training { get; set; }
    public required string ComponentCode { get; set; }
    public CertificationLevel Level { get; set; }
    public DateOnly TrainedOn { get; set; }
    public DateOnly CertifiedOn { get; set; }
    /// <summary>The last day the certification is valid.</summary>
    public DateOnly ExpiresOn { get; set; }
    public DateOnly? RenewedOn { get; set; }
    public DateOnly? SuspendedOn { get; set; }
    public string? SuspensionReason { get; set; }
    public DateOnly? RevokedOn { get; set; }
    public string? RevocationReason { get; set; }

    /// <summary>Derived, never stored: depends on the day it is asked.</summary>
    public CertificationStatus StatusOn(DateOnly today)
    {
        if (RevokedOn is { } revoked && revoked <= today) return CertificationStatus.Revoked;
        if (SuspendedOn is { } suspended && suspended <= today) return CertificationStatus.Suspended;
        if (today < CertifiedOn) return CertificationStatus.None;
        if (today > ExpiresOn) return CertificationStatus.Expired;
        if (ExpiresOn.DayNumber - today.DayNumber <= ExpiringWindowDays) return CertificationStatus.Expiring;
        return CertificationStatus.Active;
    }

    public bool IsExpiring(DateOnly today) => StatusOn(today) == CertificationStatus.Expiring;
    public bool IsSuspended(DateOnly today) => StatusOn(today) == CertificationStatus.Suspended;
    public bool IsRevoked(DateOnly today) => StatusOn(today) == CertificationStatus.Revoked;
    public bool AllowsTeaching(DateOnly today) => StatusOn(today).AllowsTeaching();

    /// <summary>The same rule as <see cref="StatusOn"/>, for filtering in the database.</summary>
    public static Expression<Func<Certification, bool>> HasStatus(CertificationStatus status, DateOnly today)
    {
        var expiringFrom = today.AddDays(ExpiringWindowDays);
        return status switch
        {
            CertificationStatus.Revoked => c => c.RevokedOn != null && c.RevokedOn <= today,
            CertificationStatus.Suspended => c => (c.RevokedOn == null || c.RevokedOn > today) && c.SuspendedOn != null && c.SuspendedOn <= today,
            CertificationStatus.Expired => c => (c.RevokedOn == null || c.RevokedOn > today) && (c.SuspendedOn == null || c.SuspendedOn > today)
                && c.CertifiedOn <= today && c.ExpiresOn < today,
            CertificationStatus.Expiring => c => (c.RevokedOn == null || c.RevokedOn > today) && (c.SuspendedOn == null || c.SuspendedOn > today)
                && c.CertifiedOn <= today && c.ExpiresOn >= today && c.ExpiresOn <= expiringFrom,
            CertificationStatus.Active => c => (c.RevokedOn == null || c.RevokedOn > today) && (c.SuspendedOn == null || c.SuspendedOn > today)
                && c.CertifiedOn <= today && c.ExpiresOn > expiringFrom,
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
        ExpiresOn = ExpiresOn.AddMonths(validityMonths);
        RenewedOn = today;
    }

    public void Suspend(string reason, DateOnly today)
    {
        if (StatusOn(today) == CertificationStatus.Revoked) throw new CertificationRuleException(CertificationRule.AlreadyRevoked);
        if (StatusOn(today) == CertificationStatus.Suspended) throw new CertificationRuleException(CertificationRule.AlreadySuspended);
        SuspendedOn = today;
        SuspensionReason = reason;
    }

    /// <summary>Lifts a suspension; the certification's dates decide its standing again.</summary>
    public void Reinstate(DateOnly today)
    {
        if (StatusOn(today) != CertificationStatus.Suspended) throw new CertificationRuleException(CertificationRule.NotSuspended);
        SuspendedOn = null;
        SuspensionReason = null;
    }

    public void Revoke(string reason, DateOnly today)
    {
        if (StatusOn(today) == CertificationStatus.Revoked) throw new CertificationRuleException(CertificationRule.AlreadyRevoked);
        RevokedOn = today;
        RevocationReason = reason;
    }
}

/// <summary>How long a new or renewed certification lasts, per component (configuration section "Certification").</summary>
public sealed class CertificationOptions
{
    public int DefaultValidityMonths { get; set; } = 36;
    public Dictionary<string, int> ValidityMonths { get; set; } = [];

    public int ValidityFor(string componentCode) =>
        ValidityMonths.TryGetValue(componentCode, out var months) && months > 0 ? months : DefaultValidityMonths;
}
