using System.Net;
using Great.IntegrationTests.Infrastructure;

namespace Great.IntegrationTests.Accessibility;

/// <summary>
/// A form says which fields are required (from its validator's rules), and a post with errors comes back with them
/// summarised at the top, each linked to its field, and each field pointing at its own message (aria-describedby).
/// </summary>
public class FormErrorTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    [Theory]
    [InlineData("en", "(required)", "There is a problem", "Enter your email.", "Enter your password.")]
    [InlineData("es", "(obligatorio)", "Hay un problema", "Escriba su correo electrónico.", "Escriba su contraseña.")]
    public async Task Should_summarise_the_errors_at_the_top_and_link_each_to_its_field(string language, string required, string problem, string noEmail, string noPassword)
    {
        var browser = app.CreateBrowser(language);
        var blank = await browser.GetDocumentAsync("/Account/Login");
        Assert.Null(blank.QuerySelector("#error-summary")); // nothing to say before a post
        Assert.Equal(required, blank.QuerySelector("label[for=Input_Email] .field-required")!.TextContent);
        Assert.Equal("true", blank.QuerySelector("#Input_Email")!.GetAttribute("aria-required"));
        Assert.Null(blank.QuerySelector("#Input_Email")!.GetAttribute("aria-invalid"));

        var response = await browser.SubmitAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = "", ["Input.Password"] = "" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        var summary = page.QuerySelector("form #error-summary")!;
        Assert.Equal(problem, summary.QuerySelector("h2")!.TextContent);
        Assert.Equal("error-summary-title", summary.GetAttribute("aria-labelledby"));
        Assert.Equal([("#Input_Email", noEmail), ("#Input_Password", noPassword)],
            summary.QuerySelectorAll("li a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList());
        foreach (var (field, message) in new[] { ("Input_Email", noEmail), ("Input_Password", noPassword) })
        {
            var input = page.GetElementById(field)!;
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            Assert.Contains("is-invalid", input.ClassList);
            Assert.Equal($"{field}-error", input.GetAttribute("aria-describedby"));
            Assert.Equal(message, page.GetElementById($"{field}-error")!.TextContent.Trim());
        }
    }

    [Fact]
    public async Task Should_list_an_error_of_the_whole_form_without_a_link_and_mark_only_unconditional_rules_as_required()
    {
        var browser = app.CreateBrowser();
        var wrong = await browser.SubmitAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = DemoAccounts.Admin, ["Input.Password"] = "Not-the-password-1" });
        var summary = (await Forms.ParseAsync(wrong)).QuerySelector("#error-summary")!;
        var item = Assert.Single(summary.QuerySelectorAll("li"));
        Assert.Null(item.QuerySelector("a"));
        Assert.False(string.IsNullOrWhiteSpace(item.TextContent));

        await browser.LoginAsync(DemoAccounts.Admin);
        var form = await browser.GetDocumentAsync("/Admin/Users/Create");
        Assert.NotNull(form.QuerySelector("label[for=Input_Role] .field-required"));     // NotEmpty
        Assert.Null(form.QuerySelector("label[for=Input_RegionId] .field-required"));    // only when the role is a manager's
        Assert.Null(form.QuerySelector("#Input_RegionId")!.GetAttribute("aria-required"));
        var refused = await Forms.ParseAsync(await browser.SubmitAsync("/Admin/Users/Create", new Dictionary<string, string>
        {
            ["Input.Email"] = "new.person@example.org", ["Input.DisplayName"] = "New Person", ["Input.Role"] = "",
        }));
        Assert.Equal("true", refused.GetElementById("Input_Role")!.GetAttribute("aria-invalid"));
        Assert.Equal(["Choose a role."], refused.QuerySelectorAll("#error-summary li").Select(li => li.TextContent).ToList());
    }
}
