using System.Net;
using Great.IntegrationTests.Infrastructure;

namespace Great.IntegrationTests.Account;

/// <summary>
/// The first page anyone sees is the sign-in page: its styles, scripts, icons and manifest are served to a visitor
/// who has not signed in (a redirect to the sign-in page in their place left it unstyled, with a script error).
/// </summary>
public class SignInPageFilesTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    public async Task Should_serve_every_file_of_the_sign_in_page_to_a_visitor_not_signed_in(string language)
    {
        var visitor = app.CreateBrowser(language);
        var page = await visitor.GetDocumentAsync("/Account/Login");
        var files = page.QuerySelectorAll("link[href], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!)
            .Where(url => url.StartsWith('/') && !url.StartsWith("//"))
            .Distinct().ToList();
        Assert.Contains(files, f => f.EndsWith(".css"));
        Assert.Contains(files, f => f.EndsWith(".js"));
        foreach (var file in files)
        {
            var response = await visitor.GetAsync(file);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: {(int)response.StatusCode} {response.Headers.Location}");
            var type = response.Content.Headers.ContentType?.MediaType ?? "";
            Assert.False(type == "text/html", $"{file} answered with a page ({type}), not the file");
        }
    }
}
