using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Great.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Lessons;

/// <summary>/Phone/Send: a lesson kept on a phone, recorded once by its phone-made id, through the same rules as the form.</summary>
public class PhoneSendTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    private async Task<(HttpClient Browser, string Token)> OfficerAsync()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Instructor);
        var session = await browser.GetFromJsonAsync<JsonElement>("/Phone/Send");
        return (browser, session.GetProperty("token").GetString()!);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient browser, string token, object record)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/Phone/Send") { Content = JsonContent.Create(record) };
        request.Headers.Add("RequestVerificationToken", token);
        return browser.SendAsync(request);
    }

    private async Task<object> RecordAsync(int classId, int lessonNumber, int absent = 0)
    {
        var enrolled = await app.QueryAsync(db => db.Enrollments.Where(e => e.ClassId == classId && e.WithdrawnOn == null).Select(e => e.Id).ToListAsync());
        var today = await app.QueryAsync(db => db.Classes.Where(c => c.Id == classId).Select(c => c.School.Region).SingleAsync());
        return new
        {
            id = Guid.NewGuid(), classId, lessonNumber, taughtOn = today.Today(app.Time).ToString("yyyy-MM-dd"),
            present = enrolled.Skip(absent), roster = enrolled, notes = "sin señal",
        };
    }

    private Task<int> DeliveriesAsync(int classId, int lesson) =>
        app.QueryAsync(db => db.LessonDeliveries.CountAsync(d => d.ClassId == classId && d.LessonNumber == lesson));

    [Fact]
    public async Task Should_record_a_kept_lesson_once_however_often_and_however_concurrently_it_is_sent()
    {
        var (browser, token) = await OfficerAsync();
        var classId = await app.ClassIdAsync("SV-10101", "6", "B");
        var record = await RecordAsync(classId, 12, absent: 3);

        var first = await SendAsync(browser, token, record);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var answer = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("recorded", answer.GetProperty("status").GetString());
        Assert.Equal($"/Classes/Details/{classId}", answer.GetProperty("url").GetString());

        // The phone did not hear the answer and sends again, twice at once: the same record, nothing more.
        var replays = await Task.WhenAll(SendAsync(browser, token, record), SendAsync(browser, token, record));
        Assert.All(replays, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await DeliveriesAsync(classId, 12));
        var absent = await app.QueryAsync(db => db.Attendance.CountAsync(a => a.Delivery.ClassId == classId && a.Delivery.LessonNumber == 12 && !a.Present));
        Assert.Equal(3, absent);

        // Two phone records of one new lesson arriving together: one is recorded, the other told it was recorded meanwhile.
        var a = await RecordAsync(classId, 13);
        var b = await RecordAsync(classId, 13);
        var both = await Task.WhenAll(SendAsync(browser, token, a), SendAsync(browser, token, b));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], both.Select(r => r.StatusCode).Order());
        Assert.Equal(1, await DeliveriesAsync(classId, 13));
    }

    [Fact]
    public async Task Should_answer_404_for_another_officers_class_and_write_nothing()
    {
        var (browser, token) = await OfficerAsync();
        var other = await app.ClassIdAsync("SV-10102", "7", "A");
        var before = await app.QueryAsync(db => db.LessonDeliveries.CountAsync());
        var response = await SendAsync(browser, token, await RecordAsync(other, 13));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Esta clase no es suya", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.QueryAsync(db => db.LessonDeliveries.CountAsync()));
    }

    [Fact]
    public async Task Should_answer_401_to_a_signed_out_phone_and_400_without_the_antiforgery_token()
    {
        var anonymous = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/Phone/Send")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/Phone/Kit")).StatusCode);

        var (browser, _) = await OfficerAsync();
        var classId = await app.ClassIdAsync("SV-10102", "4", "A");
        var response = await browser.PostAsync("/Phone/Send", JsonContent.Create(await RecordAsync(classId, 6)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await DeliveriesAsync(classId, 6));
    }

    [Fact]
    public async Task Should_refuse_a_record_without_a_date_or_id_in_the_officers_language()
    {
        var (browser, token) = await OfficerAsync();
        var classId = await app.ClassIdAsync("SV-10102", "4", "A");
        var response = await SendAsync(browser, token, new { id = Guid.Empty, classId, lessonNumber = 6, present = Array.Empty<int>(), roster = Array.Empty<int>() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var messages = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains("Escriba la fecha en que se impartió la lección.", messages);
        Assert.Contains("El registro no tiene identificador: envíelo de nuevo desde el teléfono.", messages);
        Assert.Equal(0, await DeliveriesAsync(classId, 6));
    }

    [Fact]
    public async Task Should_refuse_json_that_does_not_parse_in_the_officers_language()
    {
        var (browser, token) = await OfficerAsync();
        var classId = await app.ClassIdAsync("SV-10102", "4", "A");
        var response = await SendAsync(browser, token, new { id = "not-an-id", classId, lessonNumber = 6, taughtOn = "ayer" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var messages = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains("El valor no es válido.", messages);
        Assert.DoesNotContain(messages, m => m.Contains("JSON"));
        Assert.Equal(0, await DeliveriesAsync(classId, 6));
    }

    [Fact]
    public async Task Should_keep_only_the_officers_own_open_classes_on_the_phone()
    {
        var (browser, _) = await OfficerAsync();
        var kit = await browser.GetFromJsonAsync<JsonElement>("/Phone/Kit");
        var own = await app.QueryAsync(db => db.Classes.Where(c => c.Instructor!.Email == "instructor@example.org" || c.SubstituteInstructor!.Email == "instructor@example.org")
            .Where(c => c.Status == Great.Web.Domain.ClassStatus.Planned || c.Status == Great.Web.Domain.ClassStatus.Active).Select(c => c.Id).OrderBy(id => id).ToListAsync());
        Assert.NotEmpty(own);
        Assert.Equal(own, kit.GetProperty("classes").EnumerateArray().Select(c => c.GetProperty("id").GetInt32()));
        var first = kit.GetProperty("classes")[0];
        Assert.NotEmpty(first.GetProperty("students").EnumerateArray());
        Assert.NotEmpty(first.GetProperty("lessons")[0].GetProperty("title").GetProperty("es").GetString()!);
        Assert.NotEmpty(first.GetProperty("lessons")[0].GetProperty("title").GetProperty("en").GetString()!);
        Assert.Contains($"/Lessons/Record/{own[0]}", kit.GetProperty("pages").EnumerateArray().Select(p => p.GetString()));
    }
}
