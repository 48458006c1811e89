using System.Net.Http.Json;
using System.Text.Json;
using Great.IntegrationTests.Infrastructure;
using Great.IntegrationTests.ScaleOut;
using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Great.IntegrationTests.Backups;

/// <summary>The demo programme on a SQLite file, with a backup folder of its own keeping two generations.</summary>
public sealed class BackupFactory : SqliteDemoFactory
{
    public string BackupFolder { get; } = Path.Combine(Path.GetTempPath(), "great-tests", $"backups-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Backups:Folder", BackupFolder);
        builder.UseSetting("Backups:Keep", "2");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(BackupFolder)) Directory.Delete(BackupFolder, recursive: true);
    }
}

/// <summary>Copies of the live database, taken while it is written, verified and kept; restored only where nothing is lost.</summary>
public class BackupTests(BackupFactory app) : IClassFixture<BackupFactory>
{
    private async Task<T> WithBackupAsync<T>(Func<DatabaseBackup, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<DatabaseBackup>());
    }

    [Fact]
    public async Task Should_take_a_consistent_verified_copy_while_students_are_enrolled_and_keep_two_generations()
    {
        // A coordinator's import, as far as the database sees it: students added one by one, all the time the copies are taken.
        using var stop = new CancellationTokenSource();
        var added = 0;
        var writer = Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GreatDbContext>();
            var school = await db.Schools.FirstAsync();
            while (!stop.IsCancellationRequested)
            {
                db.Students.Add(new Student { SchoolId = school.Id, GivenName = $"Copia{added}", FamilyInitial = "B" });
                await db.SaveChangesAsync();
                added++;
            }
        });
        var copies = new List<BackupCopy>();
        for (var i = 0; i < 3; i++)
        {
            while (added < (i + 1) * 5) await Task.Yield(); // each copy taken while the students grow
            copies.Add(await WithBackupAsync(b => b.TakeAsync()));
        }
        stop.Cancel();
        await writer;

        Assert.True(copies[2].Rows["Students"] > copies[0].Rows["Students"], "the copies were taken while students were added");
        // The newest two are kept; each holds exactly the rows counted at its moment, and is a whole database.
        var kept = await WithBackupAsync(b => Task.FromResult(b.Generations()));
        Assert.Equal(copies.Skip(1).Reverse().Select(c => c.Path), kept.Select(k => k.Path));
        Assert.False(File.Exists(copies[0].Path));
        foreach (var copy in copies.Skip(1)) Assert.Equal(copy.Rows, await DatabaseBackup.VerifyAsync(copy.Path));
        Assert.Empty(Directory.EnumerateFiles(app.BackupFolder, "*.partial"));
    }

    [Fact]
    public async Task Should_say_in_health_how_old_the_last_good_copy_is()
    {
        var client = app.CreateBrowser();
        async Task<JsonElement> BackupCheckAsync() =>
            (await client.GetFromJsonAsync<JsonElement>("/health")).GetProperty("checks").GetProperty("backup");
        foreach (var old in await WithBackupAsync(b => Task.FromResult(b.Generations()))) File.Delete(old.Path);
        var none = await BackupCheckAsync();
        Assert.Equal(("Degraded", "No good backup yet."), (none.GetProperty("status").GetString(), none.GetProperty("description").GetString()));

        await WithBackupAsync(b => b.TakeAsync());
        var fresh = await BackupCheckAsync();
        Assert.Equal("Healthy", fresh.GetProperty("status").GetString());
        Assert.True(fresh.GetProperty("data").GetProperty("lastGoodBackupAgeHours").GetDouble() < 1);
    }

    [Fact]
    public async Task Should_back_up_from_the_command_and_restore_only_where_no_data_would_be_lost()
    {
        // The command, in its own process, while this app holds the database open.
        var (taken, said) = await AppProcesses.RunCommandAsync(app.SqlitePath, "backup", $"--Backups:Folder={app.BackupFolder}");
        Assert.True(taken == 0, said);
        var copy = Assert.Single(System.Text.RegularExpressions.Regex.Matches(said, @"^Backup (\S+great-\d{8}-\d{9}\.db):", System.Text.RegularExpressions.RegexOptions.Multiline).Select(m => m.Groups[1].Value));
        Assert.Contains("verified (integrity_check ok; Students ", said);

        // Into an empty place: the copy, whole.
        var target = Path.Combine(app.BackupFolder, "restored", "great.db");
        var (restored, told) = await AppProcesses.RunCommandAsync(target, "restore", "--from", copy);
        Assert.True(restored == 0, told);
        Assert.Equal(await DatabaseBackup.VerifyAsync(copy), await DatabaseBackup.VerifyAsync(target));

        // Over a database that holds data, without --replace: refused, nothing changed.
        var before = await DatabaseBackup.VerifyAsync(target);
        var (refused, why) = await AppProcesses.RunCommandAsync(target, "restore", "--from", copy);
        Assert.Equal(1, refused);
        Assert.Contains("holds data", why);
        Assert.Contains("--replace", why);
        // With --replace: in place, and the database it replaced kept beside it.
        var (replaced, kept) = await AppProcesses.RunCommandAsync(target, "restore", "--from", copy, "--replace");
        Assert.True(replaced == 0, kept);
        Assert.Single(Directory.EnumerateFiles(Path.GetDirectoryName(target)!, "great.db.before-restore-*"), f => !f.EndsWith("-wal") && !f.EndsWith("-shm"));
        Assert.Equal(before, await DatabaseBackup.VerifyAsync(target));

        // A file that is not a whole database is refused, and nothing changes.
        var broken = Path.Combine(app.BackupFolder, "broken.db");
        await File.WriteAllBytesAsync(broken, (await File.ReadAllBytesAsync(copy))[..8192]);
        var (rejected, because) = await AppProcesses.RunCommandAsync(target, "restore", "--from", broken, "--replace");
        Assert.Equal(1, rejected);
        Assert.Contains("cannot be restored", because);
        Assert.Equal(before, await DatabaseBackup.VerifyAsync(target));
    }
}

