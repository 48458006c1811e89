using System.Net;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Domain;
using Great.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Admin;

/// <summary>The administrator's mail outbox: an empty state, kinds and times a person can read, and each message readable.</summary>
public class OutboxPageTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    private Task<long> WriteAsync(string kind, OutboundEmailStatus status, DateTimeOffset createdAt) => app.QueryAsync(async db =>
    {
        var email = new OutboundEmail
        {
            Kind = kind, DedupeKey = $"{kind}:{Guid.NewGuid()}", Recipient = "officer@example.org", Culture = "es", Subject = "Lección 4 sin registrar",
            Html = "<p>La lección 4</p>", Text = "La lección 4 de 6 B estaba prevista el 28/10/2026.\nRegístrela hoy.", CreatedAt = createdAt, Status = status,
        };
        db.OutboundEmails.Add(email);
        await db.SaveChangesAsync();
        return email.Id;
    });

    [Theory]
    [InlineData("es", "Ningún mensaje tiene el estado «Fallido».", "Lección vencida sin registro", "Creado (UTC)")]
    [InlineData("en", "No message has the status Failed.", "Overdue lesson not recorded", "Created (UTC)")]
    public async Task Should_say_when_nothing_is_there_name_kinds_and_utc_times_and_open_a_message(string culture, string empty, string kind, string created)
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        // Nothing failed in this app: the filter says so instead of an empty table.
        var none = await admin.GetDocumentAsync($"/Admin/Outbox?status=Failed&culture={culture}");
        Assert.Null(none.QuerySelector("#outbox"));
        Assert.Equal(empty, none.QuerySelector("#outbox-empty")!.TextContent.Trim());

        var id = await WriteAsync(ReminderJob.LessonOverdue, OutboundEmailStatus.Pending, new DateTimeOffset(2026, 11, 3, 12, 30, 0, TimeSpan.Zero));
        var page = await admin.GetDocumentAsync($"/Admin/Outbox?status=Pending&culture={culture}");
        var row = page.QuerySelector($"#outbox tr[data-id='{id}']")!;
        Assert.Equal(kind, row.QuerySelector("[data-kind]")!.TextContent);
        Assert.EndsWith(" UTC", row.QuerySelector("td")!.TextContent);
        Assert.Contains("12:30", row.QuerySelector("td")!.TextContent);
        Assert.Equal(created, page.QuerySelector("#outbox th")!.TextContent);

        var message = await admin.GetDocumentAsync(row.QuerySelector("a[href^='/Admin/Outbox/Message/']")!.GetAttribute("href") + $"?culture={culture}");
        Assert.Equal("Lección 4 sin registrar", message.QuerySelector("h1")!.TextContent);
        Assert.Equal("La lección 4 de 6 B estaba prevista el 28/10/2026.\nRegístrela hoy.", message.QuerySelector("#message-text")!.TextContent);
        Assert.Contains(kind, message.QuerySelector("#message-facts")!.TextContent);
    }

    [Fact]
    public async Task Should_show_a_message_to_administrators_only_and_answer_404_for_one_that_is_not_there()
    {
        var id = await WriteAsync(ReminderJob.LessonTomorrow, OutboundEmailStatus.Sent, app.Time.GetUtcNow());
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/Admin/Outbox/Message/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Outbox/Message/{id + 1000}")).StatusCode);
        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync($"/Admin/Outbox/Message/{id}")).StatusCode);
    }
}
