using System.Net;
using AngleSharp.Html.Dom;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Privacy;

/// <summary>The guardians' consent register: by hand, for a whole class, from the roster import; and what a refusal keeps a name out of.</summary>
public class ConsentTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    private async Task<(HttpClient Browser, int ClassId)> CoordinatorAsync(string key)
    {
        var browser = await app.SignedInAsync(DemoAccounts.Coordinator, "es");
        var (grade, section) = key switch { "SV-01" => ("5", "A"), "SV-02" => ("6", "B"), _ => ("5", "B") };
        var id = await app.QueryAsync(db => db.Classes.Where(c => c.School.Code == "SV-10101" && c.Grade == grade && c.Section == section).Select(c => c.Id).SingleAsync());
        return (browser, id);
    }

    private Task<List<StudentConsent>> ConsentsAsync(int classId) => app.QueryAsync(db => db.StudentConsents.AsNoTracking()
        .Where(c => db.Enrollments.Any(e => e.ClassId == classId && e.StudentId == c.StudentId)).ToListAsync());

    /// <summary>The register's field for one student's answer to one question.</summary>
    private static async Task<string> FieldOfAsync(HttpClient browser, int classId, int studentId, ConsentKind kind)
    {
        var page = await browser.GetDocumentAsync($"/Classes/Consent/{classId}");
        var select = page.QuerySelector($"#consents tr[data-student='{studentId}'] select[data-kind='{kind}']") as IHtmlSelectElement;
        return select!.Name!;
    }

    [Fact]
    public async Task Should_record_an_answer_by_hand_with_its_day_and_who_recorded_it_and_show_it_on_the_roster_and_the_grid()
    {
        var (browser, classId) = await CoordinatorAsync("SV-02");
        var studentId = await app.QueryAsync(db => db.Enrollments.Where(e => e.ClassId == classId).OrderBy(e => e.Id).Select(e => e.StudentId).FirstAsync());
        var field = await FieldOfAsync(browser, classId, studentId, ConsentKind.TakePart);

        var saved = await browser.SubmitAsync($"/Classes/Consent/{classId}",
            new Dictionary<string, string> { [field] = "Refused", ["AnsweredOn"] = "2026-02-03" }, "form#consent-register");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var consent = Assert.Single(await app.QueryAsync(db => db.StudentConsents.Where(c => c.StudentId == studentId).ToListAsync()));
        Assert.Equal((ConsentKind.TakePart, ConsentStatus.Refused, new DateOnly(2026, 2, 3), DemoAccounts.Coordinator),
            (consent.Kind, consent.Status, consent.AnsweredOn, consent.RecordedBy));
        var enrollment = await app.QueryAsync(db => db.Enrollments.Where(e => e.ClassId == classId && e.StudentId == studentId).Select(e => e.Id).SingleAsync());
        var roster = await browser.GetDocumentAsync($"/Classes/Roster/{classId}");
        Assert.Equal("Refused", roster.QuerySelector($"a[href='/Classes/Enrollment/{enrollment}']")!.Closest("tr")!
            .QuerySelector("[data-consent=TakePart]")!.GetAttribute("data-status"));
        var grid = await browser.GetDocumentAsync($"/Classes/Details/{classId}");
        var badge = grid.QuerySelector($"#progress-grid tr[data-enrollment='{enrollment}'] [data-consent=TakePart]")!;
        Assert.Contains("Rechazado", badge.TextContent);
    }

    [Fact]
    public async Task Should_give_the_whole_class_one_answer_leaving_those_answered_alone()
    {
        var (browser, classId) = await CoordinatorAsync("SV-02");
        var students = await app.QueryAsync(db => db.Enrollments.Where(e => e.ClassId == classId && e.WithdrawnOn == null).Select(e => e.StudentId).ToListAsync());
        var first = students.Min();
        var field = await FieldOfAsync(browser, classId, first, ConsentKind.Photos);
        await browser.SubmitAsync($"/Classes/Consent/{classId}", new Dictionary<string, string> { [field] = "Refused" }, "form#consent-register");

        var applied = await browser.SubmitAsync($"/Classes/Consent/{classId}",
            new Dictionary<string, string> { ["AllKind"] = "Photos", ["AllStatus"] = "Given" }, "form#consent-all");
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);

        var photos = (await ConsentsAsync(classId)).Where(c => c.Kind == ConsentKind.Photos).ToDictionary(c => c.StudentId, c => c.Status);
        Assert.Equal(students.Order(), photos.Keys.Order());
        Assert.Equal(ConsentStatus.Refused, photos[first]);
        Assert.All(students.Where(s => s != first), s => Assert.Equal(ConsentStatus.Given, photos[s]));
    }

    [Fact]
    public async Task Should_refuse_a_day_after_today_in_spanish_and_change_nothing()
    {
        var (browser, classId) = await CoordinatorAsync("SV-02");
        var before = await ConsentsAsync(classId);
        var refused = await browser.SubmitAsync($"/Classes/Consent/{classId}",
            new Dictionary<string, string> { ["AllKind"] = "Surveys", ["AllStatus"] = "Given", ["AnsweredOn"] = "2099-01-01", ["OnlyUnanswered"] = "false" }, "form#consent-all");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("El día de la respuesta debe estar entre 2000 y hoy.", (await Forms.ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(before.Count, (await ConsentsAsync(classId)).Count);
    }

    [Fact]
    public async Task Should_take_the_answers_from_the_roster_file_and_refuse_a_file_with_an_unreadable_answer()
    {
        var (browser, classId) = await CoordinatorAsync("SV-05");
        var bad = Uploads.Utf8("given_name,family_name,student_id,consent_take_part,consent_photos\nLucía,Rivas,C-1,sí,no\nMarco,Díaz,C-2,quizás,\nIrene,Soto,C-3,,talvez\n");
        var refused = await browser.UploadAsync($"/Classes/Import/{classId}", "consent.csv", bad);
        var lines = (await Forms.ParseAsync(refused)).QuerySelectorAll("#import-errors li").Select(li => li.GetAttribute("data-line")).ToList();
        Assert.Equal(["3", "4"], lines);
        Assert.Equal(0, await app.QueryAsync(db => db.Students.CountAsync(s => s.LocalId == "C-1")));

        var good = Uploads.Utf8("given_name,family_name,student_id,consentimiento_participar,consent_photos\nLucía,Rivas,C-1,sí,no\nMarco,Díaz,C-2,refused,\n");
        var uploaded = await browser.UploadAsync($"/Classes/Import/{classId}", "consent.csv", good);
        var preview = await browser.GetDocumentAsync(uploaded.Headers.Location!.OriginalString);
        Assert.Equal("3", preview.QuerySelector("[data-kind=Consent] .count")!.TextContent);
        await browser.SubmitAsync(uploaded.Headers.Location!.OriginalString, [], "form#confirm-import");

        var answers = await app.QueryAsync(db => db.StudentConsents.Where(c => c.Student.LocalId == "C-1" || c.Student.LocalId == "C-2")
            .Select(c => new { c.Student.LocalId, c.Kind, c.Status, c.RecordedBy }).ToListAsync());
        Assert.Equal(
            [("C-1", ConsentKind.TakePart, ConsentStatus.Given), ("C-1", ConsentKind.Photos, ConsentStatus.Refused), ("C-2", ConsentKind.TakePart, ConsentStatus.Refused)],
            answers.Select(a => (a.LocalId!, a.Kind, a.Status)).Order().ToList());
        Assert.All(answers, a => Assert.Equal($"{DemoAccounts.Coordinator} (importación de consent.csv)", a.RecordedBy));
    }

    [Fact]
    public async Task Should_keep_a_refused_students_name_off_the_certificates_and_out_of_the_shared_exports()
    {
        var (browser, classId) = await CoordinatorAsync("SV-01");
        var certificates = await browser.GetDocumentAsync($"/Classes/Completion/{classId}?print=certificates");
        var named = certificates.QuerySelectorAll("section.certificate").Select(c => (Enrollment: int.Parse(c.GetAttribute("data-enrollment")!), Name: c.QuerySelector(".certificate-name")!.TextContent.Trim())).ToList();
        Assert.True(named.Count >= 2, "the finished demo class has students who completed");
        var (enrollment, name) = named[0];
        var student = await app.QueryAsync(db => db.Enrollments.Where(e => e.Id == enrollment).Select(e => new { e.StudentId, e.Student.GivenName }).SingleAsync());
        var field = await FieldOfAsync(browser, classId, student.StudentId, ConsentKind.TakePart);
        await browser.SubmitAsync($"/Classes/Consent/{classId}", new Dictionary<string, string> { [field] = "Refused" }, "form#consent-register");

        var after = await browser.GetDocumentAsync($"/Classes/Completion/{classId}?print=certificates");
        var blank = after.QuerySelector($"section.certificate[data-enrollment='{enrollment}'] .certificate-name")!;
        Assert.Equal("", blank.TextContent.Trim());
        Assert.DoesNotContain(name, after.QuerySelector("main")!.TextContent);
        Assert.Equal(named[1].Name, after.QuerySelector($"section.certificate[data-enrollment='{named[1].Enrollment}'] .certificate-name")!.TextContent.Trim());

        // The funder's pack (every table, every format) carries figures only.
        var manager = await app.SignedInAsync(DemoAccounts.ManagerSv);
        var reports = await manager.GetDocumentAsync("/Reports?kind=SchoolYear&year=2026");
        var downloads = reports.QuerySelectorAll("a[href*='handler=']").Select(a => a.GetAttribute("href")!).Distinct().ToList();
        Assert.NotEmpty(downloads);
        foreach (var href in downloads)
        {
            var file = await manager.GetAsync(href);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.DoesNotContain(student.GivenName, await file.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Should_print_certificates_in_the_classs_language_for_a_reader_of_english()
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var (_, classId) = await CoordinatorAsync("SV-01");
        var certificates = await admin.GetDocumentAsync($"/Classes/Completion/{classId}?print=certificates");
        Assert.Contains("Certificado de finalización", certificates.QuerySelector("section.certificate")!.TextContent);
    }

    [Fact]
    public async Task Should_answer_404_for_another_schools_class_and_change_nothing()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Coordinator);
        var other = await app.QueryAsync(db => db.Classes.Where(c => c.School.Code == "SV-10201").Select(c => c.Id).FirstAsync());
        var otherStudent = await app.QueryAsync(db => db.Enrollments.Where(e => e.ClassId == other).Select(e => e.StudentId).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Classes/Consent/{other}")).StatusCode);

        // A crafted post: the coordinator's own form, aimed at the other class and its student.
        var (_, own) = await CoordinatorAsync("SV-02");
        var form = (IHtmlFormElement)(await browser.GetDocumentAsync($"/Classes/Consent/{own}")).QuerySelector("form#consent-register")!;
        var token = Forms.FieldsOf(form).First(f => f.Key == "__RequestVerificationToken").Value;
        var before = await app.QueryAsync(db => db.StudentConsents.CountAsync());
        foreach (var target in new[] { other, own })
        {
            var crafted = await browser.PostAsync($"/Classes/Consent/{target}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["AnsweredOn"] = "2026-03-01",
                ["Answers[0].StudentId"] = otherStudent.ToString(), ["Answers[0].Kind"] = "TakePart", ["Answers[0].Status"] = "Refused",
            }));
            Assert.Equal(HttpStatusCode.NotFound, crafted.StatusCode);
        }
        Assert.Equal(before, await app.QueryAsync(db => db.StudentConsents.CountAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/Admin/Privacy/Student/{otherStudent}")).StatusCode);
    }
}
