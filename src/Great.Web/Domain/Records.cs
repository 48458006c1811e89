namespace Great.Web.Domain;

public enum OutboundEmailStatus { Pending, Sent, Failed }

/// <summary>The durable outbox: an email exists here before any attempt to send it.</summary>
public class OutboundEmail
{
    public long Id { get; init; }
    public required string Kind { get; init; }
    /// <summary>Unique: the same reminder for the same thing is written once.</summary>
    public required string DedupeKey { get; init; }
    public required string Recipient { get; init; }
    public string Culture { get; init; } = "en";
    public required string Subject { get; init; }
    public required string Html { get; init; }
    public required string Text { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    private DateTimeOffset? _sentAt;
    public DateTimeOffset? SentAt { get => _sentAt; init => _sentAt = value; }
    private OutboundEmailStatus _status;
    public OutboundEmailStatus Status { get => _status; init => _status = value; }
    private int _attempts;
    public int Attempts { get => _attempts; init => _attempts = value; }
    private DateTimeOffset? _nextAttemptAt;
    public DateTimeOffset? NextAttemptAt { get => _nextAttemptAt; init => _nextAttemptAt = value; }
    private string? _lastError;
    public string? LastError { get => _lastError; init => _lastError = value; }
    /// <summary>The dispatch run that holds this message while sending it: two nodes never send one message twice.</summary>
    public string? ClaimedBy { get; init; }
    private DateTimeOffset? _claimedUntil;
    public DateTimeOffset? ClaimedUntil { get => _claimedUntil; init => _claimedUntil = value; }

    /// <summary>How long a message waits after each failed attempt before the next one (the last wait repeats).</summary>
    public static readonly TimeSpan[] Backoff = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(12)];

    /// <summary>The mail server accepted it: never sent again.</summary>
    public void Sent(DateTimeOffset now)
    {
        _claimedUntil = null;
        _status = OutboundEmailStatus.Sent;
        _sentAt = now;
        _attempts++;
        _lastError = null;
    }

    /// <summary>An attempt failed: tried again after the next wait, or given up after the last attempt allowed (an administrator may resend it).</summary>
    public void FailedAttempt(string error, DateTimeOffset now, int maxAttempts)
    {
        _claimedUntil = null;
        _attempts++;
        _lastError = error.Length > 2000 ? error[..2000] : error;
        if (_attempts >= maxAttempts) _status = OutboundEmailStatus.Failed;
        else _nextAttemptAt = now + Backoff[Math.Min(_attempts - 1, Backoff.Length - 1)];
    }

    /// <summary>An administrator sends a message that was given up on once more, from its first attempt.</summary>
    public void Resend()
    {
        if (_status != OutboundEmailStatus.Failed) throw new InvalidOperationException("Only a message given up on is sent again.");
        (_status, _attempts, _nextAttemptAt) = (OutboundEmailStatus.Pending, 0, null);
    }
}

/// <summary>Who changed what, when, with the row's values before and after (JSON).</summary>
public class AuditEntry
{
    /// <summary>The user name of a change no person made (a job, the app itself).</summary>
    public const string System = "system";

    public long Id { get; init; }
    public string? UserId { get; init; }
    public required string UserName { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Entity { get; init; }
    public required string EntityId { get; init; }
    /// <summary>Added, Modified or Deleted.</summary>
    public required string Action { get; init; }
    private string? _before;
    public string? Before { get => _before; init => _before = value; }
    private string? _after;
    public string? After { get => _after; init => _after = value; }
    /// <summary>Why, where the person had to say (a deleted lesson record, for one).</summary>
    public string? Reason { get; init; }

    /// <summary>The values the entry kept are cleared (a student's name that was erased); that the change happened stays.</summary>
    public void ForgetValues() => (_before, _after) = (null, null);
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

    public Guid Id { get; init; }
    public required string UserId { get; init; }
    public int SchoolId { get; init; }
    /// <summary>The class a plain CSV goes into; none for a OneRoster file, which names its classes.</summary>
    public int? ClassId { get; init; }
    public ImportKind Kind { get; init; }
    public required string FileName { get; init; }
    public required byte[] Content { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// A roster import that was confirmed: who, when, which file, into which school or class, and what it changed.
/// The students and enrolments it adds are covered by this row's own audit entry (a school's whole roster would
/// otherwise double the rows written); the updates and withdrawals it makes keep one entry each.
/// </summary>
public class RosterImport
{
    public long Id { get; init; }
    /// <summary>Who confirmed it; none for a scheduled roster sync.</summary>
    public string? UserId { get; init; }
    public int SchoolId { get; init; }
    public int? ClassId { get; init; }
    public ImportKind Kind { get; init; }
    public required string FileName { get; init; }
    /// <summary>How many rows of each kind of change (JSON: {"NewStudent": 20, ...}).</summary>
    public required string Changes { get; init; }
    public DateTimeOffset ImportedAt { get; init; }
}

/// <summary>An entity whose change may carry the reason a person gave for it; the audit trail keeps it.</summary>
public interface IExplainedChange
{
    string? ChangeReason { get; }
}
