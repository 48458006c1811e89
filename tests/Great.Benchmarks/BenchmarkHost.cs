using Great.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Great.TestSupport;

namespace Great.Benchmarks;

/// <summary>
/// The app's container in this process, over the benchmark's database: what a job or a command does (the roll-up,
/// the reminder scan, the generator, the cast's accounts) is run from it. It serves no HTTP: pages are served by
/// the app in a process of its own (<see cref="AppProcess"/>), whose memory is measured alone.
/// </summary>
public sealed class BenchmarkHost(BenchmarkDatabase database) : WebApplicationFactory<Program>
{
    // The app's own folder as content root (test projects get this from an attribute the testing package writes).
    static BenchmarkHost() => Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GREAT_WEB",
        Path.Combine(Options.RepositoryRoot(), "src", "Great.Web"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in database.AppSettings("jobs")) builder.UseSetting(key, value);
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
        NpgsqlConnection.ClearAllPools();
    }
}
