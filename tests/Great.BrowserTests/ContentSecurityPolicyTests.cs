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

        var seen = new HashSet<string>();
        var kinds = new Dictionary<string, int>();
        var queue = new Queue<string>([new Uri(page.Url).PathAndQuery]);
        while (queue.Count > 0 && seen.Count < maxPages)
        {
            var address = queue.Dequeue();
            // Two pages of each kind (/Classes/Details/#) are enough: the others are built by the same view.
            var kind = System.Text.RegularExpressions.Regex.Replace(address.Split('?')[0], @"\d+", "#");
            if (seen.Contains(address) || kinds.GetValueOrDefault(kind) >= 2) continue;
            seen.Add(address);
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            IResponse? response;
            try
            {
                response = await page.GotoAsync(address);
            }
            catch (PlaywrightException e) when (e.Message.Contains("Download is starting"))
            {
                continue; // an export: a file, not a page
            }
            if (response is null || !(response.Headers.GetValueOrDefault("content-type") ?? "").Contains("text/html")) continue;
            // GotoAsync waits for the load event: the page's scripts have run, and any inline code or style was refused by then.
            foreach (var href in await page.Locator("a[href^='/']:not([download])").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            {
                var path = href.Split('#')[0];
                if (path.StartsWith("/Account/Logout") || path.StartsWith("/Calendar/Feed") || seen.Contains(path)) continue;
                queue.Enqueue(path);
            }
        }

        Assert.True(seen.Count >= 5, $"only {seen.Count} pages reached");
        Assert.True(blocked.Count == 0, string.Join("\n", blocked));
    }
}
