using Microsoft.Playwright;

namespace Great.BrowserTests;

/// <summary>
/// An officer's pages on a 360×740 phone: nothing reaches past the screen's edge (a box that scrolls sideways keeps its
/// content inside it, and then says so); the class page shows every lesson of a 13-lesson grid and each student's status.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PhoneLayoutTests(BrowserFixture app)
{
    private const int Width = 360, Height = 740;

    /// <summary>The right edge of whatever sticks out furthest, and what it is: elements inside a box that scrolls sideways count as the box.</summary>
    private const string Widest = @"() => {
        let right = 0, what = '';
        for (const e of document.querySelectorAll('body *')) {
            if (e.closest('.table-responsive') && !e.classList.contains('table-responsive')) continue;
            const r = e.getBoundingClientRect();
            if (r.width === 0 || getComputedStyle(e).visibility === 'hidden') continue;
            if (r.right > right) { right = r.right; what = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''); }
        }
        return { right: Math.round(right), what };
    }";

    private sealed class Edge { public int Right { get; set; } public string What { get; set; } = ""; }

    [Theory]
    [InlineData("es-SV")]
    [InlineData("en-US")]
    public async Task Should_keep_my_classes_within_a_phones_width(string locale)
    {
        var page = await app.NewPageAsync(locale, Width, Height);
        await page.SignInAsync("instructor@example.org");
        await page.GotoAsync($"/Classes/Mine?culture={locale[..2]}");
        var edge = await page.EvaluateAsync<Edge>(Widest);
        Assert.True(edge.Right <= Width, $"{edge.What} reaches {edge.Right} px on a {Width} px phone");
    }

    [Theory]
    [InlineData("es-SV")]
    [InlineData("en-US")]
    public async Task Should_show_every_lesson_and_the_status_of_a_13_lesson_class_on_a_phone_and_say_when_a_table_scrolls(string locale)
    {
        var page = await app.NewPageAsync(locale, Width, Height);
        await page.SignInAsync("instructor@example.org");
        await page.GotoAsync($"/Classes/Mine?culture={locale[..2]}");
        await page.Locator("table.classes a", new() { HasText = "6 B" }).First.ClickAsync();
        await page.WaitForURLAsync("**/Classes/Details/*");
        var edge = await page.EvaluateAsync<Edge>(Widest);
        Assert.True(edge.Right <= Width, $"{edge.What} reaches {edge.Right} px on a {Width} px phone");

        // The grid: lesson 13 and the status column are on screen without scrolling.
        var grid = page.Locator("#progress-grid");
        foreach (var cell in new[] { "thead th:has-text('13')", "tbody tr:first-child .status:visible" })
        {
            var box = await grid.Locator(cell).First.BoundingBoxAsync();
            Assert.True(box is not null && box.X + box.Width <= Width, $"{cell} ends at {box?.X + box?.Width} px on a {Width} px phone");
        }
        await page.Locator("#lessons").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"phone-lessons-{locale}.png") });
        // The lessons: the attendance and the Correct link of a recorded lesson are on screen too.
        var recorded = page.Locator("#lessons tbody tr", new() { Has = page.Locator("a[href*='/Lessons/Edit/']") }).First;
        foreach (var cell in new[] { recorded.Locator(".attended:visible"), recorded.Locator("a[href*='/Lessons/Edit/']") })
        {
            var box = await cell.BoundingBoxAsync();
            Assert.True(box is not null && box.X + box.Width <= Width, $"a recorded lesson's {await cell.TextContentAsync()} ends at {box?.X + box?.Width} px on a {Width} px phone");
        }
        // Any table still wider than its box says so above it, in the reader's language.
        var unsaid = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('.table-responsive')]
            .filter(b => b.scrollWidth > b.clientWidth + 1 && !(b.previousElementSibling?.classList.contains('scroll-hint') && !b.previousElementSibling.hidden))
            .map(b => b.querySelector('table')?.id ?? '?')");
        Assert.Empty(unsaid);

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"phone-class-{locale}.png"), FullPage = true });
    }

    [Theory]
    [InlineData("es-SV", "Hay más columnas a la derecha")]
    [InlineData("en-US", "More columns to the right")]
    public async Task Should_say_above_a_table_wider_than_the_phone_that_it_scrolls_and_nothing_above_one_that_fits(string locale, string hint)
    {
        var page = await app.NewPageAsync(locale, Width, Height);
        await page.SignInAsync("coordinator@example.org");
        await page.GotoAsync($"/Schools?culture={locale[..2]}");
        // The coordinator's own language is Spanish: the English case asks for English on each page.
        var school = await page.Locator("main h2 a[href^='/Schools/Details/']").First.GetAttributeAsync("href");
        await page.GotoAsync($"{school}?culture={locale[..2]}");
        // The school's classes (class, instructor, students, progress, next lesson) do not fit 360 pixels.
        var box = page.Locator(".table-responsive", new() { Has = page.Locator("table.classes") }).First;
        Assert.True(await box.EvaluateAsync<bool>("b => b.scrollWidth > b.clientWidth + 1"), "the classes table scrolls on a phone");
        var said = page.Locator(".scroll-hint:visible").First;
        Assert.StartsWith(hint, await said.TextContentAsync());
        Assert.True(await said.EvaluateAsync<bool>("(h, b) => h.nextElementSibling === b", await box.ElementHandleAsync()));

        // At a desk the same table fits, and the hint goes.
        await page.SetViewportSizeAsync(1366, 768);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.scroll-hint')].every(h => h.hidden)");
        Assert.Equal(0, await page.Locator(".scroll-hint:visible").CountAsync());
    }
}