/// <summary>An overdue backup is seen: on the administrator's page and in an email to each administrator, once a day.</summary>
public class BackupWarningTests(BackupFactory app) : IClassFixture<BackupFactory>
{
    [Fact]
    public async Task Should_warn_the_administrators_on_their_page_and_by_email_once_a_day_until_a_good_copy_is_taken()
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var page = await admin.GetDocumentAsync("/Admin");
        var status = page.QuerySelector("#backup-status")!;
        Assert.Equal("true", status.GetAttribute("data-overdue"));
        Assert.Contains("No good backup of the database yet.", status.TextContent);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var job = scope.ServiceProvider.GetRequiredService<Great.Web.Jobs.BackupJob>();
            Assert.True(await job.WarnAsync() > 0);
            Assert.Equal(0, await job.WarnAsync()); // once a day
        }
        var warned = await app.QueryAsync(db => db.OutboundEmails.Where(e => e.Kind == Great.Web.Jobs.BackupJob.Overdue).ToListAsync());
        Assert.Contains(warned, e => e.Recipient == DemoAccounts.Admin && e.Subject == "Great has no recent backup");

        // The nightly job takes a good copy: the page says how old it is, and there is nothing to warn about.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var job = scope.ServiceProvider.GetRequiredService<Great.Web.Jobs.BackupJob>();
            await job.RunAsync();
        }
        var after = (await admin.GetDocumentAsync("/Admin")).QuerySelector("#backup-status")!;
        Assert.Equal("false", after.GetAttribute("data-overdue"));
        Assert.Contains("Last good backup: 0 hours ago", after.TextContent);
        Assert.Equal(warned.Count, await app.QueryAsync(db => db.OutboundEmails.CountAsync(e => e.Kind == Great.Web.Jobs.BackupJob.Overdue)));
    }
}
