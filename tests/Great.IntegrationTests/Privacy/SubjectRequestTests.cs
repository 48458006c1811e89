using System.Net;
using System.Text.Json;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Privacy;

/// <summary>
/// Data-subject requests, as an administrator answers them: find the student, hand over what is held (readable in
/// either language, or JSON), correct it, erase it; each request due 20 business days after it came, weekends skipped.
/// </summary>
public class SubjectRequestTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private Task<int> StudentAsync(string localId) => app.QueryAsync(db => db.Students.Where(s => s.LocalId == localId).Select(s => s.Id).SingleAsync());

    /// <summary>Logs a request from the student's page; returns the request's page.</summary>
    private static async Task<string> LogAsync(HttpClient admin, int studentId, SubjectRequestKind kind, string receivedOn, string details = "La madre, por correo")
    {
        var logged = await admin.SubmitAsync($"/Admin/Privacy/Student/{studentId}",
            new Dictionary<string, string> { ["Kind"] = kind.ToString(), ["ReceivedOn"] = receivedOn, ["Details"] = details }, "form#log-request");
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        return logged.Headers.Location!.OriginalString;
    }

    [Theory]
    [InlineData("es", "Elija una escuela, o escriba un código escolar o un nombre")]
    [InlineData("en", "Choose a school, or type a school id or a given name")]
    public async Task Should_say_what_a_search_needs_when_it_gives_neither_school_nor_name_and_list_a_school_given_alone(string language, string needs)
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin, language);
        var empty = await admin.GetDocumentAsync($"/Admin/Privacy?SchoolId=&Find=&culture={language}");
        Assert.Contains(needs, empty.QuerySelector("#search-needs-more")!.TextContent);
        var school = await app.QueryAsync(db => db.Schools.Where(s => s.Code == "SV-10101").Select(s => s.Id).SingleAsync());
        var students = await app.QueryAsync(db => db.Students.CountAsync(s => s.SchoolId == school));
        var listed = await admin.GetDocumentAsync($"/Admin/Privacy?SchoolId={school}&Find=");
        Assert.Equal(Math.Min(100, students), listed.QuerySelectorAll("#students-found tbody tr").Length);
        Assert.Null(listed.QuerySelector("#search-needs-more"));
    }

    [Fact]
    public async Task Should_find_a_student_by_school_and_id_and_hand_over_everything_held_readable_in_spanish_and_as_json()
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var school = await app.QueryAsync(db => db.Schools.Where(s => s.Code == "SV-10101").Select(s => s.Id).SingleAsync());
        var found = await admin.GetDocumentAsync($"/Admin/Privacy?SchoolId={school}&Find=SV-01-001");
        var link = Assert.Single(found.QuerySelectorAll("#students-found a"));
        Assert.Equal("Daniela N.", link.TextContent);
        var id = await StudentAsync("SV-01-001");
        Assert.Equal($"/Admin/Privacy/Student/{id}", link.GetAttribute("href"));
        Assert.Single((await admin.GetDocumentAsync("/Admin/Privacy?Find=Daniel")).QuerySelectorAll($"#students-found tr[data-student='{id}']"));

        var spanish = await admin.GetDocumentAsync($"/Admin/Privacy/Student/{id}?lang=es");
        Assert.Equal("Qué guarda Great de Daniela N.", spanish.QuerySelector("h1")!.TextContent);
        Assert.Equal("es", spanish.QuerySelector("#subject-record")!.GetAttribute("lang"));
        Assert.Contains("se eliminarán el", spanish.QuerySelector("#retention")!.TextContent);
        Assert.NotNull(spanish.QuerySelector("[data-class]"));
        var english = await admin.GetDocumentAsync($"/Admin/Privacy/Student/{id}?lang=en");
        Assert.Equal("What Great holds about Daniela N.", english.QuerySelector("h1")!.TextContent);
        // The page itself was a showing of the name, and says so.
        Assert.NotEmpty(english.QuerySelectorAll("#subject-seen-by tbody tr"));

        var json = await admin.GetAsync($"/Admin/Privacy/Student/{id}?handler=Json");
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        using var record = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        var root = record.RootElement;
        Assert.Equal("Daniela", root.GetProperty("student").GetProperty("givenName").GetString());
        Assert.Equal("SV-01-001", root.GetProperty("student").GetProperty("schoolId").GetString());
        var enrolment = Assert.Single(root.GetProperty("classes").EnumerateArray());
        Assert.Equal(6, enrolment.GetProperty("lessons").GetArrayLength());
        Assert.Equal("2029-01-01", root.GetProperty("retention").GetProperty("dueOn").GetString());
        await app.NameAccessesWrittenAsync();
        Assert.True(await app.QueryAsync(db => db.NameAccesses.AnyAsync(a => a.View == NameView.SubjectExport && a.StudentId == id)));
    }

    [Fact]
    public async Task Should_set_the_due_day_20_business_days_on_list_it_overdue_and_extend_it_once()
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var id = await StudentAsync("SV-01-002");
        // Received on Friday 20 November 2026: four working weeks later is Friday 18 December.
        var page = await LogAsync(admin, id, SubjectRequestKind.Access, "2026-11-20");
        var request = await admin.GetDocumentAsync(page);
        Assert.Equal("2026-12-18", request.QuerySelector("#due-on")!.GetAttribute("data-due"));
        var requestId = int.Parse(page.Split('/').Last());
        Assert.Equal("false", (await admin.GetDocumentAsync("/Admin/Privacy")).QuerySelector($"#open-requests tr[data-request='{requestId}']")!.GetAttribute("data-overdue"));

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 21, 15, 0, 0, TimeSpan.Zero));
        admin = await app.SignedInAsync(DemoAccounts.Admin); // a month on: a new session
        var desk = await admin.GetDocumentAsync("/Admin/Privacy");
        Assert.Equal("true", desk.QuerySelector($"#open-requests tr[data-request='{requestId}']")!.GetAttribute("data-overdue"));
        Assert.NotNull(desk.QuerySelector("#overdue-count"));

        var noReason = await admin.SubmitAsync(page, [], "form#extend-request");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        var extended = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Outcome"] = "Records at the site office" }, "form#extend-request");
        Assert.Equal(HttpStatusCode.Redirect, extended.StatusCode);
        var now = await admin.GetDocumentAsync(page);
        Assert.Equal("2027-01-15", now.QuerySelector("#due-on")!.GetAttribute("data-due"));
        Assert.Null(now.QuerySelector("form#extend-request"));

        var closed = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Outcome"] = "Printed record handed to the mother" }, "form#close-request");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var saved = await app.QueryAsync(db => db.SubjectRequests.SingleAsync(r => r.Id == requestId));
        Assert.Equal((new DateOnly(2026, 12, 21), "Printed record handed to the mother"), (saved.ClosedOn!.Value, saved.Outcome));
        Assert.Null((await admin.GetDocumentAsync("/Admin/Privacy")).QuerySelector($"#open-requests tr[data-request='{requestId}']"));
    }

    [Fact]
    public async Task Should_correct_a_student_and_close_the_request()
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var id = await StudentAsync("SV-02-003");
        var page = await LogAsync(admin, id, SubjectRequestKind.Correction, "2026-11-23");
        var corrected = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Correction.GivenName"] = "María José", ["Correction.FamilyName"] = "Ávila" }, "form#correct-student");
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        var student = await app.QueryAsync(db => db.Students.SingleAsync(s => s.Id == id));
        Assert.Equal(("María José", "Á"), (student.GivenName, student.FamilyInitial));
        var request = await app.QueryAsync(db => db.SubjectRequests.SingleAsync(r => r.StudentId == id));
        Assert.NotNull(request.ClosedOn);
        Assert.StartsWith("Corrected: Given name, Family initial", request.Outcome);
    }

    [Fact]
    public async Task Should_erase_a_student_with_a_reason_keeping_the_counts_and_no_name_in_the_trail()
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        // A student typed by hand (their name is in the trail), then a request to erase them.
        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator);
        var classId = await app.QueryAsync(db => db.Classes.Where(c => c.School.Code == "SV-10101" && c.Grade == "5" && c.Section == "B").Select(c => c.Id).SingleAsync());
        await coordinator.SubmitAsync($"/Classes/Roster/{classId}",
            new Dictionary<string, string> { ["Input.GivenName"] = "Eulalia", ["Input.FamilyName"] = "Menjívar", ["Input.LocalId"] = "DSR-9" }, "form#add-student");
        var id = await StudentAsync("DSR-9");
        var enrolments = await app.QueryAsync(db => db.Enrollments.CountAsync(e => e.StudentId == id));
        var page = await LogAsync(admin, id, SubjectRequestKind.Erasure, "2026-11-24", "Su padre, en persona");

        var noReason = await admin.SubmitAsync(page, [], "form#erase-student");
        Assert.True(noReason.StatusCode == HttpStatusCode.OK, $"{noReason.StatusCode} {noReason.Headers.Location}");
        Assert.Equal("Eulalia", await app.QueryAsync(db => db.Students.Where(s => s.Id == id).Select(s => s.GivenName).SingleAsync()));

        var erased = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Outcome"] = "Left the programme; father asked" }, "form#erase-student");
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        var student = await app.QueryAsync(db => db.Students.SingleAsync(s => s.Id == id));
        Assert.Equal(($"ANON-{id}", "X", (string?)null), (student.GivenName, student.FamilyInitial, student.LocalId));
        Assert.Equal(enrolments, await app.QueryAsync(db => db.Enrollments.CountAsync(e => e.StudentId == id)));
        var trail = await app.QueryAsync(db => db.AuditEntries.Where(a => a.Entity == "Student" && a.EntityId == id.ToString()).ToListAsync());
        Assert.Contains(trail, a => a.Action == AuditInterceptor.Pseudonymised && a.UserName == DemoAccounts.Admin && a.Reason!.Contains("Left the programme"));
        Assert.False(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.After!.Contains("Eulalia") || a.Before!.Contains("Eulalia"))));
        Assert.NotNull((await app.QueryAsync(db => db.SubjectRequests.SingleAsync(r => r.StudentId == id))).ClosedOn);
        var record = await admin.GetDocumentAsync($"/Admin/Privacy/Student/{id}");
        Assert.Contains($"ANON-{id}", record.QuerySelector("h1")!.TextContent);
        Assert.NotNull(record.QuerySelector($"#subject-changes tr[data-action='{AuditInterceptor.Pseudonymised}']"));
    }

    [Fact]
    public async Task Should_refuse_a_request_received_after_today_and_log_nothing()
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin, "es");
        var id = await StudentAsync("SV-01-003");
        var before = await app.QueryAsync(db => db.SubjectRequests.CountAsync());
        var refused = await admin.SubmitAsync($"/Admin/Privacy/Student/{id}",
            new Dictionary<string, string> { ["Kind"] = "Access", ["ReceivedOn"] = "2031-01-01", ["Details"] = "" }, "form#log-request");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var alert = string.Concat((await Forms.ParseAsync(refused)).QuerySelectorAll("[role=alert]").Select(a => a.TextContent));
        // The administrator works in English, whatever the browser asks.
        Assert.Contains("The day received must be between 2000 and today.", alert);
        Assert.Contains("Say who asks and what for.", alert);
        Assert.Equal(before, await app.QueryAsync(db => db.SubjectRequests.CountAsync()));
    }

    [Fact]
    public async Task Should_keep_the_privacy_desk_from_everyone_but_administrators()
    {
        var id = await StudentAsync("SV-01-001");
        foreach (var account in new[] { DemoAccounts.Coordinator, DemoAccounts.ManagerSv, DemoAccounts.Instructor })
        {
            var browser = await app.SignedInAsync(account);
            foreach (var url in new[] { "/Admin/Privacy", $"/Admin/Privacy/Student/{id}", $"/Admin/Privacy/Student/{id}?handler=Json", "/Admin/Privacy/Retention" })
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(url)).StatusCode);
            }
        }
    }
}
