using Microsoft.Playwright;

namespace Great.BrowserTests;

/// <summary>
/// Visits every page a signed-in person reaches by following links from where they start, a page or two of each kind
/// (/Classes/Details/#): the others are built by the same view. Files (exports) and signing out are skipped.
/// </summary>
public static class SiteCrawl
{
    public static async Task<IReadOnlyList<string>> VisitAsync(IPage page, int maxPages, Func<string, Task> onPage, Func<string, bool>? skip = null, int perKind = 2)
    {
        var seen = new HashSet<string>();
        var kinds = new Dictionary<string, int>();
        var queue = new Queue<string>([new Uri(page.Url).PathAndQuery]);
        while (queue.Count > 0 && seen.Count < maxPages)
        {
            var address = queue.Dequeue();
            var kind = System.Text.RegularExpressions.Regex.Replace(address.Split('?')[0], @"\d+", "#");
            if (seen.Contains(address) || kinds.GetValueOrDefault(kind) >= perKind) continue;
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
            // GotoAsync waits for the load event: the page's scripts have run.
            await onPage(address);
            foreach (var href in await page.Locator("a[href^='/']:not([download])").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            {
                var path = href.Split('#')[0];
                if (path.StartsWith("/Account/Logout") || path.StartsWith("/Calendar/Feed") || skip?.Invoke(path) == true || seen.Contains(path)) continue;
                queue.Enqueue(path);
            }
        }
        return seen.ToList();
    }
}
