using System.Net;
using Great.IntegrationTests.Infrastructure;

namespace Great.IntegrationTests;

public class HealthTests
{
    [Fact]
    public async Task Should_answer_200_while_the_database_answers_and_503_when_it_does_not()
    {
        await using var app = new GreatAppFactory();
        var client = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        await app.BreakDatabaseAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
    }
}
