using Microsoft.Playwright;

namespace Great.BrowserTests;

/// <summary>
/// Chromium enforces Great's Content-Security-Policy: every page each role can reach by following links is visited,
/// and any script, style or frame the policy blocks fails the test (the page would be broken for real users).
/// </summary>
[Collection(BrowserCollection.Name)]
public class ContentSecurityPolicyTests(BrowserFixture app)
{
    [Theory]
    [InlineData("instructor@example.org", 40)]
    [InlineData("coordinator@example.org", 40)]
    [InlineData("manager.sv@example.org", 40)]
    [InlineData("admin@example.org", 40)]
    public async Task Should_block_nothing_on_any_page_a_role_reaches(string email, int maxPages)
    {
        var page = await app.NewPageAsync(width: 360, height: 740);
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy")) blocked.Add($"{page.Url}: {message.Text}");
        };
        await page.SignInAsync(email);

        var seen = await SiteCrawl.VisitAsync(page, maxPages, _ => Task.CompletedTask);

        Assert.True(seen.Count >= 5, $"only {seen.Count} pages reached");
        Assert.True(blocked.Count == 0, string.Join("\n", blocked));
    }
}
