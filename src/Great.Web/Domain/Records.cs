namespace Great.Web.Domain;

public enum OutboundEmailStatus { Pending, Sent, Failed }

/// <summary>The durable outbox: an email exists here before any attempt to send it.</summary>
public class OutboundEmail
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    /// <summary>Unique: the same reminder for the same thing is written once.</summary>
    public required string DedupeKey { get; set; }
    public required string Recipient { get; set; }
    public string Culture { get; set; } = "en";
    public required string Subject { get; set; }
    public required string Html { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public OutboundEmailStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>The dispatch run that holds this message while sending it: two nodes never send one message twice.</summary>
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
}

/// <summary>Who changed what, when, with the row's values before and after (JSON).</summary>
public class AuditEntry
{
    /// <summary>The user name of a change no person made (a job, the app itself).</summary>
    public const string System = "system";

    public long Id { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Entity { get; set; }
    public required string EntityId { get; set; }
    /// <summary>Added, Modified or Deleted.</summary>
    public required string Action { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    /// <summary>Why, where the person had to say (a deleted lesson record, for one).</summary>
    public string? Reason { get; set; }
}

public enum ImportKind { PlainCsv, OneRoster, Households, RosterSync }

/// <summary>
/// An uploaded roster file waiting for the coordinator to confirm its preview. Kept in the database, not on one
/// node's disk, so the confirmation may reach any node, and for a day only: an upload never confirmed holds
/// students' names that nobody asked to keep (purged hourly by <c>UploadPurgeJob</c>).
/// </summary>
public class PendingImport
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    /// <summary>Uploads made before this moment are abandoned.</summary>
    public static DateTimeOffset AbandonedBefore(DateTimeOffset now) => now - KeptFor;

    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public int SchoolId { get; set; }
    /// <summary>The class a plain CSV goes into; none for a OneRoster file, which names its classes.</summary>
    public int? ClassId { get; set; }
    public ImportKind Kind { get; set; }
    public required string FileName { get; set; }
    public required byte[] Content { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A roster import that was confirmed: who, when, which file, into which school or class, and what it changed.
/// The students and enrolments it adds are covered by this row's own audit entry (a school's whole roster would
/// otherwise double the rows written); the updates and withdrawals it makes keep one entry each.
/// </summary>
public class RosterImport
{
    public long Id { get; set; }
    /// <summary>Who confirmed it; none for a scheduled roster sync.</summary>
    public string? UserId { get; set; }
    public int SchoolId { get; set; }
    public int? ClassId { get; set; }
    public ImportKind Kind { get; set; }
    public required string FileName { get; set; }
    /// <summary>How many rows of each kind of change (JSON: {"NewStudent": 20, ...}).</summary>
    public required string Changes { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}

/// <summary>An entity whose change may carry the reason a person gave for it; the audit trail keeps it.</summary>
public interface IExplainedChange
{
    string? ChangeReason { get; }
}
