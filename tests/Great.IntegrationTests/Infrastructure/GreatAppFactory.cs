using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Great.IntegrationTests.Infrastructure;

/// <summary>
/// The real app over its own SQLite file, migrated and filled with the demo data, as `dotnet run` would.
/// One per test class (xUnit class fixture); tests that change data use accounts or rows no other test relies on.
/// </summary>
public class GreatAppFactory : WebApplicationFactory<Program>
{
    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), "great-tests", $"great-{Guid.NewGuid():N}.db");

    public string ConnectionString => $"Data Source={DatabasePath}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the static files are found through the build manifest only when asked for.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Great", ConnectionString);
        builder.UseSetting("Seed:Demo", "true");
        // Tests run the jobs themselves, when they mean to; no background server races them.
        builder.UseSetting("Hangfire:Server", "false");
        builder.UseSetting("Hangfire:Logging", "false");
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at where they go).</summary>
    public HttpClient CreateBrowser(string? acceptLanguage = "en") 
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (acceptLanguage is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try { File.Delete(DatabasePath + suffix); } catch (IOException) { }
        }
    }
}
