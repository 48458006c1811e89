using System.Net;
using Great.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Lessons;

/// <summary>The message after a lesson is recorded counts the absent in the singular and the plural (Resources/Plurals), in both languages.</summary>
public class RecordedMessageTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    [Theory]
    [InlineData("es", "registrada (1 ausente).", "registrada (2 ausentes).")]
    [InlineData("en", "recorded (1 absent).", "recorded (2 absent).")]
    public async Task Should_say_how_many_were_absent_in_the_singular_and_the_plural(string language, string one, string two)
    {
        var browser = await app.SignedInAsync(DemoAccounts.Instructor, language);
        // The officer's own language comes with the sign-in; the switch in the menu chooses the one tested.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync("/Classes/Mine", [new("culture", language)], "form#language-switch")).StatusCode);
        var classId = await app.ClassIdAsync("SV-10101", "6", "B"); // lessons 10 to 13 left: two for each language
        foreach (var (absent, said) in new[] { (1, one), (2, two) })
        {
            var form = await browser.GetDocumentAsync($"/Lessons/Record/{classId}");
            var boxes = form.QuerySelectorAll(".attendance input[name=Present]").Select(b => b.GetAttribute("value")!).ToList();
            var response = await browser.SubmitAsync($"/Lessons/Record/{classId}", [.. boxes.Skip(absent).Select(v => new KeyValuePair<string, string>("Present", v))]);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var message = (await browser.GetDocumentAsync(response.Headers.Location!.OriginalString)).QuerySelector(".alert-success")!.TextContent;
            Assert.Contains(said, message);
        }
    }
}
