using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Email;

/// <summary>
/// Every email is first a row in the outbox; its dedupe key makes writing the same reminder twice a no-op.
/// A batch gathers the emails of one run and writes those never written before: one query finds the keys already
/// there, only the new emails are rendered, and they are saved a thousand at a time (a morning scan of a national
/// programme queues tens of thousands).
/// </summary>
public sealed class OutboxBatch(GreatDbContext db, DateTimeOffset now)
{
    /// <summary>Every kind of email Great writes; the outbox names each in the reader's language (resource "EmailKind.{kind}").</summary>
    public static readonly string[] Kinds =
    [
        Jobs.ReminderJob.LessonTomorrow, Jobs.ReminderJob.LessonOverdue, Jobs.ReminderJob.CertificationExpiry, Jobs.ReminderJob.ClassStaffing,
        Jobs.ReminderJob.ManagerDigest, Jobs.ReminderJob.Mentoring, Jobs.BackupJob.Overdue, Sync.RosterSync.FailedEmail,
    ];

    private const int Chunk = 1000;
    private readonly Dictionary<string, (string Kind, string Recipient, string Culture, Func<RenderedEmail> Render)> _queued = [];

    /// <summary>Queues an email; the first one queued under a key wins.</summary>
    public void Queue(string kind, string dedupeKey, string recipient, string culture, Func<RenderedEmail> render) =>
        _queued.TryAdd(dedupeKey, (kind, recipient, culture, render));

    /// <summary>Writes the queued emails whose keys the outbox does not hold yet; returns how many.</summary>
    public async Task<int> SaveAsync(CancellationToken cancellationToken = default)
    {
        var written = 0;
        foreach (var keys in _queued.Keys.Chunk(Chunk))
        {
            var existing = (await db.OutboundEmails.Where(e => EF.Parameter(keys).Contains(e.DedupeKey)).Select(e => e.DedupeKey)
                .ToListAsync(cancellationToken)).ToHashSet();
            var added = new List<OutboundEmail>();
            foreach (var key in keys.Where(k => !existing.Contains(k)))
            {
                var (kind, recipient, culture, render) = _queued[key];
                var email = render();
                added.Add(new OutboundEmail
                {
                    Kind = kind, DedupeKey = key, Recipient = recipient, Culture = culture, Subject = email.Subject, Html = email.Html, Text = email.Text,
                    CreatedAt = now, Status = OutboundEmailStatus.Pending,
                });
            }
            db.OutboundEmails.AddRange(added);
            await db.SaveChangesAsync(cancellationToken);
            // Saved rows need no tracking: let their bodies go before the next thousand.
            foreach (var email in added) db.Entry(email).State = EntityState.Detached;
            written += added.Count;
        }
        _queued.Clear();
        return written;
    }
}

public sealed record RenderedEmail(string Subject, string Html, string Text);
