using System.Net;
using Great.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Lessons;

public class RecordLessonTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    private Task<int> WrittenAsync() => app.QueryAsync(async db => await db.LessonDeliveries.CountAsync() + await db.Attendance.CountAsync());

    [Fact]
    public async Task Should_record_the_next_lesson_with_everyone_present_but_the_tapped_ones()
    {
        // A class of the officer's own, three weeks in, nothing recorded yet, eight students.
        var browser = await app.SignedInAsync(DemoAccounts.Instructor);
        var classId = await app.NewClassAsync("SV-10101", "MS", "6", "RL", officerBadge: "SV-4471", students: 8, startedDaysAgo: 21);
        var form = await browser.GetDocumentAsync($"/Lessons/Record/{classId}");
        Assert.Equal("1", form.QuerySelector("#LessonNumber option[selected]")!.GetAttribute("value"));
        var boxes = form.QuerySelectorAll(".attendance input[name=Present]").Select(b => b.GetAttribute("value")!).ToList();
        Assert.Equal(8, boxes.Count);

        var present = boxes.Skip(2).Select(v => new KeyValuePair<string, string>("Present", v)).ToList();
        var response = await browser.SubmitAsync($"/Lessons/Record/{classId}", [.. present]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var marks = await app.QueryAsync(db => db.Attendance.Where(a => a.Delivery.ClassId == classId && a.Delivery.LessonNumber == 1)
            .GroupBy(a => a.Present).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.Equal(2, marks.Single(m => !m.Key).Count);
        Assert.Equal(6, marks.Single(m => m.Key).Count);

        // The same lesson again: the existing record opens instead, nothing is written.
        var before = await WrittenAsync();
        var again = await browser.SubmitAsync($"/Lessons/Record/{classId}?lessonNumber=2", [new("LessonNumber", "1")]);
        Assert.StartsWith("/Lessons/Edit/", again.Headers.Location!.OriginalString);
        Assert.Equal(before, await WrittenAsync());
    }

    [Theory]
    [InlineData("2099-01-01", "no puede ser futura", true)]
    [InlineData("2000-01-01", "no puede ser anterior al inicio de la clase", false)] // nobody was enrolled on that day
    [InlineData("", "Escriba la fecha", true)]
    public async Task Should_redisplay_an_impossible_date_and_write_nothing(string date, string message, bool listsStudents)
    {
        var browser = await app.SignedInAsync(DemoAccounts.Instructor);
        var classId = await app.ClassIdAsync("SV-10102", "4", "A");
        var before = await WrittenAsync();
        var response = await browser.SubmitAsync($"/Lessons/Record/{classId}", [new("TaughtOn", date)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("[role=alert]")!.TextContent);
        // The form comes back with the students of that day to tap (their names are read only when the form is shown).
        var names = page.QuerySelectorAll(".attendance label").Select(label => label.TextContent.Trim()).ToList();
        Assert.Equal(listsStudents, names.Count > 0);
        Assert.DoesNotContain("", names);
        Assert.Equal(before, await WrittenAsync());
    }

    [Fact]
    public async Task Should_return_404_when_an_officer_records_for_another_officers_class()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Instructor);
        var own = await app.ClassIdAsync("SV-10102", "4", "A");
        var other = await app.ClassIdAsync("SV-10102", "7", "A");
        var token = (await browser.GetDocumentAsync($"/Lessons/Record/{own}")).QuerySelector("#record-lesson input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var before = await WrittenAsync();
        var response = await browser.PostAsync($"/Lessons/Record/{other}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["LessonNumber"] = "13", ["TaughtOn"] = "2026-11-20", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await WrittenAsync());
    }

    [Fact]
    public async Task Should_audit_a_correction_and_a_coordinators_deletion_with_its_reason()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Instructor);
        var classId = await app.ClassIdAsync("SV-10101", "5", "A");
        var delivery = await app.QueryAsync(db => db.LessonDeliveries.Where(d => d.ClassId == classId && d.LessonNumber == 2).Select(d => d.Id).SingleAsync());
        var form = await browser.GetDocumentAsync($"/Lessons/Edit/{delivery}");
        var present = form.QuerySelectorAll(".attendance input[name=Present]").Where(b => b.HasAttribute("checked")).Select(b => b.GetAttribute("value")!).ToList();
        var corrected = await browser.SubmitAsync($"/Lessons/Edit/{delivery}",
            [.. present.Skip(1).Select(v => new KeyValuePair<string, string>("Present", v)), new("Notes", "Lista corregida")]);
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        var audits = await app.QueryAsync(db => db.AuditEntries.Where(a => a.UserName == DemoAccounts.Instructor).ToListAsync());
        Assert.Contains(audits, a => a.Entity == "Attendance" && a.Action == "Modified" && a.EntityId != "" && a.After!.Contains("\"Present\":false"));
        Assert.Contains(audits, a => a.Entity == "LessonDelivery" && a.EntityId == delivery.ToString() && a.After!.Contains("Lista corregida"));

        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator);
        var noReason = await coordinator.SubmitAsync($"/Lessons/Delete/{delivery}", [new("Reason", "")]);
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        var deleted = await coordinator.SubmitAsync($"/Lessons/Delete/{delivery}", [new("Reason", "Registrada en la clase equivocada")]);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var entry = await app.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Entity == "LessonDelivery" && a.EntityId == delivery.ToString() && a.Action == "Deleted"));
        Assert.Equal(("Registrada en la clase equivocada", DemoAccounts.Coordinator), (entry.Reason, entry.UserName));
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/Lessons/Delete/{delivery}")).StatusCode);
    }

    [Fact]
    public async Task Should_show_completion_in_the_grid_and_print_a_certificate_per_completed_student()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Instructor);
        // Taught to the end: every lesson recorded, all five present at each.
        var classId = await app.NewClassAsync("SV-10101", "ELEM", "5", "CC", officerBadge: "SV-4471", students: 5, startedDaysAgo: 60);
        await app.RecordLessonsAsync(classId, lessons: 6);
        var page = await browser.GetDocumentAsync($"/Classes/Details/{classId}");
        var completed = int.Parse(page.QuerySelector("#completion-counts [data-status=Completed] .count")!.TextContent);
        var notCompleted = int.Parse(page.QuerySelector("#completion-counts [data-status=NotCompleted] .count")!.TextContent);
        Assert.Equal((5, 0), (completed, notCompleted)); // the class is over: no one is still on track or at risk

        var certificates = await browser.GetDocumentAsync($"/Classes/Completion/{classId}?print=certificates");
        Assert.Equal(completed, certificates.QuerySelectorAll("section.certificate").Length);
        Assert.Contains("Certificado de finalización", certificates.QuerySelector("section.certificate")!.TextContent);
        Assert.Contains("Centro Escolar República de Colombia", certificates.QuerySelector("section.certificate")!.TextContent);
    }
}
