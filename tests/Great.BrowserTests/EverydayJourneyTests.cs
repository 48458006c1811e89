using System.IO.Compression;
using System.Text;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Great.BrowserTests;

/// <summary>
/// Each role's everyday job as a new user does it, counted: taps (clicks, choices in a list, a file chosen) and page
/// loads from the role's start page to the answer. The limits are what the job takes today (a lesson is recorded in
/// 5 taps): a change that adds a step fails here. Typing in a field is counted apart and not limited.
/// </summary>
[Collection(BrowserCollection.Name)]
public class EverydayJourneyTests(BrowserFixture app, ITestOutputHelper output) : BrowserTest(app)
{
    /// <summary>Counts what a person does on a page, and the pages that load for it.</summary>
    private sealed class Journey
    {
        private readonly IPage _page;
        public int Taps { get; private set; }
        public int Fields { get; private set; }
        public int Loads { get; private set; }

        public Journey(IPage page)
        {
            _page = page;
            page.Load += (_, _) => Loads++;
        }

        public async Task TapAsync(ILocator target) { Taps++; await target.ClickAsync(); }
        public async Task ChooseAsync(ILocator list, string value) { Taps++; await list.SelectOptionAsync(value); }
        public async Task ChooseFileAsync(ILocator input, FilePayload file) { Taps++; await input.SetInputFilesAsync(file); }
        public async Task TypeAsync(ILocator field, string text) { Fields++; await field.FillAsync(text); }

        public override string ToString() => $"{Taps} taps, {Fields} fields typed, {Loads} page loads, ending on {_page.Url}";
    }

