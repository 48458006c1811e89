using Great.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Great.Benchmarks;

/// <summary>
/// The real app on Kestrel (a free loopback port) over the benchmark's SQLite file, in this process: HTTP scenarios
/// go through the network stack, job scenarios call the app's own job classes from its container.
/// No job server runs: the benchmark runs each job itself, so nothing else competes with what is measured.
/// </summary>
public sealed class BenchmarkHost(string databasePath) : WebApplicationFactory<Program>
{
    public string BaseUrl { get; private set; } = "";

    // The app's own folder as content root (test projects get this from an attribute the testing package writes).
    static BenchmarkHost() => Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GREAT_WEB",
        Path.Combine(Options.RepositoryRoot(), "src", "Great.Web"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Great", $"Data Source={databasePath}");
        builder.UseSetting("Seed:Demo", "false");
        builder.UseSetting("Hangfire:Server", "false");
        builder.UseSetting("Hangfire:Logging", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Email:PickupFolder", Path.Combine(Path.GetDirectoryName(databasePath)!, "mail-pickup"));
    }

    public void Start()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');
    }

    /// <summary>Runs <paramref name="work"/> with a scope of the app's container, as a job would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<T> DbAsync<T>(Func<GreatDbContext, Task<T>> work) => InScopeAsync(sp => work(sp.GetRequiredService<GreatDbContext>()));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
