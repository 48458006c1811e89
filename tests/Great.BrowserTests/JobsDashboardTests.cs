using Microsoft.Playwright;

namespace Great.BrowserTests;

/// <summary>The Hangfire dashboard on real Kestrel: administrators only, whatever address the request comes from.</summary>
[Collection(BrowserCollection.Name)]
public class JobsDashboardTests(BrowserFixture app) : BrowserTest(app)
{
    private async Task<IResponse?> OpenDashboardAsync(string? email)
    {
        var page = await NewPageAsync();
        if (email is not null) await page.SignInAsync(email);
        return await page.GotoAsync("/Admin/Jobs");
    }

    [Theory]
    [InlineData("manager.sv@example.org")]
    [InlineData("manager.us@example.org")]
    [InlineData("coordinator@example.org")]
    [InlineData("instructor@example.org")]
    public async Task Should_forbid_the_dashboard_to_every_other_role(string email) =>
        Assert.Equal(403, (await OpenDashboardAsync(email))!.Status);

    [Fact]
    public async Task Should_send_anonymous_visitors_to_the_login_page()
    {
        var response = await OpenDashboardAsync(null);
        Assert.Contains("/Account/Login", response!.Url);
    }

    [Fact]
    public async Task Should_open_the_dashboard_for_the_administrator()
    {
        var response = await OpenDashboardAsync("admin@example.org");
        Assert.Equal(200, response!.Status);
        Assert.Contains("Great · jobs", await response.TextAsync());
    }
}