    /// <summary>
    /// The user's own language is kept on the account and put in the culture cookie at sign-in. An English journey of a
    /// Spanish-speaking demo user changes this browser's cookie only (the language switch would change the account,
    /// shared with the other tests), outside the count.
    /// </summary>
    private async Task UseLanguageAsync(IPage page, string locale)
    {
        var language = locale[..2];
        if (await page.Locator("html").GetAttributeAsync("lang") == language) return;
        await page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = app.BaseUrl }]);
        await page.ReloadAsync();
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
    }

    [Theory]
    [InlineData("es-SV", "Lección 1 registrada (2 ausentes)")]
    [InlineData("en-US", "Lesson 1 recorded (2 absent)")]
    public async Task Should_record_a_lesson_on_a_phone_in_five_taps(string locale, string recorded)
    {
        var section = "J" + locale[..2].ToUpperInvariant();
        await app.NewOfficerClassAsync("ELEM", students: 8, section);
        var page = await NewPageAsync(locale, 360, 740);
        await page.SignInAsync("instructor@example.org");
        await page.WaitForURLAsync("**/Classes/Mine");
        await UseLanguageAsync(page, locale);

        var journey = new Journey(page);
        await journey.TapAsync(page.Locator("table.classes a", new() { HasText = $"9 {section}" }));
        await journey.TapAsync(page.Locator("#record-lesson"));
        await page.WaitForURLAsync("**/Lessons/Record/*");
        var rows = page.Locator(".attendance-row");
        await journey.TapAsync(rows.Nth(1));
        await journey.TapAsync(rows.Nth(4));
        await journey.TapAsync(page.Locator(".sticky-submit button"));
        await page.WaitForURLAsync("**/Classes/Details/*");
        Assert.Contains(recorded, await page.Locator(".alert-success").TextContentAsync());
        output.WriteLine($"Record a lesson ({locale}): {journey}");
        Assert.True(journey.Taps <= 5, $"recording a lesson took {journey}");
        Assert.True(journey.Loads <= 3, $"recording a lesson took {journey}");
    }

    [Theory]
    [InlineData("es-SV", "1 lección guardada en este teléfono")]
    [InlineData("en-US", "1 lesson kept on this phone")]
    public async Task Should_record_a_lesson_with_no_connection_by_tapping_from_my_classes_to_the_kept_form(string locale, string oneKept)
    {
        var section = "F" + locale[..2].ToUpperInvariant();
        var classId = await app.NewOfficerClassAsync("ELEM", students: 6, section);
        var page = await NewPageAsync(locale, 360, 740);
        await page.SignInAsync("instructor@example.org");
        await page.WaitForURLAsync("**/Classes/Mine");
        await UseLanguageAsync(page, locale);
        // At the station: the phone says its copy is ready. Then the connection goes.
        await page.EvaluateAsync("() => navigator.serviceWorker.ready.then(() => true)");
        await page.WaitForFunctionAsync("() => document.getElementById('phone').dataset.kit === 'ready'", null, new() { PollingInterval = 100 });
        // And the copy is in this page's language: the copy kept at sign-in, in the account's Spanish, is replaced (seen
        // once in ten runs: the English journey went offline on the Spanish copy).
        await page.Locator("#phone[data-settled=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Context.SetOfflineAsync(true);

        var journey = new Journey(page);
        await journey.TapAsync(page.Locator($"table.classes tr[data-class-id='{classId}'] a.record-link"));
        await page.WaitForURLAsync($"**/Lessons/Record/{classId}");
        await journey.TapAsync(page.Locator(".attendance-row").Nth(1));
        await journey.TapAsync(page.Locator(".sticky-submit button"));
        await page.Locator("#phone-message").Filter(new() { HasText = "1" }).WaitForAsync();
        Assert.Equal(0, await app.DbAsync(db => db.LessonDeliveries.CountAsync(d => d.ClassId == classId)));
        // Said once, in the singular: the page's message tells of the lesson kept; the count box, which says the same, waits hidden.
        var count = page.Locator("#phone [data-phone=waiting]");
        Assert.StartsWith(oneKept, await count.TextContentAsync());
        Assert.False(await count.IsVisibleAsync());
        output.WriteLine($"Record a lesson offline ({locale}): {journey}");
        Assert.True(journey.Taps <= 3, $"recording a lesson offline took {journey}");

        // Back online, it is sent, once.
        await page.Context.SetOfflineAsync(false);
        await page.Locator("#phone .phone-record[data-status=recorded]").WaitForAsync();
        await page.ReloadAsync();
        Assert.Equal(1, await app.DbAsync(db => db.LessonDeliveries.CountAsync(d => d.ClassId == classId)));
        Assert.Equal(5, await app.DbAsync(db => db.Attendance.CountAsync(a => a.Delivery.ClassId == classId && a.Present)));
    }

    [Theory]
    [InlineData("es-SV", "La fecha de la lección no puede ser futura.", "Hay un problema")]
    [InlineData("en-US", "The lesson date cannot be in the future.", "There is a problem")]
    public async Task Should_show_a_refused_phone_save_beside_its_field_and_record_nothing(string locale, string refusal, string problem)
    {
        var section = "R" + locale[..2].ToUpperInvariant();
        var classId = await app.NewOfficerClassAsync("ELEM", students: 4, section);
        var page = await NewPageAsync(locale, 360, 740);
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.SignInAsync("instructor@example.org");
        await page.WaitForURLAsync("**/Classes/Mine");
        await UseLanguageAsync(page, locale);
        await page.GotoAsync($"/Lessons/Record/{classId}");
        await page.Locator("#phone[data-kit]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // A date after today: the server refuses it (the phone form sends everything through the server's rules).
        var tomorrow = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(2);
        await page.Locator("#TaughtOn").FillAsync(tomorrow.ToString("yyyy-MM-dd"));
        await page.Locator(".sticky-submit button").ClickAsync();
        await Assertions.Expect(page.Locator(".phone-field-error[data-for=TaughtOn]")).ToHaveTextAsync(refusal);
        await Assertions.Expect(page.Locator("#error-summary")).ToContainTextAsync(problem);
        await Assertions.Expect(page.Locator("#error-summary")).ToContainTextAsync(refusal);
        Assert.Equal("true", await page.Locator("#TaughtOn").GetAttributeAsync("aria-invalid"));
        Assert.Equal(0, await app.DbAsync(db => db.LessonDeliveries.CountAsync(d => d.ClassId == classId)));
        // No script error on the form, nor on the class page the officer came from.
        await page.GotoAsync($"/Classes/Details/{classId}");
        await page.Locator("#record-lesson").WaitForAsync();
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("es-SV", "Este archivo retiraría a 4 estudiantes de clases en curso.", "Elija si mantiene o retira")]
    [InlineData("en-US", "This file would withdraw 4 students from classes under way.", "Choose whether to keep or withdraw")]
    public async Task Should_not_import_a_file_that_withdraws_students_from_a_class_under_way_without_a_choice_that_names_them(string locale, string warning, string choose)
    {
        // A grade-7 class of the coordinator's school, three lessons in, whose four students the school's file no longer has.
        var section = "U" + locale[..2].ToUpperInvariant();
        var classId = await app.NewOfficerClassAsync("MS", students: 4, section, officerEmail: "instructor@example.org", schoolCode: "SV-10102", grade: "7");
        await app.DbAsync(async db =>
        {
            var schoolClass = await db.Classes.Include(c => c.School.Region).Include(c => c.Enrollments).Include(c => c.PlannedLessons).Include(c => c.Deliveries)
                .SingleAsync(c => c.Id == classId);
            var officer = await db.Instructors.Include(i => i.Certifications).SingleAsync(i => i.Email == "instructor@example.org");
            var today = schoolClass.School.Region.Today(app.Clock);
            foreach (var planned in schoolClass.PlannedLessons.OrderBy(p => p.LessonNumber).Take(3))
            {
                schoolClass.RecordLesson(planned.LessonNumber, 13, planned.PlannedOn, officer, today, schoolClass.Enrollments.Select(e => e.Id).ToHashSet(), null, app.Clock.GetUtcNow());
            }
            await db.SaveChangesAsync();
            return 0;
        });
        var page = await NewPageAsync(locale);
        await page.SignInAsync("coordinator@example.org");
        await page.WaitForURLAsync("**/Schools");
        await UseLanguageAsync(page, locale);
        var schoolId = await app.DbAsync(db => db.Schools.Where(s => s.Code == "SV-10102").Select(s => s.Id).SingleAsync());
        await page.GotoAsync($"/Schools/ImportOneRoster/{schoolId}");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "oneroster.zip", MimeType = "application/zip", Buffer = OneRosterZip("7" + section) });
        await page.Locator("#upload button[type=submit]").ClickAsync();
        await page.Locator("#class-mapping").WaitForAsync();

        // The file's 7 U… is suggested the class under way: its four students are named, with what they attended.
        var under = page.Locator("#withdrawals-under-way");
        await Assertions.Expect(under.Locator("legend")).ToHaveTextAsync(warning);
        Assert.Equal(4, await under.Locator("li[data-student]").CountAsync());
        await Assertions.Expect(under.Locator("li[data-student]").First).ToContainTextAsync($"Alumno{section}");
        await page.Locator("button[formaction*=Confirm]").ClickAsync();
        await Assertions.Expect(page.Locator("#error-summary")).ToContainTextAsync(choose);
        Assert.Equal(4, await app.DbAsync(db => db.Enrollments.CountAsync(e => e.ClassId == classId && e.WithdrawnOn == null)));

        // Kept: the new students join, the four stay.
        await page.Locator("#withdrawals-keep").CheckAsync();
        await page.Locator("button[formaction*=Confirm]").ClickAsync();
        await page.WaitForURLAsync($"**/Classes/Details/{classId}");
        Assert.Equal(7, await app.DbAsync(db => db.Enrollments.CountAsync(e => e.ClassId == classId && e.WithdrawnOn == null)));
    }

    [Theory]
    [InlineData("es-SV")]
    [InlineData("en-US")]
    public async Task Should_enrol_a_class_from_a_oneroster_file_and_land_on_it(string locale)
    {
        var code = "7" + locale[..2].ToUpperInvariant();
        var page = await NewPageAsync(locale);
        await page.SignInAsync("coordinator@example.org");
        await page.WaitForURLAsync("**/Schools");
        await UseLanguageAsync(page, locale);

        var journey = new Journey(page);
        await journey.TapAsync(page.Locator("main h2 a", new() { HasText = "Complejo Educativo Colonia Escalón" }));
        await page.WaitForURLAsync("**/Schools/Details/*");
        await journey.TapAsync(page.Locator("a[href^='/Schools/ImportOneRoster/']"));
        await page.WaitForURLAsync("**/Schools/ImportOneRoster/*");
        await journey.ChooseFileAsync(page.Locator("#file"), new FilePayload { Name = "oneroster.zip", MimeType = "application/zip", Buffer = OneRosterZip(code) });
        await journey.TapAsync(page.Locator("#upload button[type=submit]"));
        await page.Locator("#class-mapping").WaitForAsync();
        await journey.TapAsync(page.Locator("button[formaction*=Confirm]"));
        await page.WaitForURLAsync("**/Classes/Details/*");
        // The coordinator is on the class just filled, its students in its grid.
        Assert.Contains($"7 {code[1..]}", await page.Locator("h1").TextContentAsync());
        Assert.Equal(3, await page.Locator("#progress-grid tbody tr").CountAsync());
        output.WriteLine($"Enrol a class from OneRoster ({locale}): {journey}");
        Assert.True(journey.Taps <= 5, $"enrolling from a OneRoster file took {journey}");
        Assert.True(journey.Loads <= 4, $"enrolling from a OneRoster file took {journey}");
    }

    /// <summary>A OneRoster 1.1 export of the coordinator's school SV-10102 with one grade-7 class of three students (code 7ES: section ES).</summary>
    private static byte[] OneRosterZip(string code)
    {
        var files = new Dictionary<string, string>
        {
            ["manifest.csv"] = "propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.1\r\nfile.orgs,bulk\r\nfile.classes,bulk\r\nfile.users,bulk\r\nfile.enrollments,bulk\r\n",
            ["orgs.csv"] = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\norg-j,,,Complejo Educativo Colonia Escalón,school,SV-10102,\r\n",
            ["classes.csv"] = "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\r\n" +
                $"cls-{code},,,Orientación {code},07,crs-1,{code},homeroom,,org-j,term-1,,,\r\n",
            ["users.csv"] = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\r\n" +
                string.Concat(Enumerable.Range(1, 3).Select(n => $"u-{code}-{n},,,true,org-j,student,u{n},,Alumna{n},Journey,,{code}-{n},,,,,07,\r\n")),
            ["enrollments.csv"] = "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\r\n" +
                string.Concat(Enumerable.Range(1, 3).Select(n => $"e-{code}-{n},,,cls-{code},org-j,u-{code}-{n},student,false,,\r\n")),
        };
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return zip.ToArray();
    }

    [Theory]
    [InlineData("es-SV", "Con retraso")]
    [InlineData("en-US", "Behind")]
    public async Task Should_answer_are_we_on_track_and_who_is_behind_from_the_managers_start_page(string locale, string behind)
    {
        // A school far from a target of its own, so that one is behind.
        var schoolId = await app.DbAsync(async db =>
        {
            var school = await db.Schools.Include(s => s.Region).SingleAsync(s => s.Code == "SV-10101");
            var year = school.Region.SchoolYearOf(school.Region.Today(app.Clock));
            if (!await db.ReachTargets.AnyAsync(t => t.SchoolId == school.Id && t.SchoolYear == year && t.ComponentCode == "MS"))
                db.ReachTargets.Add(new ReachTarget { RegionId = school.RegionId, SchoolId = school.Id, SchoolYear = year, ComponentCode = "MS", StudentsToComplete = 50_000 });
            await db.SaveChangesAsync();
            return school.Id;
        });
        await app.RunFullRollupAsync();
        var page = await NewPageAsync(locale);
        await page.SignInAsync("manager.sv@example.org");
        await page.WaitForURLAsync("**/Reach**");
        await UseLanguageAsync(page, locale);

        var journey = new Journey(page);
        // "Are we on track?": each component says so in words on the start page, with no tap.
        Assert.True(await page.Locator("#reach-components [data-figure=pace]").CountAsync() > 0);
        Assert.NotNull(await page.Locator("#schools-behind").TextContentAsync());
        // "Who is behind?": one tap lists only the schools behind, furthest behind first.
        await journey.TapAsync(page.Locator("#only-behind"));
        await page.WaitForURLAsync("**behind=true**");
        var first = page.Locator("#region-schools tbody tr").First;
        Assert.Equal(schoolId.ToString(), await first.GetAttributeAsync("data-school-id"));
        Assert.Contains(behind, await first.Locator("[data-figure=pace]").TextContentAsync());
        output.WriteLine($"Are we on track, who is behind ({locale}): {journey}");
        Assert.True(journey.Taps <= 1, $"finding the schools behind took {journey}");
        Assert.True(journey.Loads <= 1, $"finding the schools behind took {journey}");
    }

    [Theory]
    [InlineData("en-US", "Regional manager")]
    [InlineData("es-SV", "Gerente regional")]
    public async Task Should_create_a_user_and_then_edit_them(string locale, string role)
    {
        var email = $"journey.{locale[..2]}@example.org";
        var page = await NewPageAsync(locale);
        await page.SignInAsync("admin@example.org");
        await page.WaitForURLAsync("**/Admin**");
        await UseLanguageAsync(page, locale);

        var journey = new Journey(page);
        await journey.TapAsync(page.Locator("a[href='/Admin/Users/Create']"));
        await page.WaitForURLAsync("**/Admin/Users/Create");
        await journey.TypeAsync(page.Locator("#Input_Email"), email);
        await journey.TypeAsync(page.Locator("#Input_DisplayName"), "Marta Journey");
        var roleValue = await page.Locator("#Input_Role option", new() { HasText = role }).GetAttributeAsync("value");
        await journey.ChooseAsync(page.Locator("#Input_Role"), roleValue!);
        var region = await page.Locator("#Input_RegionId option", new() { HasText = "El Salvador" }).GetAttributeAsync("value");
        await journey.ChooseAsync(page.Locator("#Input_RegionId"), region!);
        await journey.TapAsync(page.Locator("main form button[type=submit]"));
        await page.WaitForURLAsync("**/Admin");
        await journey.TapAsync(page.Locator("a", new() { HasText = email }));
        await page.WaitForURLAsync("**/Admin/Users/Edit/*");
        await journey.TypeAsync(page.Locator("#Input_DisplayName"), "Marta Journey Ruiz");
        await journey.TapAsync(page.Locator("main form button[type=submit]"));
        await page.WaitForURLAsync("**/Admin");
        Assert.Contains("Marta Journey Ruiz", await page.Locator("tr", new() { HasText = email }).TextContentAsync());
        output.WriteLine($"Create and edit a user ({locale}): {journey}");
        Assert.True(journey.Taps <= 6, $"creating and editing a user took {journey}");
        Assert.True(journey.Loads <= 4, $"creating and editing a user took {journey}");
    }
}
