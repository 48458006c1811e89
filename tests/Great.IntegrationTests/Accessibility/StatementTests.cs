using System.Net;
using Great.IntegrationTests.Infrastructure;

namespace Great.IntegrationTests.Accessibility;

/// <summary>The accessibility statement is open to everyone, in both languages, and every page links to it and skips to its content.</summary>
public class StatementTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    [Theory]
    [InlineData("en", "Accessibility statement", "Tell your programme's administrator")]
    [InlineData("es", "Declaración de accesibilidad", "Cuente al administrador de su programa")]
    public async Task Should_show_the_statement_to_anyone_in_their_language(string language, string title, string report)
    {
        var browser = app.CreateBrowser(language);
        var page = await browser.GetDocumentAsync("/Accessibility");
        Assert.Equal(title, page.QuerySelector("h1")!.TextContent);
        Assert.Contains(report, page.QuerySelector("#report-contact")!.TextContent);
        Assert.NotEmpty(page.QuerySelectorAll("#known-limits li"));
    }

    [Fact]
    public async Task Should_offer_a_skip_link_to_the_content_and_the_statement_on_every_page()
    {
        var anonymous = app.CreateBrowser();
        var browser = await app.SignedInAsync(DemoAccounts.Coordinator);
        foreach (var (client, url) in new[] { (anonymous, "/Account/Login"), (browser, "/Schools/Index"), (browser, "/Account/Profile") })
        {
            var page = await client.GetDocumentAsync(url);
            var skip = page.QuerySelector("body > a:first-child")!;
            Assert.Equal(("skip-to-content", "#main"), (skip.Id, skip.GetAttribute("href")));
            Assert.NotNull(page.QuerySelector("main#main"));
            Assert.Equal("/Accessibility", page.QuerySelector("#accessibility-statement")!.GetAttribute("href"));
        }
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowser().GetAsync("/Accessibility")).StatusCode);
    }
}
