using System.Security.Cryptography;
using Great.Web.Data;
using Great.Web.Data.Seeding;
using Great.Web.Security;
using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Commands;

/// <summary>
/// Commands run instead of the web app (<c>dotnet run --project src/Great.Web -- create-admin --email E</c>), parsed
/// by System.CommandLine. Whatever a command does not know (<c>--environment Production</c>,
/// <c>--ConnectionStrings:Great=…</c>) goes to the host's configuration, as it would for the web app; arguments that
/// start with no command word are the web app's own (<c>--urls</c>, <c>--environment</c>…).
/// </summary>
public static class GreatCommands
{
    /// <summary>A command line for a command (or for the list of them), rather than for the web app.</summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (args[0] is "--help" or "-h" or "-?" or "help" || (!args[0].StartsWith('-') && !args[0].Contains('=')));

    public static async Task<int> RunAsync(string[] args, Func<string[], WebApplication> buildApp)
    {
        var root = new RootCommand("Great: the web app (run without a command) and these commands, against the configured database.");
        var email = new Option<string>("--email") { Description = "The administrator's email address." };
        var createAdmin = new Command("create-admin", "Create the first administrator, with a one-time password.") { email };
        createAdmin.SetAction((result, _) => WithApp(result, app => CreateAdminAsync(app, result.GetValue(email))));

        var to = new Option<string>("--to") { Description = "Connection string of an empty PostgreSQL database." };
        var copy = new Command("copy-to-postgres", "Copy this SQLite database into an empty PostgreSQL one.") { to };
        copy.SetAction((result, _) => WithApp(result, app => CopyToPostgresAsync(app, result.GetValue(to))));

        var defaults = new GeneratorOptions();
        var regions = new Option<int>("--regions") { DefaultValueFactory = _ => defaults.Regions, Description = "Regions to generate." };
        var schools = new Option<int>("--schools") { DefaultValueFactory = _ => defaults.Schools, Description = "Schools to generate." };
        var classes = new Option<int>("--classes") { DefaultValueFactory = _ => defaults.Classes, Description = "Classes to generate." };
        var perClass = new Option<int>("--students-per-class") { DefaultValueFactory = _ => defaults.StudentsPerClass, Description = "Students in each class." };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => defaults.Seed, Description = "Random seed: the same seed gives the same programme." };
        var instructors = new Option<int?>("--instructors") { Description = "Officers (default: one per four classes)." };
        var generate = new Command("generate", "Generate a synthetic national programme in an empty database, for benchmarks.")
            { regions, schools, classes, perClass, seed, instructors };
        generate.SetAction((result, _) => WithApp(result, app => GenerateAsync(app, new GeneratorOptions(
            result.GetValue(regions), result.GetValue(schools), result.GetValue(classes), result.GetValue(perClass), result.GetValue(seed),
            result.GetValue(instructors) ?? defaults.Instructors))));

        var recompute = new Command("recompute-reach", "Run the nightly full roll-up of the reach figures now, with its duration.");
        recompute.SetAction((result, _) => WithApp(result, RecomputeReachAsync));

        var syncRosters = new Command("sync-rosters", "Pull and apply what changed in every connected school's roster now, as the nightly job does.");
        syncRosters.SetAction((result, _) => WithApp(result, SyncRostersAsync));

        var rebuild = new Command("rebuild-progress", "Recount every enrolment's progress from its attendance and correct those that differ.");
        rebuild.SetAction((result, _) => WithApp(result, RebuildProgressAsync));

        var account = new Option<string>("--email") { Description = "The account's email address." };
        var exposure = new Command("exposure", "List every class, officer and account an account could read (for a breach assessment).") { account };
        exposure.SetAction((result, _) => WithApp(result, app => ExposureAsync(app, result.GetValue(account))));

        var backup = new Command("backup", "Copy the SQLite database now, while the app runs, verify the copy and keep it with the others.");
        backup.SetAction((result, _) => WithApp(result, BackupAsync));

        var from = new Option<string>("--from") { Description = "The copy to put in place (a great-*.db file)." };
        var replace = new Option<bool>("--replace") { Description = "Replace a database that holds data (the app must be stopped)." };
        var restore = new Command("restore", "Put a verified copy in place of the SQLite database (empty, or with --replace; never while in use).") { from, replace };
        restore.SetAction((result, _) => WithApp(result, app => RestoreAsync(app, result.GetValue(from), result.GetValue(replace))));

        foreach (var command in new[] { createAdmin, copy, generate, recompute, syncRosters, rebuild, exposure, backup, restore })
        {
            command.TreatUnmatchedTokensAsErrors = false;
            root.Subcommands.Add(command);
        }

