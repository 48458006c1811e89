using System.Net;
using Great.IntegrationTests.Infrastructure;

namespace Great.IntegrationTests.Telemetry;

/// <summary>The app's metrics, in Prometheus' text format, for administrators only (issue 42).</summary>
public class MetricsTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    [Fact]
    public async Task Should_give_an_administrator_the_requests_and_the_saves_write_queue_and_duration_in_prometheus_text()
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin); // signing in saves (a security event): a save to measure
        var response = await admin.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE great_write_queue_wait_milliseconds histogram", text);
        Assert.Contains("# TYPE great_save_duration_milliseconds histogram", text);
        Assert.Matches(@"great_save_duration_milliseconds_count\{[^}]*\} [1-9]", text);
        Assert.Contains("http_server_request_duration_seconds_bucket", text);
    }

    [Fact]
    public async Task Should_keep_the_metrics_from_everyone_but_administrators()
    {
        foreach (var account in new[] { DemoAccounts.ManagerSv, DemoAccounts.Coordinator, DemoAccounts.Instructor })
        {
            var user = await app.SignedInAsync(account);
            Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/metrics")).StatusCode);
        }
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var answer = await anonymous.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Contains("/Account/Login", answer.Headers.Location!.OriginalString);
    }
}
