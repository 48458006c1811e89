using System.Net;
using System.Net.Http.Headers;
using Great.IntegrationTests.Infrastructure;

namespace Great.IntegrationTests.Account;

/// <summary>
/// What a page weighs on a phone in the README's run mode (Development; a published build caches files by itself): each file is
/// downloaded once — fingerprinted files are kept a year, the others are revalidated and answered 304 — and pages
/// travel compressed. In Development the framework would send every file no-cache (it re-downloaded Bootstrap on
/// every page) unless EnableStaticAssetsDevelopmentCaching is set.
/// </summary>
public class PageWeightTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    [Fact]
    public async Task Should_let_the_browser_keep_every_file_and_compress_the_page_in_the_readmes_run_mode()
    {
        // Development, as `dotnet run --project src/Great.Web` starts it (the files come from the source's wwwroot).
        await using var node = await app.StartProcessAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = new Uri(node.BaseUrl),
        };
        http.DefaultRequestHeaders.AcceptEncoding.ParseAdd("br, gzip");

        using var page = await http.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(page.Content.Headers.ContentEncoding, e => e is "br" or "gzip");

        var plain = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
        var document = await plain.GetDocumentAsync("/Account/Login");
        var files = document.QuerySelectorAll("link[rel=stylesheet][href], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!).Where(u => u.StartsWith('/')).Distinct().ToList();
        Assert.Contains(files, f => f.Contains("bootstrap") && f.EndsWith(".css"));
        var fingerprinted = 0;
        foreach (var file in files)
        {
            using var first = await http.GetAsync(file);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var caching = first.Headers.CacheControl;
            Assert.False(caching?.NoCache == true && caching.MaxAge is null && first.Headers.ETag is null, $"{file}: neither kept nor revalidated ({caching})");
            Assert.True(caching?.MaxAge >= TimeSpan.FromDays(365) || first.Headers.ETag is not null, $"{file}: {first.Headers} {first.Content.Headers}");
            // A fingerprinted file (bootstrap.min.46ein0sx1k.css) never changes under its name: kept a year, not asked again.
            if (System.Text.RegularExpressions.Regex.IsMatch(file, @"\.[a-z0-9]{10}\.(css|js)$"))
            {
                fingerprinted++;
                Assert.True(caching?.MaxAge >= TimeSpan.FromDays(365), $"{file} is fingerprinted but not kept: {caching}");
                continue;
            }
            using var again = new HttpRequestMessage(HttpMethod.Get, file);
            again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            again.Headers.AcceptEncoding.ParseAdd("br, gzip");
            using var revalidated = await http.SendAsync(again);
            Assert.True(revalidated.StatusCode == HttpStatusCode.NotModified, $"{file}: {(int)revalidated.StatusCode} for its own ETag {first.Headers.ETag}");
        }
        Assert.True(fingerprinted >= 2, $"only {fingerprinted} fingerprinted files on the page");
    }
}
