using Great.Web.Data.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Great.Web.Data;

public static class DataServices
{
    public const string DefaultConnectionString = "Data Source=App_Data/great.db";

    public static IServiceCollection AddGreatData(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton(AppClock.From(config));
        services.AddScoped<Privacy.NameAccessLog>();
        services.AddSingleton<Privacy.NameAccessWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<Privacy.NameAccessWriter>());
        services.AddSavePipeline();
        var provider = config["Database:Provider"] ?? "Sqlite";
        // Empty unless the crash tests ask for it (Testing:HoldCommitOfWritesTo, ADR-017).
        var holds = CommitHold.From(config);
        // Collections loaded with Include come in queries of their own: in one query they join a subquery over the
        // whole child table, which SQLite computes in full (a class page read all 1,000,000 enrolments: 390 ms).
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton(sp => new WriteGate(serialize: false, WriteGate.DefaultPatience, sp.GetRequiredService<ILogger<WriteGate>>()));
            var connectionString = config.GetConnectionString("Great")
                ?? throw new InvalidOperationException("Database:Provider is Postgres: set ConnectionStrings:Great to a PostgreSQL connection string.");
            services.AddDbContext<GreatDbContext, PostgresGreatDbContext>((sp, options) => options
                .UseNpgsql(connectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                .AddInterceptors(SavePipeline.Interceptors(sp, holds)));
        }
        else if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            // Database:QueueWriters false lets SQLite's busy timeout alone decide (measured against the queue in the benchmarks).
            var queue = config.GetValue("Database:QueueWriters", true);
            services.AddSingleton(sp => new WriteGate(queue, WriteGate.DefaultPatience, sp.GetRequiredService<ILogger<WriteGate>>()));
            var connectionString = SqliteConnectionString(config.GetConnectionString("Great") ?? DefaultConnectionString, env);
            var pragmas = new SqlitePragmas(config);
            services.AddDbContext<GreatDbContext, SqliteGreatDbContext>((sp, options) => options
                .UseSqlite(connectionString, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                .AddInterceptors(SavePipeline.Interceptors(sp, [pragmas, .. holds])));
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not known: use Sqlite or Postgres.");
        }
        services.AddScoped<DemoSeeder>();
        services.Configure<Domain.CertificationOptions>(config.GetSection("Certification"));
        services.AddHealthChecks().AddDbContextCheck<GreatDbContext>("database").AddCheck<BackupHealthCheck>("backup");
        services.Configure<BackupOptions>(config.GetSection("Backups"));
        services.AddScoped<DatabaseBackup>();
        return services;
    }

    /// <summary>A relative SQLite path is taken from the app's content root, and its folder is created.</summary>
    private static string SqliteConnectionString(string connectionString, IHostEnvironment env)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && !Path.IsPathRooted(file))
        {
            builder.DataSource = Path.Combine(env.ContentRootPath, file);
        }
        if (Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
        return builder.ToString();
    }

    /// <summary>Applies migrations, turns on WAL, and in Development fills an empty database with demo data.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, IConfiguration config, IHostEnvironment env)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GreatDbContext>();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while a lesson is being written; the setting stays in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        // The Data Protection key (cookies, antiforgery) is made now, not at the first request, so a node started
        // after this one finds it in the database and uses it instead of making its own.
        scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>()
            .CreateProtector("Great.Startup").Protect("ready"u8.ToArray());
        var seed = config.GetValue<bool?>("Seed:Demo") ?? env.IsDevelopment();
        if (seed)
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync();
        }
    }
}
