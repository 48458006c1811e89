using Great.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Great.IntegrationTests.Data;

/// <summary>The SQLite set-up the app gives every connection, on a real file (in both passes of the suite: it is about SQLite).</summary>
public class SqliteConnectionTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "great-tests", $"connection-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Should_give_every_connection_a_busy_timeout_so_a_second_writer_waits_in_SQLite_not_in_a_provider_sleep()
    {
        var services = new ServiceCollection();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite", ["ConnectionStrings:Great"] = $"Data Source={_file}",
        }).Build();
        services.AddLogging();
        services.AddGreatData(config, new HostingEnvironment { EnvironmentName = Environments.Production, ContentRootPath = Path.GetTempPath() });
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GreatDbContext>();

        await db.Database.OpenConnectionAsync();
        var timeout = await db.Database.SqlQueryRaw<long>("SELECT timeout AS Value FROM pragma_busy_timeout").SingleAsync();
        Assert.Equal(30_000, timeout);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { File.Delete(_file); } catch (IOException) { }
    }
}
