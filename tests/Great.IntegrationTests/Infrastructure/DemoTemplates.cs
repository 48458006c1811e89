using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Great.IntegrationTests.Infrastructure;

/// <summary>
/// The demo database, migrated and seeded once per run for each provider and seeding moment, then copied for each
/// test class: a SQLite file copied, a PostgreSQL database made with <c>CREATE DATABASE … TEMPLATE</c>. Each class
/// still has a database of its own that nobody else touches; only the minutes of making it again are saved.
/// </summary>
public static class DemoTemplates
{
    private static readonly ConcurrentDictionary<(bool Postgres, DateTimeOffset? Moment), Lazy<GreatAppFactory>> Made = new();
    // PostgreSQL copies a template only while nothing else reads it: one copy at a time.
    private static readonly SemaphoreSlim Copying = new(1, 1);

    static DemoTemplates() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var template in Made.Values.Where(t => t.IsValueCreated).Select(t => t.Value))
        {
            if (template.IsPostgres) GreatAppFactory.DropPostgresDatabaseAsync(template.Name).GetAwaiter().GetResult();
            else foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(template.DatabasePath + suffix);
        }
    };

    /// <summary>Puts a copy of the demo in <paramref name="factory"/>'s place before its app starts.</summary>
    public static void CopyInto(GreatAppFactory factory, DateTimeOffset? moment)
    {
        var template = Made.GetOrAdd((factory.IsPostgres, moment), key => new Lazy<GreatAppFactory>(() => Make(key.Postgres, key.Moment))).Value;
        Copying.Wait();
        try
        {
            if (factory.IsPostgres)
            {
                using var admin = new NpgsqlConnection(GreatAppFactory.PostgresDatabase("postgres"));
                admin.Open();
                using var create = new NpgsqlCommand($"CREATE DATABASE \"{factory.Name}\" TEMPLATE \"{template.Name}\"", admin);
                create.ExecuteNonQuery();
                return;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(factory.DatabasePath)!);
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                if (File.Exists(template.DatabasePath + suffix)) File.Copy(template.DatabasePath + suffix, factory.DatabasePath + suffix, overwrite: true);
            }
        }
        finally
        {
            Copying.Release();
        }
    }

    /// <summary>Starts the app once on an empty database (it migrates and seeds the demo), then stops it and keeps the database.</summary>
    private static GreatAppFactory Make(bool postgres, DateTimeOffset? moment)
    {
        var maker = new Maker(postgres, moment);
        _ = maker.Services;
        maker.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        return maker;
    }

    private sealed class Maker : GreatAppFactory
    {
        private readonly DateTimeOffset? _moment;

        public Maker(bool postgres, DateTimeOffset? moment) : base(postgres, $"great_template_{Guid.NewGuid():N}")
        {
            _moment = moment;
            KeepsDatabase = true;
        }

        protected override bool StartsFromDemoTemplate => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // A factory with a clock of its own is seeded as of that clock's moment.
            if (_moment is { } at) builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(at)));
        }
    }
}
