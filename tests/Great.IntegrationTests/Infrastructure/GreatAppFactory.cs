using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Great.IntegrationTests.Infrastructure;

/// <summary>
/// The real app over its own database, migrated and filled with the demo data, as `dotnet run` would: a SQLite file,
/// or (with GREAT_TEST_PROVIDER=Postgres, as the test command sets on its second pass) a PostgreSQL database of its own
/// on the server GREAT_POSTGRES_SERVER names.
/// One per test class (xUnit class fixture); tests that change data use accounts or rows no other test relies on.
/// </summary>
public class GreatAppFactory : WebApplicationFactory<Program>
{
    /// <summary>A server connection string without a database, e.g. Host=127.0.0.1;Username=great;Password=great.</summary>
    public static string? PostgresServer => Environment.GetEnvironmentVariable("GREAT_POSTGRES_SERVER") is { Length: > 0 } value ? value : null;

    public static bool OnPostgres => Environment.GetEnvironmentVariable("GREAT_TEST_PROVIDER") == "Postgres";

    /// <summary>A database of its own on the test PostgreSQL server (created by the app's migrations, dropped by the caller).</summary>
    public static string PostgresDatabase(string name) => new NpgsqlConnectionStringBuilder(PostgresServer
        ?? throw new InvalidOperationException("Set GREAT_POSTGRES_SERVER to a PostgreSQL server (tests/run-all.sh does).")) { Database = name }.ConnectionString;

    private readonly string _name = $"great_test_{Guid.NewGuid():N}";

    /// <summary>
    /// Whether this factory's database starts as a copy of the demo database made once per run for its provider and
    /// seeding moment (migrating and seeding the demo was most of a test class's start-up); false for a factory whose
    /// database is its own (empty, or elsewhere). See <see cref="DemoTemplates"/>.
    /// </summary>
    protected virtual bool StartsFromDemoTemplate => true;

    /// <summary>The moment the demo is seeded as of: null for the suite's running clock (<see cref="TestClock"/>), else this factory's own.</summary>
    protected virtual DateTimeOffset? SeedMoment => null;

    /// <summary>A factory whose database must outlive it (a template), or whose name is given.</summary>
    protected GreatAppFactory(bool postgres, string name) : this(postgres) => _name = name;

    /// <summary>Leaves the database in place when the factory goes (a template's).</summary>
    protected bool KeepsDatabase { get; init; }

    public string Name => _name;

    protected override IHost CreateHost(IHostBuilder builder)
    {
        if (StartsFromDemoTemplate) DemoTemplates.CopyInto(this, SeedMoment);
        return base.CreateHost(builder);
    }

    /// <summary>This factory's database is on PostgreSQL: in the suite's second pass, or always for <see cref="PostgresAppFactory"/>.</summary>
    public bool IsPostgres { get; }

    public GreatAppFactory() : this(OnPostgres) { }

    protected GreatAppFactory(bool postgres) => IsPostgres = postgres;

    public string DatabasePath => Path.Combine(Path.GetTempPath(), "great-tests", _name + ".db");

    public string ConnectionString => IsPostgres ? PostgresDatabase(_name) : $"Data Source={DatabasePath}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the static files are found through the build manifest only when asked for.
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", IsPostgres ? "Postgres" : "Sqlite");
        builder.UseSetting("ConnectionStrings:Great", ConnectionString);
        foreach (var (key, value) in TestHost.Settings) builder.UseSetting(key, value);
        builder.UseSetting("Seed:Demo", "true");
    }

    /// <summary>The app's clock: the pinned day (<see cref="TestClock"/>) running on, or the one a test set.</summary>
    public TimeProvider Time => Services.GetRequiredService<TimeProvider>();

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at where they go).</summary>
    public HttpClient CreateBrowser(string? acceptLanguage = "en")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (acceptLanguage is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return client;
    }

    /// <summary>A browser (<see cref="CreateBrowser"/>) signed in through the real login form as this account.</summary>
    public async Task<HttpClient> SignedInAsync(string account, string language = "en")
    {
        var browser = CreateBrowser(language);
        var response = await browser.LoginAsync(account);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect, $"{account} could not sign in: {(int)response.StatusCode}");
        return browser;
    }

    /// <summary>Runs a job class the way Hangfire would: resolved in a scope of its own.</summary>
    public async Task RunAsync<TJob>(Func<TJob, Task> run) where TJob : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }

    /// <summary>Takes the database away while the app runs (for the health check's sake).</summary>
    public async Task BreakDatabaseAsync()
    {
        if (IsPostgres)
        {
            await DropPostgresDatabaseAsync();
            return;
        }
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(DatabasePath + suffix);
        Directory.CreateDirectory(DatabasePath); // a folder where the file was: SQLite cannot open it
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (KeepsDatabase) return;
        if (IsPostgres)
        {
            await DropPostgresDatabaseAsync();
            return;
        }
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(DatabasePath)) Directory.Delete(DatabasePath);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try { File.Delete(DatabasePath + suffix); } catch (IOException) { }
        }
    }

    private Task DropPostgresDatabaseAsync() => DropPostgresDatabaseAsync(_name);

    public static async Task DropPostgresDatabaseAsync(string name)
    {
        // Cleanup only: FORCE ends the sessions still open on it; a database that cannot be dropped is left behind, said so.
        try
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresDatabase("postgres"));
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        catch (PostgresException e)
        {
            Console.Error.WriteLine($"Test database {name} left behind: {e.MessageText}");
        }
    }
}

/// <summary>An app on PostgreSQL in both passes of the suite: for what only a shared server can do (several nodes, one queue).</summary>
public sealed class PostgresAppFactory() : GreatAppFactory(postgres: true);
