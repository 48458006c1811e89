using System.Net;
using System.Text;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Privacy;

/// <summary>Every page and file that shows students' names leaves one record of it (who, which class, how many); pages of figures leave none.</summary>
public class NameAccessTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    // The records are written off the request's path (NameAccessWriter): each read waits until those queued are written.
    private async Task<List<NameAccess>> RecordsAfterAsync(long id)
    {
        await app.NameAccessesWrittenAsync();
        return await app.QueryAsync(db => db.NameAccesses.AsNoTracking().Where(a => a.Id > id).OrderBy(a => a.Id).ToListAsync());
    }

    private async Task<long> LastIdAsync()
    {
        await app.NameAccessesWrittenAsync();
        return await app.QueryAsync(db => db.NameAccesses.MaxAsync(a => (long?)a.Id)) ?? 0;
    }

    private async Task<int> ClassAsync(string school, string grade, string section) =>
        await app.QueryAsync(db => db.Classes.Where(c => c.School.Code == school && c.Grade == grade && c.Section == section).Select(c => c.Id).SingleAsync());

    private Task<int> EnrolledAsync(int classId) => app.QueryAsync(db => db.Enrollments.CountAsync(e => e.ClassId == classId));

    [Fact]
    public async Task Should_record_each_showing_of_names_once_with_the_class_and_the_count()
    {
        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator);
        var finished = await ClassAsync("SV-10101", "5", "A");
        var enrolled = await EnrolledAsync(finished);
        var completed = (await coordinator.GetDocumentAsync($"/Classes/Completion/{finished}?print=certificates")).QuerySelectorAll("section.certificate").Length;
        Assert.True(completed > 0);
        var enrollment = await app.QueryAsync(db => db.Enrollments.Where(e => e.ClassId == finished).Select(e => new { e.Id, e.StudentId }).FirstAsync());

        var instructor = await app.SignedInAsync(DemoAccounts.Instructor);
        var active = await ClassAsync("SV-10101", "6", "B");
        var delivery = await app.QueryAsync(db => db.LessonDeliveries.Where(d => d.ClassId == active).Select(d => d.Id).FirstAsync());
        var instructorClasses = await app.QueryAsync(db => db.Classes.Where(c => (c.Instructor!.BadgeNumber == "SV-4471" || c.SubstituteInstructor!.BadgeNumber == "SV-4471") && (c.Status == ClassStatus.Planned || c.Status == ClassStatus.Active))
            .Select(c => new { c.Id, Students = c.Enrollments.Count }).ToListAsync());

        var manager = await app.SignedInAsync(DemoAccounts.ManagerSv);
        var group = await app.QueryAsync(db => db.Classes.Where(c => c.School.Code == "SV-SITE-1").Select(c => new { c.Id, Members = c.Enrollments.Count }).SingleAsync());
        var youth = await app.QueryAsync(db => db.Enrollments.Where(e => e.ClassId == group.Id && e.Role == MemberRole.Youth && !e.IsLinked).Select(e => new { e.Id, e.StudentId }).FirstAsync());

        (HttpClient Browser, string Url, NameView View, int? ClassId, int Names, int? StudentId)[] shown =
        [
            (coordinator, $"/Classes/Roster/{finished}", NameView.Roster, finished, enrolled, null),
            (coordinator, $"/Classes/Details/{finished}", NameView.ProgressGrid, finished, enrolled, null),
            (coordinator, $"/Classes/Completion/{finished}", NameView.Completion, finished, enrolled, null),
            (coordinator, $"/Classes/Completion/{finished}?print=certificates", NameView.Certificates, finished, completed, null),
            (coordinator, $"/Classes/Enrollment/{enrollment.Id}", NameView.Enrollment, finished, 1, enrollment.StudentId),
            (coordinator, $"/Classes/Consent/{finished}", NameView.Consent, finished, enrolled, null),
            (instructor, $"/Lessons/Record/{active}?lessonNumber=13", NameView.LessonRecord, active, await app.QueryAsync(db => db.Enrollments.CountAsync(e => e.ClassId == active && e.WithdrawnOn == null)), null),
            (instructor, $"/Lessons/Edit/{delivery}", NameView.LessonCorrection, active, await app.QueryAsync(db => db.Attendance.CountAsync(a => a.DeliveryId == delivery)), null),
            (manager, $"/Classes/Households/{group.Id}", NameView.Households, group.Id, group.Members, null),
            (manager, $"/Classes/LinkYouth/{youth.Id}?q=nobody-by-this-name", NameView.LinkYouth, group.Id, 1, youth.StudentId),
        ];
        foreach (var (browser, url, view, classId, names, studentId) in shown)
        {
            var last = await LastIdAsync();
            var response = await browser.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            var record = Assert.Single(await RecordsAfterAsync(last));
            Assert.True((view, classId, names, studentId) == (record.View, record.ClassId, record.Names, record.StudentId), $"{url}: {(record.View, record.ClassId, record.Names, record.StudentId)}");
            Assert.NotNull(record.UserId);
        }

        // The phone's kit carries every open class of the officer: one record for each.
        var before = await LastIdAsync();
        Assert.Equal(HttpStatusCode.OK, (await instructor.GetAsync("/Phone/Kit")).StatusCode);
        var kit = await RecordsAfterAsync(before);
        Assert.All(kit, r => Assert.Equal(NameView.PhoneKit, r.View));
        Assert.Equal(instructorClasses.Where(c => c.Students > 0).Select(c => (c.Id, c.Students)).Order(), kit.Select(r => (r.ClassId!.Value, r.Names)).Order());
    }

    [Fact]
    public async Task Should_record_nothing_for_pages_of_figures()
    {
        var manager = await app.SignedInAsync(DemoAccounts.ManagerSv);
        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator);
        var instructor = await app.SignedInAsync(DemoAccounts.Instructor);
        var school = await app.QueryAsync(db => db.Schools.Where(s => s.Code == "SV-10101").Select(s => s.Id).SingleAsync());
        var last = await LastIdAsync();
        foreach (var (browser, url) in new[]
                 {
                     (manager, "/Reach/Index"), (manager, $"/Reach/School/{school}"), (manager, "/Reports/Index"), (manager, "/Reach/Fidelity"),
                     (manager, "/Instructors/Index"), (coordinator, "/Schools/Index"), (coordinator, $"/Schools/Details/{school}"), (instructor, "/Classes/Mine"),
                 })
        {
            var response = await browser.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
        }
        Assert.Empty(await RecordsAfterAsync(last));
    }

    [Fact]
    public async Task Should_list_the_records_for_an_administrator_and_export_them_as_csv()
    {
        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator);
        var classId = await ClassAsync("SV-10101", "6", "B");
        // No wait here: the list waits itself for records still queued.
        await coordinator.GetDocumentAsync($"/Classes/Roster/{classId}");

        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var page = await admin.GetDocumentAsync($"/Admin/Privacy/Access?View=Roster&Account=coordinator&ClassId={classId}");
        var row = page.QuerySelector("#name-access tbody tr")!;
        Assert.Equal("Roster", row.GetAttribute("data-view"));
        Assert.Contains(DemoAccounts.Coordinator, row.TextContent);
        Assert.Contains((await EnrolledAsync(classId)).ToString(), row.QuerySelector("td.text-end")!.TextContent);

        // Days as typed, in UTC like the times shown.
        var today = app.Time.GetUtcNow().ToString("yyyy-MM-dd");
        var yesterday = app.Time.GetUtcNow().AddDays(-1).ToString("yyyy-MM-dd");
        Assert.NotEmpty((await admin.GetDocumentAsync($"/Admin/Privacy/Access?ClassId={classId}&From={today}&To={today}")).QuerySelectorAll("#name-access tbody tr"));
        Assert.NotNull((await admin.GetDocumentAsync($"/Admin/Privacy/Access?ClassId={classId}&To={yesterday}")).QuerySelector("#no-access"));

        var csv = await admin.GetAsync($"/Admin/Privacy/Access?handler=Csv&View=Roster&ClassId={classId}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("When (UTC),Who,What,Class,Student,Names", lines[0]);
        Assert.Contains(lines.Skip(1), l => l.Contains(DemoAccounts.Coordinator) && l.Contains("Class roster"));

        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync("/Admin/Privacy/Access")).StatusCode);
    }
}
