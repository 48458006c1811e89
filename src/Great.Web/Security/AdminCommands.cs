using System.Security.Cryptography;
using Great.Web.Data;
using Great.Web.Data.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Security;

/// <summary>Commands run instead of the web app: `dotnet run --project src/Great.Web -- create-admin --email E`.</summary>
public static class AdminCommands
{
    public static async Task<int> RunAsync(WebApplication app, string command, IConfiguration config)
    {
        switch (command)
        {
            case "create-admin":
                return await CreateAdminAsync(app, config["email"]);
            case "copy-to-postgres":
                return await CopyToPostgresAsync(app, config["to"]);
            case "generate":
                return await GenerateAsync(app, config);
            case "recompute-reach":
                return await RecomputeReachAsync(app);
            default:
                Console.Error.WriteLine($"Unknown command '{command}'. Commands: create-admin --email E; copy-to-postgres --to \"<connection string>\"; generate [--regions 7 --schools 10000 --classes 50000 --students-per-class 20 --seed 42 --instructors N]; recompute-reach");
                return 2;
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
    private static async Task<int> GenerateAsync(WebApplication app, IConfiguration config)
    {
        app.Configuration["Seed:Demo"] = "false";
        await app.Services.PrepareDatabaseAsync(app.Configuration, app.Environment);
        await using var scope = app.Services.CreateAsyncScope();
        var generator = ActivatorUtilities.CreateInstance<NationalDataGenerator>(scope.ServiceProvider);
        var defaults = new GeneratorOptions();
        var options = new GeneratorOptions(
            config.GetValue("regions", defaults.Regions), config.GetValue("schools", defaults.Schools), config.GetValue("classes", defaults.Classes),
            config.GetValue("students-per-class", defaults.StudentsPerClass), config.GetValue("seed", defaults.Seed),
            config.GetValue("instructors", defaults.Instructors));
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
