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

    public string FullName => $"{GivenName} {FamilyName}";

    /// <summary>The best standing this instructor has for a component now.</summary>
    public CertificationStatus StatusFor(string componentCode, DateOnly today)
    {
        var statuses = Certifications.Where(c => c.ComponentCode == componentCode).Select(c => c.StatusOn(today)).ToList();
        return statuses.Count == 0 ? CertificationStatus.None : statuses.Min();
    }

    /// <summary>Only an instructor Active or Expiring for a component may teach it.</summary>
    public bool MayTeach(string componentCode, DateOnly today) => StatusFor(componentCode, today).AllowsTeaching();
}

public enum CertificationLevel { Instructor, Mentor, Trainer }

/// <summary>Ordered best first, so that the minimum over several certifications is the standing that counts.</summary>
public enum CertificationStatus { Active, Expiring, Expired, Suspended, Revoked, None }

public static class CertificationStatusExtensions
{
    public static bool AllowsTeaching(this CertificationStatus status) =>
        status is CertificationStatus.Active or CertificationStatus.Expiring;
}

public class Certification
{
    /// <summary>How long before expiry a certification shows as Expiring.</summary>
    public const int ExpiringWindowDays = 60;

    public int Id { get; set; }
    public int InstructorId { get; set; }
    public Instructor Instructor { get; set; } = null!;
    public required string ComponentCode { get; set; }
    public CertificationLevel Level { get; set; }
    public DateOnly TrainedOn { get; set; }
    public DateOnly CertifiedOn { get; set; }
    /// <summary>The last day the certification is valid.</summary>
    public DateOnly ExpiresOn { get; set; }
    public DateOnly? SuspendedOn { get; set; }
    public string? SuspensionReason { get; set; }
    public DateOnly? RevokedOn { get; set; }

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
}
