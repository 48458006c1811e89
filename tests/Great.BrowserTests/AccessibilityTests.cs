using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Great.BrowserTests;

/// <summary>
/// WCAG 2.2 A and AA, as axe-core checks them, on every page each role reaches, in English and Spanish, on a phone
/// (360×740) and at a desk (1366×768): any violation fails, with the page, the rule and the elements; so does a page
/// wider than the screen, and anything Great's Content-Security-Policy blocks (the page would be broken for real users).
/// The keyboard journeys do each everyday task with key presses alone.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AccessibilityTests(BrowserFixture app, Xunit.Abstractions.ITestOutputHelper output) : BrowserTest(app)
{
    private static readonly AxeRunOptions Wcag22AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
        // Every rule still runs; only the violations' elements are described (a selector for each passing element is most of axe's time).
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>Presses Tab until an element <paramref name="selector"/> (holding <paramref name="text"/>) has the focus, which must show.</summary>
    private static async Task TabToAsync(IPage page, string selector, string text = "", int most = 120)
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

    // Space on the focused file field opens the chooser. On a loaded CI machine Chromium once let the key pass without
    // opening it (the field had the focus, 30 s went by with no chooser); the key is pressed again, at most three
    // times, each time only while the field still has the focus, so a field the keyboard cannot open still fails.
    private static async Task<IFileChooser> OpenFileChooserWithSpaceAsync(IPage page)
    {
        for (var attempt = 1; ; attempt++)
        {
            Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement?.type === 'file'"), "the file field has the focus");
            try
            {
                return await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Space"), new() { Timeout = 10_000 });
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    [Fact]
    public async Task Should_let_an_officer_record_a_lesson_with_the_keyboard_alone()
    {
        var page = await NewPageAsync("es-SV", 360, 740);
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

    /// <summary>On a focused list, the arrow keys move to the option holding <paramref name="text"/> (as a person would, without opening it).</summary>
    private static async Task ChooseWithArrowsAsync(IPage page, string text)
    {
        var (from, to) = await page.EvaluateAsync<int[]>("t => { const s = document.activeElement; return [s.selectedIndex, [...s.options].findIndex(o => o.text.includes(t))]; }", text)
            is [var a, var b] ? (a, b) : default;
        Assert.True(to >= 0, $"no option holds {text}");
        for (var i = from; i != to; i += Math.Sign(to - from)) await page.Keyboard.PressAsync(to > from ? "ArrowDown" : "ArrowUp");
        Assert.Contains(text, await page.EvaluateAsync<string>("() => document.activeElement.selectedOptions[0].text"));
    }

    private static Task<string> FocusedIdAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement.id");

    /// <summary>A class of a coordinator's school, with no officer, for one test alone.</summary>
    private async Task<int> NewClassAsync(string schoolCode, string component, string grade, string section, int students)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GreatDbContext>();
        var curriculum = scope.ServiceProvider.GetRequiredService<CurriculumCatalogue>();
        var school = await db.Schools.Include(s => s.Region).SingleAsync(s => s.Code == schoolCode);
        var today = school.Region.Today(app.Clock);
        var schoolClass = SchoolClass.Create(school, component, curriculum.CurrentEdition(component)!.Edition, school.Region.SchoolYearOf(today), grade, section, null);
        for (var n = 1; n <= students; n++)
        {
            schoolClass.Enroll(new Student { School = school, SchoolId = school.Id, GivenName = $"Estudiante{section}{n:00}", FamilyInitial = "Q" }, today);
        }
        db.Classes.Add(schoolClass);
        await db.SaveChangesAsync();
        return schoolClass.Id;
    }

    [Fact]
    public async Task Should_keep_the_first_column_in_view_when_a_wide_table_scrolls_on_a_phone()
    {
        int schoolId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            schoolId = await scope.ServiceProvider.GetRequiredService<GreatDbContext>().Schools.Where(s => s.Code == "SV-10101").Select(s => s.Id).SingleAsync();
        }
        var page = await NewPageAsync("es-SV", Phone.Width, Phone.Height);
        await page.SignInAsync("coordinator@example.org");
        // A school's classes (class, instructor, students, progress, next lesson) do not fit a phone; the 13-lesson grid now does.
        await page.GotoAsync($"/Schools/Details/{schoolId}");
        var box = page.Locator(".table-responsive", new() { Has = page.Locator("table.classes") }).First;
        Assert.True(await box.EvaluateAsync<bool>("b => b.scrollWidth > b.clientWidth"), "a school's classes do not fit on a 360-pixel phone: the table scrolls");

        await box.EvaluateAsync("b => { b.scrollLeft = b.scrollWidth; }");
        var first = page.Locator("table.classes tbody tr").First.Locator(":scope > :first-child");
        var name = await first.BoundingBoxAsync();
        var boxLeft = (await box.BoundingBoxAsync())!.X;
        // Scrolled 100 and more pixels, the class has not moved with the other columns: it is still at the box's left edge
        // (within a few pixels: Chromium lets a sticky table cell's padding pass the edge).
        Assert.True(await box.EvaluateAsync<int>("b => b.scrollLeft") > 100);
        Assert.True(Math.Abs(name!.X - boxLeft) < 10 && name.X + name.Width > boxLeft + 20, $"the class stays at the box's left edge ({name.X} against {boxLeft})");
        Assert.Contains("·", await first.TextContentAsync());
    }

    [Fact]
    public async Task Should_let_a_coordinator_import_a_roster_with_the_keyboard_alone()
    {
        var classId = await NewClassAsync("SV-10102", "ELEM", "3", "KB", students: 0);
        var page = await NewPageAsync("es-SV", Desk.Width, Desk.Height);
        await page.SignInAsync("coordinator@example.org");
        await page.GotoAsync($"/Classes/Roster/{classId}");

        await TabToAsync(page, "a[href$='/Classes/Import/" + classId + "']", "Importar un archivo CSV");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/Classes/Import/*");
        await TabToAsync(page, "#file");
        var chooser = await OpenFileChooserWithSpaceAsync(page);
        await chooser.SetFilesAsync(new FilePayload
        {
            Name = "3KB.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("given_name,family_name,student_id\nIrene,Guardado,KB-1\nTomás,Ábrego,KB-2\n"),
        });
        await TabToAsync(page, "#upload button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#import-preview").WaitForAsync();
        await TabToAsync(page, "#confirm-import button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/Classes/Roster/*");
        Assert.Equal(2, await page.Locator("#roster tbody tr").CountAsync());
        Assert.Contains("Tomás Á.", await page.Locator("#roster").TextContentAsync());
    }

    [Fact]
    public async Task Should_let_a_manager_grant_a_certification_with_the_keyboard_alone()
    {
        var page = await NewPageAsync("es-SV", Desk.Width, Desk.Height);
        await page.SignInAsync("manager.sv@example.org");
        await page.GotoAsync("/Instructors");
        await TabToAsync(page, "a[href^='/Instructors/Details/']", "Alvarado Cruz, María José");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/Instructors/Details/*");
        await TabToAsync(page, "a[href^='/Instructors/Grant/']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/Instructors/Grant/*");

        await TabToAsync(page, "#Input_ComponentCode");
        await ChooseWithArrowsAsync(page, "Vacaciones");
        await TabToAsync(page, "main button[type=submit]", "Otorgar");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/Instructors/Details/*");
        Assert.Contains("Vacaciones", await page.Locator(".alert-success").TextContentAsync());
    }

    [Fact]
    public async Task Should_let_a_manager_set_a_target_with_the_keyboard_alone_and_reach_a_field_from_its_error()
    {
        var page = await NewPageAsync("es-SV", Desk.Width, Desk.Height);
        await page.SignInAsync("manager.sv@example.org");
        await page.WaitForURLAsync("**/Reach**");
        await TabToAsync(page, "a[href*='/Reach/Targets']", "Metas");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/Reach/Targets**");

        // Sent with nothing chosen: the summary of errors takes the focus, and its first link takes it to the field.
        await TabToAsync(page, "#Input_StudentsToComplete");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#error-summary").WaitForAsync();
        Assert.Equal("error-summary", await FocusedIdAsync(page));
        await page.Keyboard.PressAsync("Tab");
        // The errors in the form's order: the component comes first.
        Assert.Equal("#Input_ComponentCode", await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('href')"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("Input_ComponentCode", await FocusedIdAsync(page));
        Assert.Equal("true", await page.Locator("#Input_ComponentCode").GetAttributeAsync("aria-invalid"));

        await ChooseWithArrowsAsync(page, "Vacaciones");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Input_SchoolId", await FocusedIdAsync(page));
        await ChooseWithArrowsAsync(page, "Centro Escolar Las Margaritas");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("30");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".alert-success").WaitForAsync();
        var saved = page.Locator("#targets tbody tr").Filter(new() { HasText = "Centro Escolar Las Margaritas" }).Filter(new() { HasText = "Vacaciones" });
        Assert.Equal("30", (await saved.Locator("td.text-end").TextContentAsync())!.Trim());
    }

    private static readonly (int Width, int Height) Phone = (360, 740), Desk = (1366, 768);

    [Fact]
    public async Task Should_find_a_violation_when_a_page_has_one()
    {
        // The check the crawl relies on, shown to see: grey text on white and an image without a text alternative.
        var page = await NewPageAsync("en-US", Phone.Width, Phone.Height);
        await page.GotoAsync("/Accessibility");
        await page.EvaluateAsync("""
            () => {
                const p = document.createElement('p'); p.textContent = 'Faint words'; p.style.color = '#c8c8c8'; p.style.background = '#fff';
                const img = document.createElement('img'); img.src = '/icons/great-192.png';
                document.querySelector('main').append(p, img);
            }
            """);
#pragma warning disable CS0618 // as in the crawl
        var result = await page.Locator("html").RunAxeLegacy(Wcag22AA);
#pragma warning restore CS0618
        Assert.Equal(["color-contrast", "image-alt"], result.Violations.Select(v => v.Id).Order().ToArray());
    }

    /// <summary>
    /// Each role in each language: every page it reaches, on a phone and then at a desk (the same page, resized),
    /// checked by axe-core; on the phone, nothing wider than the screen. Chromium also reports anything the
    /// Content-Security-Policy blocked on the way, the Hangfire dashboard's pages included (not Great's markup, so
    /// axe leaves them alone).
    /// </summary>
    [Theory]
    [InlineData("instructor@example.org", "es-SV")]
    [InlineData("instructor@example.org", "en-US")]
    [InlineData("coordinator@example.org", "es-SV")]
    [InlineData("coordinator@example.org", "en-US")]
    [InlineData("manager.sv@example.org", "es-SV")]
    [InlineData("manager.us@example.org", "en-US")]
    [InlineData("admin@example.org", "en-US")]
    [InlineData("admin@example.org", "es-SV")]
    public async Task Should_pass_wcag_and_block_nothing_on_every_page_a_role_reaches_on_a_phone_and_a_desk(string email, string locale)
    {
        var page = await NewPageAsync(locale, Phone.Width, Phone.Height);
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy")) problems.Add($"{page.Url}: blocked: {message.Text}");
        };
        await page.SignInAsync(email);
        var checkedPages = 0;
        var time = System.Diagnostics.Stopwatch.StartNew();
        var pages = await SiteCrawl.VisitAsync(page, 60, async address =>
        {
            if (address.StartsWith("/Admin/Jobs")) return; // Hangfire's own dashboard: only the policy is checked there
            checkedPages++;
            // Nothing wider than the screen: tables scroll in their own box, text wraps (WCAG 1.4.10 reflow).
            var width = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            if (width[0] > width[1]) problems.Add($"{address}: the page is {width[0]} px wide on a {width[1]} px screen");
            foreach (var (size, name) in new[] { (Phone, "phone"), (Desk, "desk") })
            {
                await page.SetViewportSizeAsync(size.Width, size.Height);
                // axe-core run in the page itself, over the whole document (<html>: its page-level rules run too). Great's
                // pages have no frames, so the library's isolated finishing page (a new page for every run, most of its
                // time) has nothing to add.
#pragma warning disable CS0618 // "legacy" mode: axe.run in the page, which is what axe-core itself offers; see ADR-014
                var result = await page.Locator("html").RunAxeLegacy(Wcag22AA);
#pragma warning restore CS0618
                foreach (var rule in result.Violations)
                {
                    problems.Add($"{address} ({name}): {rule.Id} ({rule.Impact}) {rule.Help}: " +
                        string.Join(" | ", rule.Nodes.Take(3).Select(n => n.Target.ToString())) + " — " + string.Join("; ", rule.Nodes.First().Any.Concat(rule.Nodes.First().All).Select(c => c.Message)));
                }
            }
            await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        }, perKind: 1);
        output.WriteLine($"{email} {locale}: {checkedPages} pages checked at both sizes ({pages.Count} visited) in {time.Elapsed.TotalSeconds:N0} s");
        Assert.True(checkedPages >= 5, $"only {checkedPages} pages reached");
        Assert.True(problems.Count == 0, $"{problems.Count} problems on {pages.Count} pages:\n" + string.Join("\n", problems));
    }
}
