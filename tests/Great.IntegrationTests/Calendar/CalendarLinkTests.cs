using System.Net;
using Great.IntegrationTests.Infrastructure;

namespace Great.IntegrationTests.Calendar;

/// <summary>
/// The officer's calendar link: a Subscribe button that opens the phone's calendar app (webcal://), a Copy button
/// beside the link, and lesson titles in the language the officer chose in Great.
/// </summary>
public class CalendarLinkTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    [Theory]
    [InlineData("en", "SUMMARY:Lesson 10:", "Subscribe in my calendar app", "Copy")]
    [InlineData("es", "SUMMARY:Lección 10:", "Suscribirme en mi aplicación de calendario", "Copiar")]
    public async Task Should_offer_subscribe_and_copy_and_title_the_lessons_in_the_officers_language(string language, string summary, string subscribe, string copy)
    {
        var officer = app.CreateBrowser(language);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.LoginAsync(DemoAccounts.Instructor)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync("/Classes/Mine", [new("culture", language)], "form#language-switch")).StatusCode);
        var calendar = await officer.GetDocumentAsync("/Calendar");
        if (calendar.QuerySelector("#feed-url") is null)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync("/Calendar", [], "main form")).StatusCode);
            calendar = await officer.GetDocumentAsync("/Calendar");
        }

        var url = calendar.QuerySelector("#feed-url")!.GetAttribute("value")!;
        var link = calendar.QuerySelector("a#subscribe")!;
        Assert.Equal("webcal" + url[url.IndexOf("://", StringComparison.Ordinal)..], link.GetAttribute("href"));
        Assert.Equal(subscribe, link.TextContent.Trim());
        var button = calendar.QuerySelector("button#copy-feed-url[data-copy='#feed-url']")!;
        Assert.Equal(copy, button.TextContent.Trim());

        var ics = await (await app.CreateBrowser(null).GetAsync(new Uri(url).PathAndQuery)).Content.ReadAsStringAsync();
        Assert.Contains(summary, ics);
    }
}
