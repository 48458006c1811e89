using Great.Web.Data;
using Great.Web.Email;
using Great.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Jobs;

/// <summary>
/// The nightly copy of the SQLite database (nothing on PostgreSQL). Whether it worked or not, when the last good copy
/// is overdue every administrator gets an email, once a day: a failing copy is retried by Hangfire and seen by people.
/// </summary>
public sealed class BackupJob(DatabaseBackup backup, GreatDbContext db, EmailTemplates templates, TimeProvider time, ILogger<BackupJob> log)
{
    public const string Overdue = "backup-overdue";

    public async Task RunAsync()
    {
        if (!backup.Applies) return;
        try
        {
            await backup.TakeAsync();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or Microsoft.Data.Sqlite.SqliteException)
        {
            log.LogError(e, "The nightly backup failed");
            await WarnAsync();
            throw;
        }
        await WarnAsync();
    }

    /// <summary>Queues the overdue warning to every administrator who can sign in, once a day; returns how many were queued.</summary>
    public async Task<int> WarnAsync()
    {
        var age = backup.LastGoodAge();
        if (!backup.IsOverdue(age)) return 0;
        var now = time.GetUtcNow();
        var admins = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .Where(x => x.Name == Roles.Admin)
            .Join(db.Users, x => x.UserId, u => u.Id, (x, u) => u)
            .Where(u => !u.IsDisabled && u.Email != null)
            .Select(u => new { Email = u.Email!, u.Culture })
            .ToListAsync();
        var outbox = new OutboxBatch(db, now);
        foreach (var admin in admins)
        {
            outbox.Queue(Overdue, $"{Overdue}:{admin.Email}:{now:yyyy-MM-dd}", admin.Email, admin.Culture, () => templates.Render(admin.Culture,
                L => L["Great has no recent backup"],
                L => age is { } late ? L["The last good backup of the database is {0} hours old.", late.TotalHours.ToString("N0")] : L["No good backup of the database yet."],
                L => [new EmailTemplates.Line(L["Backups are kept in {0}.", backup.Folder]), new EmailTemplates.Line(L["Take one now (the backup command) and check the nightly job: see README, Backups and recovery."])],
                L => L["Open the administration page"], "/Admin"));
        }
        return await outbox.SaveAsync();
    }
}
