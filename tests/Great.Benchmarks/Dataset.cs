using System.Diagnostics;
using Great.Web.Data;
using Great.Web.Data.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Great.TestSupport;
using Npgsql;

namespace Great.Benchmarks;

/// <summary>The database a run works on, and the settings that point the app at it (in this process and in the app's).</summary>
public sealed record BenchmarkDatabase(string Provider, string ConnectionString, string Folder)
{
    public bool OnPostgres => Provider == "Postgres";

    public IReadOnlyDictionary<string, string> AppSettings(string node) => new Dictionary<string, string>(TestClock.Settings)
    {
        // Generated and measured on one pinned day (the tests' day, GREAT_TEST_TODAY moves it), so a kept dataset
        // still means the same when it is measured again weeks later.
        ["Database:Provider"] = Provider,
        ["ConnectionStrings:Great"] = ConnectionString,
        // Each node's storage of its own: no job server runs in either, the benchmark runs each job itself.
        ["Hangfire:Storage"] = "InMemory",
        ["Hangfire:Server"] = "false",
        ["Hangfire:Logging"] = "false",
        ["Seed:Demo"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Email:PickupFolder"] = Path.Combine(Folder, "mail-pickup", node),
        // The benchmark signs in hundreds of users over plain HTTP on loopback, none with a second factor.
        ["Security:DataProtection:AllowUnencryptedKeys"] = "true",
        ["Security:TwoFactor:RequiredFor"] = "",
        ["Security:RateLimits:SignInPerMinute"] = "1000000",
        ["Security:RateLimits:ImportsPerMinute"] = "1000000",
        ["Security:HttpsRedirection"] = "false",
    };

    /// <summary>
    /// The app as it is deployed, in a process of its own over this database, so its peak memory (its VmHWM) is its
    /// own and the load clients stay in the benchmark's process. No job server runs in it (the benchmark runs each
    /// job itself, so nothing else competes with what is measured) unless <paramref name="overrides"/> says so.
    /// </summary>
    public Task<AppProcess> StartAppAsync(string node, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var settings = With(AppSettings(node), overrides);
        // The same garbage collector as the deployed app (the Web SDK's server GC).
        settings["DOTNET_gcServer"] = "1";
        return AppProcess.StartWebAsync(settings, "--contentRoot", Path.Combine(Options.RepositoryRoot(), "src", "Great.Web"));
    }

    /// <summary>A command of the app (`backup`…) over this database, as an administrator runs it; its exit code and output.</summary>
    public Task<(int ExitCode, string Output)> RunCommandAsync(IReadOnlyDictionary<string, string> settings, params string[] args) =>
        AppProcess.RunAsync(With(AppSettings("command"), settings), args);

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string>? overrides)
    {
        var all = new Dictionary<string, string>(settings);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>()) all[key] = value;
        return all;
    }

    /// <summary>The database's size on disk, in bytes.</summary>
    public async Task<long> SizeAsync()
    {
        if (!OnPostgres) return new FileInfo(new SqliteConnectionStringBuilder(ConnectionString).DataSource).Length;
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>
/// The national dataset, generated once per size and seed by the app's own generator and kept beside the results
/// (a SQLite file); on PostgreSQL copied once from that file with the app's copy-to-postgres into a database kept as a
/// template. Every run works on a fresh copy (a file copy, or a database made from the template), because the
/// scenarios record lessons and import rosters.
/// </summary>
public static class Dataset
{
    public sealed record Prepared(BenchmarkDatabase Database, string Summary, TimeSpan? Copy);

    public static async Task<Prepared> PrepareAsync(string folder, GeneratorOptions options, string provider, string postgresServer, TextWriter log)
    {
        Directory.CreateDirectory(folder);
        var name = $"national-{options.Classes * options.StudentsPerClass}-s{options.Schools}-i{options.Instructors}-seed{options.Seed}";
        var pristine = Path.Combine(folder, name + ".db");
        var summaryFile = Path.Combine(folder, name + ".txt");
        if (!File.Exists(pristine) || !File.Exists(summaryFile))
        {
            foreach (var stale in new[] { pristine, pristine + "-wal", pristine + "-shm" }) File.Delete(stale);
            log.WriteLine($"Generating {name} (once; kept in {folder})...");
            await using var host = new BenchmarkHost(new BenchmarkDatabase("Sqlite", $"Data Source={pristine}", folder));
            var summary = await host.InScopeAsync(sp => ActivatorUtilities.CreateInstance<NationalDataGenerator>(sp).GenerateAsync(options));
            await File.WriteAllTextAsync(summaryFile, summary);
        }
        var datasetSummary = await File.ReadAllTextAsync(summaryFile);

        if (provider != "Postgres")
        {
            var work = Path.Combine(folder, "work.db");
            foreach (var stale in new[] { work, work + "-wal", work + "-shm" }) File.Delete(stale);
            File.Copy(pristine, work);
            return new(new BenchmarkDatabase("Sqlite", $"Data Source={work}", folder), datasetSummary, null);
        }

        var template = "great_bench_" + name.Replace('-', '_');
        var server = new NpgsqlConnectionStringBuilder(postgresServer);
        string On(string database) => new NpgsqlConnectionStringBuilder(postgresServer) { Database = database }.ConnectionString;
        await using var admin = new NpgsqlConnection(On(server.Database ?? "postgres"));
        await admin.OpenAsync();
        TimeSpan? copy = null;
        var copyFile = Path.Combine(folder, name + ".pg-copy.txt");
        // A template is complete once its comment says so, and belongs to this folder's dataset when the folder noted
        // the copy: an interrupted copy, or one of a dataset generated again, is dropped and made again.
        if (!File.Exists(copyFile)
            || await ScalarAsync(admin, $"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{template}'") as string != "complete")
        {
            log.WriteLine($"Copying {name} into PostgreSQL database {template} with copy-to-postgres (once)...");
            if (await ScalarAsync(admin, $"SELECT 1 FROM pg_database WHERE datname = '{template}'") is not null)
            {
                await ExecuteAsync(admin, $"ALTER DATABASE {template} WITH IS_TEMPLATE false ALLOW_CONNECTIONS true");
            }
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {template} WITH (FORCE)");
            await ExecuteAsync(admin, $"CREATE DATABASE {template}");
            var clock = Stopwatch.StartNew();
            await using (var host = new BenchmarkHost(new BenchmarkDatabase("Sqlite", $"Data Source={pristine}", folder)))
            {
                var exit = await host.InScopeAsync(sp => CopyToPostgres.RunAsync(sp.GetRequiredService<GreatDbContext>(), On(template), log));
                if (exit != 0) throw new InvalidOperationException("copy-to-postgres did not copy the dataset (see above).");
            }
            copy = clock.Elapsed;
            NpgsqlConnection.ClearAllPools();
            // Statistics for the planner, as a database that has run a while has them.
            await using (var copied = new NpgsqlConnection(On(template)))
            {
                await copied.OpenAsync();
                await ExecuteAsync(copied, "VACUUM ANALYZE");
            }
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"COMMENT ON DATABASE {template} IS 'complete'");
            await File.WriteAllTextAsync(copyFile, copy.Value.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
        }
        // Nothing may be connected to a template while a database is made from it: not a pooled connection, not autovacuum.
        await ExecuteAsync(admin, $"ALTER DATABASE {template} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
        await ExecuteAsync(admin, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{template}'");
        const string workDatabase = "great_bench_work";
        await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {workDatabase} WITH (FORCE)");
        await ExecuteAsync(admin, $"CREATE DATABASE {workDatabase} TEMPLATE {template}");
        copy ??= File.Exists(copyFile) ? TimeSpan.FromSeconds(double.Parse(await File.ReadAllTextAsync(copyFile), System.Globalization.CultureInfo.InvariantCulture)) : null;
        return new(new BenchmarkDatabase("Postgres", On(workDatabase), folder), datasetSummary, copy);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
