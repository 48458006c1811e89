using Great.Web.Data;
using Great.Web.Domain;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Great.Web.Email;

/// <summary>
/// Sends what the outbox holds: one SMTP connection per batch, each message marked sent as soon as the server
/// took it (so a failure mid-batch resends nothing already delivered), failures retried with growing pauses,
/// and marked failed after the last attempt. Without SMTP configured, messages become .eml files.
/// </summary>
public sealed class EmailDispatchJob(GreatDbContext db, IOptions<EmailOptions> options, TimeProvider time, IHostEnvironment env,
    ILogger<EmailDispatchJob> log)
{

    public async Task DispatchAsync()
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        // Claim the batch first, in one UPDATE: a second node running at the same moment finds the rows taken.
        // (A node that dies mid-batch lets its claim lapse after ten minutes; the message it was sending may then go twice.)
        var run = Guid.NewGuid().ToString("N");
        var due = db.OutboundEmails
            .Where(e => e.Status == OutboundEmailStatus.Pending && (e.NextAttemptAt == null || e.NextAttemptAt <= now)
                && (e.ClaimedUntil == null || e.ClaimedUntil < now));
        var ids = await due.OrderBy(e => e.Id).Take(settings.BatchSize).Select(e => e.Id).ToListAsync();
        if (ids.Count == 0) return;
        var claimedUntil = now.AddMinutes(10);
        await due.Where(e => ids.Contains(e.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.ClaimedBy, run).SetProperty(e => e.ClaimedUntil, claimedUntil));
        var batch = await db.OutboundEmails.Where(e => e.ClaimedBy == run).OrderBy(e => e.Id).ToListAsync();
        if (batch.Count == 0) return;

        if (string.IsNullOrWhiteSpace(settings.Smtp.Host))
        {
            var folder = Path.IsPathRooted(settings.PickupFolder) ? settings.PickupFolder : Path.Combine(env.ContentRootPath, settings.PickupFolder);
            Directory.CreateDirectory(folder);
            foreach (var email in batch)
            {
                await ToMime(email, settings).WriteToAsync(Path.Combine(folder, $"{email.Id:D8}-{email.Kind}.eml"));
                email.Sent(now);
            }
            await db.SaveChangesAsync();
            return;
        }

        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(settings.Smtp.Host, settings.Smtp.Port, Enum.Parse<SecureSocketOptions>(settings.Smtp.Security, ignoreCase: true));
            if (!string.IsNullOrEmpty(settings.Smtp.User)) await client.AuthenticateAsync(settings.Smtp.User, settings.Smtp.Password ?? "");
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or MailKit.Security.AuthenticationException or SslHandshakeException)
        {
            log.LogWarning(e, "SMTP server {Host}:{Port} not reachable; {Count} messages wait for the next attempt", settings.Smtp.Host, settings.Smtp.Port, batch.Count);
            foreach (var email in batch) email.FailedAttempt(e.Message, now, settings.MaxAttempts);
            await db.SaveChangesAsync();
            return;
        }

        foreach (var email in batch)
        {
            try
            {
                await client.SendAsync(ToMime(email, settings));
                email.Sent(now);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or SmtpCommandException or MailKit.ServiceNotConnectedException)
            {
                email.FailedAttempt(e.Message, now, settings.MaxAttempts);
                if (!client.IsConnected) break;
            }
            finally
            {
                // Saved message by message: what the server accepted is never sent again.
                await db.SaveChangesAsync();
            }
        }
        if (client.IsConnected) await client.DisconnectAsync(quit: true);
    }

    public static MimeMessage ToMime(OutboundEmail email, EmailOptions settings)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(email.Recipient));
        message.Subject = email.Subject;
        message.MessageId = $"great-{email.Id}@{new Uri(settings.PublicUrl).Host}";
        message.Headers.Add("X-Great-Dedupe-Key", email.DedupeKey);
        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();
        return message;
    }
}
