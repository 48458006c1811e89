using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Email;

/// <summary>Every email is first a row here; the dedupe key makes writing the same reminder twice a no-op.</summary>
public static class Outbox
{
    public static async Task<bool> QueueAsync(GreatDbContext db, string kind, string dedupeKey, string recipient, string culture,
        RenderedEmail email, DateTimeOffset now)
    {
        if (db.OutboundEmails.Local.Any(e => e.DedupeKey == dedupeKey) || await db.OutboundEmails.AnyAsync(e => e.DedupeKey == dedupeKey)) return false;
        db.OutboundEmails.Add(new OutboundEmail
        {
            Kind = kind, DedupeKey = dedupeKey, Recipient = recipient, Culture = culture, Subject = email.Subject, Html = email.Html, Text = email.Text,
            CreatedAt = now, Status = OutboundEmailStatus.Pending,
        });
        return true;
    }
}

public sealed record RenderedEmail(string Subject, string Html, string Text);
