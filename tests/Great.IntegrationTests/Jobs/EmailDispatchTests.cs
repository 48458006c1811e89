using Great.IntegrationTests.Infrastructure;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Email;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Great.IntegrationTests.Jobs;

public sealed class SmtpAppFactory : FakeClockAppFactory
{
    public SmtpServer Smtp { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", Smtp.Port.ToString());
        builder.UseSetting("Email:Smtp:Security", "None");
        builder.UseSetting("Email:From", "Great <great@programme.example>");
    }

    public override async ValueTask DisposeAsync()
    {
        Smtp.Dispose();
        await base.DisposeAsync();
    }
}

public class EmailDispatchTests(SmtpAppFactory app) : IClassFixture<SmtpAppFactory>
{
    private async Task QueueAsync(params string[] keys)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GreatDbContext>();
        var outbox = new OutboxBatch(db, app.Clock.GetUtcNow());
        foreach (var key in keys)
        {
            outbox.Queue("test", key, $"{key}@example.org", "es", () => new RenderedEmail($"Asunto {key}", $"<p>Hola <b>{key}</b></p>", $"Hola {key}"));
        }
        await outbox.SaveAsync();
    }

    private static readonly string[] Names = ["ana", "beto", "carla", "diana", "elena"];

    private Task<List<OutboundEmail>> OutboxAsync() => app.QueryAsync(db => db.OutboundEmails.Where(e => e.Kind == "test").OrderBy(e => e.Id).ToListAsync());

    /// <summary>What the server received for this test's recipients (the other test shares the mailbox).</summary>
    private List<MimeKit.MimeMessage> ReceivedHere() =>
        app.Smtp.Received().Where(m => Names.Any(n => m.To.Mailboxes.Single().Address.StartsWith(n + "@"))).ToList();

    [Fact]
    public async Task Should_deliver_html_and_text_then_retry_while_the_server_is_down_and_deliver_each_exactly_once_after()
    {
        await app.Smtp.StartAsync();
        await QueueAsync("ana", "beto", "carla");
        await QueueAsync("ana"); // the same reminder again: no second row
        await app.RunAsync<EmailDispatchJob>(j => j.DispatchAsync());

        var received = ReceivedHere();
        Assert.Equal(["ana@example.org", "beto@example.org", "carla@example.org"], received.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.All(received, m =>
        {
            Assert.Contains("Hola", m.TextBody);
            Assert.Contains("<b>", m.HtmlBody);
            Assert.Equal("great@programme.example", m.From.Mailboxes.Single().Address);
        });
        Assert.All((await OutboxAsync()).Where(e => Names.Any(n => e.Recipient.StartsWith(n))), e => Assert.Equal(OutboundEmailStatus.Sent, e.Status));

        // The server goes down: the messages wait, with an error and a time for the next attempt.
        app.Smtp.Stop();
        await QueueAsync("diana", "elena");
        await app.RunAsync<EmailDispatchJob>(j => j.DispatchAsync());
        var waiting = (await OutboxAsync()).Where(e => e.Status == OutboundEmailStatus.Pending && Names.Any(n => e.Recipient.StartsWith(n))).ToList();
        Assert.Equal(2, waiting.Count);
        Assert.All(waiting, e =>
        {
            Assert.Equal(1, e.Attempts);
            Assert.NotNull(e.LastError);
            Assert.Equal(app.Clock.GetUtcNow().AddMinutes(1), e.NextAttemptAt);
        });

        // Back up, but before the pause is over: nothing is sent yet.
        await app.Smtp.StartAsync();
        await app.RunAsync<EmailDispatchJob>(j => j.DispatchAsync());
        Assert.Equal(3, ReceivedHere().Count);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.RunAsync<EmailDispatchJob>(j => j.DispatchAsync());
        await app.RunAsync<EmailDispatchJob>(j => j.DispatchAsync());
        var all = ReceivedHere().Select(m => m.To.Mailboxes.Single().Address).Order().ToList();
        Assert.Equal(["ana@example.org", "beto@example.org", "carla@example.org", "diana@example.org", "elena@example.org"], all);
        Assert.All((await OutboxAsync()).Where(e => Names.Any(n => e.Recipient.StartsWith(n))), e => Assert.Equal(OutboundEmailStatus.Sent, e.Status));
    }

    [Fact]
    public async Task Should_mark_a_message_failed_after_the_last_attempt_and_let_an_admin_send_it_again()
    {
        app.Smtp.Stop();
        await QueueAsync("fermin");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await app.RunAsync<EmailDispatchJob>(j => j.DispatchAsync());
            app.Clock.Advance(TimeSpan.FromHours(13));
        }
        var failed = (await OutboxAsync()).Single(e => e.Recipient == "fermin@example.org");
        Assert.Equal((OutboundEmailStatus.Failed, 5), (failed.Status, failed.Attempts));

        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var page = await admin.GetDocumentAsync("/Admin/Outbox?status=Failed");
        Assert.NotNull(page.QuerySelector($"#outbox tr[data-id='{failed.Id}']"));
        await admin.SubmitAsync("/Admin/Outbox?status=Failed", [], $"#outbox tr[data-id='{failed.Id}'] form");

        await app.Smtp.StartAsync();
        await app.RunAsync<EmailDispatchJob>(j => j.DispatchAsync());
        Assert.Contains(app.Smtp.Received(), m => m.To.Mailboxes.Single().Address == "fermin@example.org");
    }
}

public sealed class PickupAppFactory : FakeClockAppFactory
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("great-pickup-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Email:PickupFolder", Folder);
    }
}

public class PickupFolderTests(PickupAppFactory app) : IClassFixture<PickupAppFactory>
{
    [Fact]
    public async Task Should_write_messages_as_eml_files_when_no_smtp_server_is_configured()
    {
        await app.QueryAsync(async db =>
        {
            var outbox = new OutboxBatch(db, app.Clock.GetUtcNow());
            outbox.Queue("test", "pickup-1", "ana@example.org", "en", () => new RenderedEmail("Subject", "<p>Hi</p>", "Hi"));
            return await outbox.SaveAsync();
        });
        await app.RunAsync<EmailDispatchJob>(j => j.DispatchAsync());
        var file = Assert.Single(Directory.GetFiles(app.Folder, "*.eml"));
        var message = await MimeKit.MimeMessage.LoadAsync(file);
        Assert.Equal(("Subject", "Hi"), (message.Subject, message.TextBody!.Trim()));
        Assert.Equal(OutboundEmailStatus.Sent, await app.QueryAsync(db => db.OutboundEmails.Where(e => e.DedupeKey == "pickup-1").Select(e => e.Status).SingleAsync()));
    }
}
