using System.Net;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.ScaleOut;

/// <summary>The demo on SQLite, whatever provider the rest of the suite runs on: the source of a copy.</summary>
public class SqliteDemoFactory : GreatAppFactory
{
    public string SqlitePath { get; } = Path.Combine(Path.GetTempPath(), "great-tests", $"copy-source-{Guid.NewGuid():N}.db");

    // Its database is its own file, seeded by the app as the source of the copy.
    protected override bool StartsFromDemoTemplate => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Great", $"Data Source={SqlitePath}");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try { File.Delete(SqlitePath + suffix); } catch (IOException) { }
        }
    }
}

public class CopyToPostgresTests(SqliteDemoFactory app) : IClassFixture<SqliteDemoFactory>
{
    [Fact]
    public async Task Should_copy_every_row_of_the_demo_into_an_empty_postgresql_database_with_equal_counts_and_rows()
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var panama = await app.QueryAsync(db => db.Regions.Where(r => r.CountryCode == "PA").Select(r => r.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync($"/Admin/Regions/Edit/{panama}", [new("Input.SchoolYearStartMonth", "2")])).StatusCode);

        var database = $"great_copy_{Guid.NewGuid():N}";
        var target = GreatAppFactory.PostgresDatabase(database);
        try
        {
            var (exit, output) = await AppProcesses.RunCommandAsync(app.SqlitePath, "copy-to-postgres", "--to", target);
            Assert.True(exit == 0, output);
            Assert.Contains("Row counts equal in every table.", output);

            await using var copy = new PostgresGreatDbContext(new DbContextOptionsBuilder<PostgresGreatDbContext>().UseNpgsql(target).Options);
            await app.QueryAsync(async source =>
            {
                Assert.Equal(await source.Regions.CountAsync(), await copy.Regions.CountAsync());
                Assert.Equal(await source.Attendance.CountAsync(), await copy.Attendance.CountAsync());
                Assert.Equal(await source.AuditEntries.CountAsync(), await copy.AuditEntries.CountAsync());
                Assert.Equal(await source.Users.CountAsync(), await copy.Users.CountAsync());
                Assert.Equal(await source.UserRoles.CountAsync(), await copy.UserRoles.CountAsync());
                Assert.Equal(await source.DataProtectionKeys.CountAsync(), await copy.DataProtectionKeys.CountAsync());

                // A sample of rows, field by field: the audit trail (with the admin's change), users, attendance.
                var audit = await source.AuditEntries.OrderByDescending(a => a.Id).Take(20).ToListAsync();
                var copiedAudit = await copy.AuditEntries.OrderByDescending(a => a.Id).Take(20).ToListAsync();
                Assert.Equal(audit.Select(a => (a.Id, a.UserName, a.Entity, a.EntityId, a.Action, a.Before, a.After, a.At)),
                    copiedAudit.Select(a => (a.Id, a.UserName, a.Entity, a.EntityId, a.Action, a.Before, a.After, a.At)));
                Assert.Contains(copiedAudit, a => a.Entity == "Region" && a.UserName == DemoAccounts.Admin);
                Assert.Equal(await source.Users.OrderBy(u => u.Email).Select(u => new { u.Email, u.PasswordHash, u.Culture, u.RegionId }).ToListAsync(),
                    await copy.Users.OrderBy(u => u.Email).Select(u => new { u.Email, u.PasswordHash, u.Culture, u.RegionId }).ToListAsync());
                Assert.Equal(await source.Attendance.OrderBy(a => a.Id).Take(500).Select(a => new { a.Id, a.DeliveryId, a.EnrollmentId, a.Present }).ToListAsync(),
                    await copy.Attendance.OrderBy(a => a.Id).Take(500).Select(a => new { a.Id, a.DeliveryId, a.EnrollmentId, a.Present }).ToListAsync());
                return 0;
            });

            // The indexes and foreign keys set aside during the copy are all back: the model's, by name.
            var indexes = await copy.Database.SqlQueryRaw<string>(
                "SELECT indexname AS \"Value\" FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE 'PK_%'").ToListAsync();
            var keys = await copy.Database.SqlQueryRaw<string>(
                "SELECT conname AS \"Value\" FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace").ToListAsync();
            var entityTypes = copy.Model.GetEntityTypes().ToList();
            Assert.Equal(entityTypes.SelectMany(t => t.GetIndexes()).Select(i => i.GetDatabaseName()).Distinct().Order(), indexes.Order());
            Assert.Equal(entityTypes.SelectMany(t => t.GetForeignKeys()).Select(k => k.GetConstraintName()).Distinct().Order(), keys.Order());
            Assert.NotEmpty(keys);

            // Ids go on after the copied ones.
            var highest = await copy.Regions.MaxAsync(r => r.Id);
            copy.Regions.Add(new Region { Name = "Belize", CountryCode = "BZ", TimeZone = "America/Belize" });
            await copy.SaveChangesAsync();
            Assert.Equal(highest + 1, await copy.Regions.Where(r => r.Name == "Belize").Select(r => r.Id).SingleAsync());

            var (again, refused) = await AppProcesses.RunCommandAsync(app.SqlitePath, "copy-to-postgres", "--to", target);
            Assert.Equal(1, again);
            Assert.Contains("not empty", refused);
        }
        finally
        {
            await GreatAppFactory.DropPostgresDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task Should_list_what_an_account_could_read_from_the_command_line()
    {
        _ = app.Services; // the demo database exists
        var (exit, output) = await AppProcesses.RunCommandAsync(app.SqlitePath, "exposure", "--email", "coordinator@example.org");
        Assert.True(exit == 0, output);
        Assert.Matches(@"Account coordinator@example\.org \(SchoolCoordinator\) could read:\s+\d+ classes holding \d+ students' names, \d+ officers, 0 accounts\.", output);
        var (unknown, said) = await AppProcesses.RunCommandAsync(app.SqlitePath, "exposure", "--email", "nobody@example.org");
        Assert.Equal(1, unknown);
        Assert.Contains("No account has the email nobody@example.org.", said);
    }

    [Fact]
    public async Task Should_recompute_the_reach_figures_from_the_command_line()
    {
        _ = app.Services; // the demo database exists
        var (exit, output) = await AppProcesses.RunCommandAsync(app.SqlitePath, "recompute-reach");
        Assert.True(exit == 0, output);
        Assert.Matches(@"Reach figures recomputed: [\d,.]+ rows in [\d,.]+ s", output);
        Assert.True(await app.QueryAsync(db => db.ReachRollups.AnyAsync(r => r.Level == RollupLevel.Program && r.StudentsCompleted > 0)));
    }
}
