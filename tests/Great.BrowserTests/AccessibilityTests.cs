using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Great.BrowserTests;

/// <summary>
/// WCAG 2.2 A and AA, as axe-core checks them, on every page each role reaches, in English and Spanish, on a phone
/// (360×740) and at a desk (1366×768): any violation fails, with the page, the rule and the elements; so does a page
/// wider than the screen.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AccessibilityTests(BrowserFixture app)
{
    private static readonly AxeRunOptions Wcag22AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
    };

    /// <summary>Presses Tab until an element <paramref name="selector"/> (holding <paramref name="text"/>) has the focus, which must show.</summary>
    private static async Task TabToAsync(Microsoft.Playwright.IPage page, string selector, string text = "", int most = 120)
    {
        for (var i = 0; i < most; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("([s, t]) => (document.activeElement?.matches(s) ?? false) && document.activeElement.textContent.includes(t)", new[] { selector, text }))
            {
                Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.matches(':focus-visible')"), $"{selector}: no visible focus");
                return;
            }
        }
        Assert.Fail($"{selector} never had the focus after {most} presses of Tab on {page.Url}");
    }

    [Fact]
    public async Task Should_let_an_officer_record_a_lesson_with_the_keyboard_alone()
    {
        var page = await app.NewPageAsync("es-SV", 360, 740);
        await page.SignInAsync("instructor@example.org");
        await page.WaitForURLAsync("**/Classes/Mine");

        // The first Tab reaches the skip link; it takes the focus past the menu.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip-to-content", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.True(await page.Locator("#skip-to-content").IsVisibleAsync());
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));

        await TabToAsync(page, "a[href^='/Classes/Details/']", "6 B");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/Classes/Details/*");
        await TabToAsync(page, "#record-lesson");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/Lessons/Record/*");
        var lesson = await page.Locator("#LessonNumber").InputValueAsync();

        await TabToAsync(page, ".attendance-row input");
        await page.Keyboard.PressAsync("Space");
        var rows = await page.Locator(".attendance-row").CountAsync();
        Assert.Equal($"{rows - 1}/{rows}", await page.Locator("#present-count").TextContentAsync());
        await TabToAsync(page, ".sticky-submit button");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/Classes/Details/*");
        Assert.Contains($"Lección {lesson} registrada", await page.Locator(".alert-success").TextContentAsync());
    }

    [Theory]
    [InlineData("instructor@example.org", "es-SV", 360, 740)]
    [InlineData("instructor@example.org", "en-US", 1366, 768)]
    [InlineData("coordinator@example.org", "es-SV", 360, 740)]
    [InlineData("coordinator@example.org", "en-US", 1366, 768)]
    [InlineData("manager.sv@example.org", "es-SV", 1366, 768)]
    [InlineData("manager.us@example.org", "en-US", 360, 740)]
    [InlineData("admin@example.org", "en-US", 1366, 768)]
    [InlineData("admin@example.org", "es-SV", 360, 740)]
    public async Task Should_have_no_wcag_violation_on_any_page_a_role_reaches(string email, string locale, int width, int height)
    {
        var page = await app.NewPageAsync(locale, width, height);
        await page.SignInAsync(email);
        var violations = new List<string>();
        var pages = await SiteCrawl.VisitAsync(page, 40, async address =>
        {
            // Nothing wider than the screen: tables scroll in their own box, text wraps (WCAG 1.4.10 reflow).
            var width = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            if (width[0] > width[1]) violations.Add($"{address}: the page is {width[0]} px wide on a {width[1]} px screen");
            var result = await page.RunAxe(Wcag22AA);
            foreach (var rule in result.Violations)
            {
                violations.Add($"{address}: {rule.Id} ({rule.Impact}) {rule.Help}: " +
                    string.Join(" | ", rule.Nodes.Take(3).Select(n => n.Target.ToString())) + " — " + string.Join("; ", rule.Nodes.First().Any.Concat(rule.Nodes.First().All).Select(c => c.Message)));
            }
        }, skip: path => path.StartsWith("/Admin/Jobs"), perKind: 1); // Hangfire's own dashboard: not Great's markup
        Assert.True(pages.Count >= 5, $"only {pages.Count} pages reached");
        Assert.True(violations.Count == 0, $"{violations.Count} violations on {pages.Count} pages:\n" + string.Join("\n", violations));
    }
}