        var parsed = root.Parse(args);
        if (parsed.CommandResult.Command == root && args.Length > 0 && !args[0].StartsWith('-') && args[0] != "help")
        {
            Console.Error.WriteLine($"Unknown command '{args[0]}'. Commands:");
            foreach (var command in root.Subcommands) Console.Error.WriteLine($"  {command.Name,-18} {command.Description}");
            Console.Error.WriteLine("Run with --help for their options; without a command, the web app starts.");
            return 2;
        }
        if (args[0] == "help") parsed = root.Parse(["--help"]);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) Console.Error.WriteLine(error.Message);
            return 2;
        }
        return await parsed.InvokeAsync();

        // The app is built with the arguments the command did not take: host options and configuration.
        async Task<int> WithApp(ParseResult result, Func<WebApplication, Task<int>> run)
        {
            await using var app = buildApp(result.UnmatchedTokens.ToArray());
            return await run(app);
        }
    }

    private static async Task<int> CreateAdminAsync(WebApplication app, string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@'))
        {
            Console.Error.WriteLine("Usage: create-admin --email admin@your-programme.org");
            return 2;
        }
        // Migrations only: a production database must never receive demo data by way of this command.
        app.Configuration["Seed:Demo"] = "false";
        await app.Services.PrepareDatabaseAsync(app.Configuration, app.Environment);

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<GreatUser>>();
        await DemoSeeder.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        if (await users.FindByEmailAsync(email) is not null)
        {
            Console.Error.WriteLine($"A user with the email {email} already exists.");
            return 1;
        }
        var password = OneTimePassword();
        var user = new GreatUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator", MustChangePassword = true,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            Console.Error.WriteLine(string.Join(Environment.NewLine, created.Errors.Select(e => e.Description)));
            return 1;
        }
        await users.AddToRoleAsync(user, Roles.Admin);
        Console.WriteLine($"Created admin {email}. One-time password (must be changed at first sign-in): {password}");
        return 0;
    }

    /// <summary>A synthetic national programme in an empty database, for benchmarks.</summary>
    private static async Task<int> GenerateAsync(WebApplication app, GeneratorOptions options)
    {
        app.Configuration["Seed:Demo"] = "false";
        await app.Services.PrepareDatabaseAsync(app.Configuration, app.Environment);
        await using var scope = app.Services.CreateAsyncScope();
        var generator = ActivatorUtilities.CreateInstance<NationalDataGenerator>(scope.ServiceProvider);
        try
        {
            Console.WriteLine(await generator.GenerateAsync(options));
            return 0;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    /// <summary>The nightly full roll-up, run now from the command line, with its duration.</summary>
    private static async Task<int> RecomputeReachAsync(WebApplication app)
    {
        app.Configuration["Seed:Demo"] = "false";
        await app.Services.PrepareDatabaseAsync(app.Configuration, app.Environment);
        await using var scope = app.Services.CreateAsyncScope();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await scope.ServiceProvider.GetRequiredService<Great.Web.Jobs.ReachRollupJob>().RunFullAsync();
        var rows = await scope.ServiceProvider.GetRequiredService<GreatDbContext>().ReachRollups.CountAsync();
        Console.WriteLine($"Reach figures recomputed: {rows:N0} rows in {clock.Elapsed.TotalSeconds:N2} s");
        return 0;
    }

    /// <summary>The nightly roster sync, now: each connection's run with its outcome and counts.</summary>
    private static async Task<int> SyncRostersAsync(WebApplication app)
    {
        app.Configuration["Seed:Demo"] = "false";
        await app.Services.PrepareDatabaseAsync(app.Configuration, app.Environment);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GreatDbContext>();
        var before = await db.RosterSyncRuns.MaxAsync(r => (long?)r.Id) ?? 0;
        await scope.ServiceProvider.GetRequiredService<Great.Web.Jobs.RosterSyncJob>().RunAllAsync();
        var runs = await db.RosterSyncRuns.AsNoTracking().Where(r => r.Id > before).OrderBy(r => r.Id)
            .Select(r => new { r.ConnectionId, r.Outcome, r.Added, r.Changed, r.Withdrawn, r.Error }).ToListAsync();
        foreach (var r in runs)
            Console.WriteLine($"Connection {r.ConnectionId}: {r.Outcome}, {r.Added} added, {r.Changed} changed, {r.Withdrawn} withdrawn{(r.Error is null ? "" : $": {r.Error}")}");
        Console.WriteLine($"Roster sync: {runs.Count} connection(s) synced.");
        return runs.Any(r => r.Outcome != Great.Web.Domain.RosterSyncOutcome.Applied) ? 1 : 0;
    }

    /// <summary>What one account could read, by the pages' own scope rules: for deciding whom a breach concerns.</summary>
    private static async Task<int> ExposureAsync(WebApplication app, string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            Console.Error.WriteLine("Usage: exposure --email officer@agency.gov");
            return 2;
        }
        app.Configuration["Seed:Demo"] = "false";
        await app.Services.PrepareDatabaseAsync(app.Configuration, app.Environment);
        await using var scope = app.Services.CreateAsyncScope();
        if (await Great.Web.Privacy.Exposure.ForAsync(scope.ServiceProvider, email.Trim()) is not { } found)
        {
            Console.Error.WriteLine($"No account has the email {email}.");
            return 1;
        }
        found.WriteTo(Console.Out);
        return 0;
    }

    /// <summary>The nightly progress verification, run now: how many enrolments differed and were corrected.</summary>
    private static async Task<int> RebuildProgressAsync(WebApplication app)
    {
        app.Configuration["Seed:Demo"] = "false";
        await app.Services.PrepareDatabaseAsync(app.Configuration, app.Environment);
        await using var scope = app.Services.CreateAsyncScope();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var corrected = await scope.ServiceProvider.GetRequiredService<Great.Web.Jobs.ProgressVerificationJob>().RunAsync();
        Console.WriteLine($"Progress recounted from attendance: {corrected:N0} enrolments corrected in {clock.Elapsed.TotalSeconds:N2} s");
        return 0;
    }

    private static async Task<int> BackupAsync(WebApplication app)
    {
        app.Configuration["Seed:Demo"] = "false";
        await app.Services.PrepareDatabaseAsync(app.Configuration, app.Environment);
        await using var scope = app.Services.CreateAsyncScope();
        var backup = scope.ServiceProvider.GetRequiredService<DatabaseBackup>();
        if (!backup.Applies)
        {
            Console.Error.WriteLine("backup copies the SQLite database. Back PostgreSQL up with its own tools: pg_dump, or point-in-time recovery (see README, Backups and recovery).");
            return 2;
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var copy = await backup.TakeAsync();
        Console.WriteLine($"Backup {copy.Path}: {copy.Bytes:N0} bytes in {clock.Elapsed.TotalSeconds:N2} s, verified (integrity_check ok; " +
            string.Join(", ", copy.Rows.Select(r => $"{r.Key} {r.Value:N0}")) + $"); {backup.Generations().Count} kept in {backup.Folder}");
        return 0;
    }

    private static async Task<int> RestoreAsync(WebApplication app, string? from, bool replace)
    {
        if (string.IsNullOrWhiteSpace(from) || !File.Exists(from))
        {
            Console.Error.WriteLine(string.IsNullOrWhiteSpace(from) ? "Usage: restore --from backups/great-YYYYMMDD-HHMMSSfff.db [--replace]" : $"No file {from}.");
            return 2;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var backup = scope.ServiceProvider.GetRequiredService<DatabaseBackup>();
        if (!backup.Applies)
        {
            Console.Error.WriteLine("restore puts a SQLite copy in place. PostgreSQL restores with its own tools (pg_restore, point-in-time recovery).");
            return 2;
        }
        Dictionary<string, long> rows;
        try
        {
            rows = await DatabaseBackup.VerifyAsync(from);
        }
        catch (Exception e) when (e is InvalidDataException or Microsoft.Data.Sqlite.SqliteException)
        {
            Console.Error.WriteLine($"Refused: {from} cannot be restored: {e.Message} Nothing was changed.");
            return 1;
        }
        return await DatabaseRestore.PutInPlaceAsync(from, backup.DatabasePath, replace, rows, app.Services.GetRequiredService<TimeProvider>().GetUtcNow(), Console.Out, Console.Error);
    }

    private static async Task<int> CopyToPostgresAsync(WebApplication app, string? to)
    {
        if (string.IsNullOrWhiteSpace(to))
        {
            Console.Error.WriteLine("Usage: copy-to-postgres --to \"Host=...;Database=...;Username=...;Password=...\"");
            return 2;
        }
        app.Configuration["Seed:Demo"] = "false";
        await app.Services.PrepareDatabaseAsync(app.Configuration, app.Environment);
        await using var scope = app.Services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetRequiredService<GreatDbContext>();
        if (!source.Database.IsSqlite())
        {
            Console.Error.WriteLine("copy-to-postgres copies from the SQLite database (Database:Provider Sqlite).");
            return 2;
        }
        return await CopyToPostgres.RunAsync(source, to, Console.Out);
    }

    /// <summary>Readable, unambiguous, and always meets the password rules (upper, lower, digit, length).</summary>
    public static string OneTimePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnpqrstuvwxyz", digits = "23456789";
        const string all = upper + lower + digits;
        var chars = new char[14];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        for (var i = 3; i < chars.Length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
