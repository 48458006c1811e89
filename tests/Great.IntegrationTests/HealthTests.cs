using System.Net;
using Great.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Great.IntegrationTests;

public class HealthTests
{
    [Fact]
    public async Task Should_answer_200_while_the_database_answers_and_503_when_it_does_not()
    {
        await using var app = new GreatAppFactory();
        var client = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        // Take the database away: its path becomes a folder, which SQLite cannot open.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(app.DatabasePath + suffix);
        Directory.CreateDirectory(app.DatabasePath);
        try
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
        }
        finally
        {
            Directory.Delete(app.DatabasePath);
        }
    }
}
