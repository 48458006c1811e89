using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Great.BrowserTests;

/// <summary>
/// An officer's pages on a 360×740 phone: nothing reaches past the screen's edge (a box that scrolls sideways keeps its
/// content inside it, and then says so); the class page shows every lesson of a 13-lesson grid and each student's status.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PhoneLayoutTests(BrowserFixture app) : BrowserTest(app)
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

    private sealed class Placed { public double Right { get; set; } public bool Boxed { get; set; } }

    [Theory]
    [InlineData("es-SV")]
    [InlineData("en-US")]
    public async Task Should_keep_my_classes_within_a_phones_width(string locale)
    {
        var page = await NewPageAsync(locale, Width, Height);
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
        var page = await NewPageAsync(locale, Width, Height);
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
        foreach (var cell in new[] { recorded.Locator(".attended:visible"), recorded.Locator("a[href*='/Lessons/Edit/']:visible") })
        {
            var box = await cell.BoundingBoxAsync();
            Assert.True(box is not null && box.X + box.Width <= Width, $"a recorded lesson's {await cell.TextContentAsync()} ends at {box?.X + box?.Width} px on a {Width} px phone");
        }
        // The lessons table itself needs no sideways swipe: Correct and Delete sit under the lesson's title.
        Assert.True(await page.Locator("#lessons").EvaluateAsync<bool>("t => t.closest('.table-responsive').scrollWidth <= t.closest('.table-responsive').clientWidth + 1"),
            "the lessons table scrolls sideways on a phone");
        // Any table still wider than its box says so above it, in the reader's language.
        var unsaid = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('.table-responsive')]
            .filter(b => b.scrollWidth > b.clientWidth + 1 && !(b.previousElementSibling?.classList.contains('scroll-hint') && !b.previousElementSibling.hidden))
            .map(b => b.querySelector('table')?.id ?? '?')");
        Assert.Empty(unsaid);

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"phone-class-{locale}.png"), FullPage = true });
    }

    [Fact]
    public async Task Should_fit_the_printable_certificates_to_a_phones_screen()
    {
        var classId = await app.DbAsync(db => db.Classes.Where(c => c.School.Code == "SV-10101" && c.Grade == "5" && c.Section == "A").Select(c => c.Id).SingleAsync());
        var page = await NewPageAsync("es-SV", Width, Height);
        await page.SignInAsync("instructor@example.org");
        await page.GotoAsync($"/Classes/Completion/{classId}?print=certificates");
        await page.Locator(".certificate-frame").First.WaitForAsync();
        var edge = await page.EvaluateAsync<Edge>(Widest);
        Assert.True(edge.Right <= Width, $"{edge.What} reaches {edge.Right} px on a {Width} px phone");
    }

    [Fact]
    public async Task Should_show_the_phone_menu_open_without_javascript()
    {
        await using var context = await app.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl, Locale = "es-SV", ViewportSize = new() { Width = Width, Height = Height }, JavaScriptEnabled = false,
        });
        var page = await context.NewPageAsync();
        await page.SignInAsync("coordinator@example.org");
        // No script: the button that would unfold the menu cannot, so the menu is shown unfolded and the button is not.
        Assert.False(await page.Locator(".navbar-toggler").IsVisibleAsync());
        var schools = page.Locator("#mainNav a[href='/Schools']").First;
        Assert.True(await schools.IsVisibleAsync());
        await schools.ClickAsync();
        await page.WaitForURLAsync("**/Schools");
    }

    [Theory]
    [InlineData("es-SV", "Informe para financiadores: El Salvador")]
    [InlineData("en-US", "Report for funders: El Salvador")]
    public async Task Should_reflow_the_report_pack_to_a_phones_width(string locale, string title)
    {
        var page = await NewPageAsync(locale, Width, Height);
        await page.SignInAsync("manager.sv@example.org");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        await page.GotoAsync($"/Reports?culture={locale[..2]}&kind=Custom&from={today.AddDays(-182):yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        await Assertions.Expect(page.Locator("#report-title")).ToHaveTextAsync(title);
        // The report is not one wide panel scrolled sideways: its title, buttons and charts lie within the screen, in no scroll box.
        foreach (var selector in new[] { "#report-title", "#download-excel", "[data-print]", "svg.report-chart" })
        {
            var placed = await page.Locator(selector).First.EvaluateAsync<Placed>("e => ({ right: e.getBoundingClientRect().right, boxed: !!e.closest('.table-responsive') })");
            Assert.True(placed.Right <= Width, $"{selector} reaches {placed.Right} px on a {Width} px phone");
            Assert.False(placed.Boxed, $"{selector} is in a box that scrolls sideways");
        }
        var edge = await page.EvaluateAsync<Edge>(Widest);
        Assert.True(edge.Right <= Width, $"{edge.What} reaches {edge.Right} px on a {Width} px phone");
    }

    [Theory]
    [InlineData("es-SV", "Hay más columnas a la derecha")]
    [InlineData("en-US", "More columns to the right")]
    public async Task Should_say_above_a_table_wider_than_the_phone_that_it_scrolls_and_nothing_above_one_that_fits(string locale, string hint)
    {
        var page = await NewPageAsync(locale, Width, Height);
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
