using System.Collections.Concurrent;
using System.Net;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Domain;
using Great.Web.Email;
using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Great.IntegrationTests.ScaleOut;

/// <summary>One Great node on real Kestrel, on a PostgreSQL database and Hangfire storage it shares with other nodes.</summary>
public sealed class Node : WebApplicationFactory<Program>
{
    private readonly string _connectionString;

    public string PickupFolder { get; } = Directory.CreateTempSubdirectory("great-node-").FullName;
    public Uri BaseUrl { get; private set; } = null!;

    public Node(string connectionString)
    {
        _connectionString = connectionString;
        UseKestrel(0);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in TestHost.Settings) builder.UseSetting(key, value);
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("ConnectionStrings:Great", _connectionString);
        builder.UseSetting("Seed:Demo", "true");
        // Unlike the other tests' apps, these nodes run Hangfire's server: sharing its queue is what they test.
        builder.UseSetting("Hangfire:Storage", "PostgreSql");
        builder.UseSetting("Hangfire:Server", "true");
        builder.UseSetting("Hangfire:SchedulePollingSeconds", "1");
        builder.UseSetting("Hangfire:QueuePollSeconds", "1");
        builder.UseSetting("Email:PickupFolder", PickupFolder);
    }

    public Node Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
        return this;
    }

    public async Task RunAsync<TJob>(Func<TJob, Task> run) where TJob : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(PickupFolder, recursive: true);
    }
}

/// <summary>A recurring job of the test's own: it notes the minute it ran in, whichever node ran it.</summary>
public sealed class ProbeJob
{
    public static readonly ConcurrentQueue<DateTime> Runs = new();

#pragma warning disable RS0030 // Hangfire's schedule runs on the real clock: the minute it ran in is a real one
    public void Run() => Runs.Enqueue(DateTime.UtcNow);
#pragma warning restore RS0030
}

public class TwoNodeTests : IAsyncLifetime
{
    private readonly string _database = $"great_nodes_{Guid.NewGuid():N}";
    private Node _a = null!, _b = null!;

    public Task InitializeAsync()
    {
        var connection = GreatAppFactory.PostgresDatabase(_database);
        _a = new Node(connection).Start(); // migrates and seeds first, alone
        _b = new Node(connection).Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        await GreatAppFactory.DropPostgresDatabaseAsync(_database);
    }

    private static HttpClient Client(Node node, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = node.BaseUrl };

    [Fact]
    public async Task Should_accept_on_one_node_the_sign_in_made_on_the_other_and_show_there_a_lesson_recorded_here()
    {
        var cookies = new CookieContainer();
        var onA = Client(_a, cookies);
        var onB = Client(_b, cookies);
        Assert.Equal(HttpStatusCode.Redirect, (await onA.LoginAsync(DemoAccounts.Instructor)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/Classes/Mine")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/health")).StatusCode);

        await using var scope = _a.Services.CreateAsyncScope();
        var classId = await scope.ServiceProvider.GetRequiredService<Great.Web.Data.GreatDbContext>().Classes
            .Where(c => c.School.Code == "SV-10102" && c.Grade == "4" && c.Section == "A").Select(c => c.Id).SingleAsync();
        var recorded = await onA.SubmitAsync($"/Lessons/Record/{classId}", []);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var page = await onB.GetDocumentAsync($"/Classes/Details/{classId}");
        // Lessons 1 and 2 came with the demo; lesson 3 was just recorded on the other node.
        var taught = page.QuerySelectorAll("#lessons tbody tr").Count(r => r.QuerySelector("td:nth-child(5)")!.TextContent.Contains('/'));
        Assert.Equal(3, taught);
    }

    [Fact]
    public async Task Should_send_each_queued_email_exactly_once_when_both_nodes_dispatch_at_the_same_time()
    {
        await using (var scope = _a.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Great.Web.Data.GreatDbContext>();
            var outbox = new OutboxBatch(db, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
            for (var i = 0; i < 40; i++)
            {
                outbox.Queue("test", $"two-nodes-{i}", $"person{i}@example.org", "es", () => new RenderedEmail("Asunto", "<p>Hola</p>", "Hola"));
            }
            await outbox.SaveAsync();
        }
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? _a : _b).RunAsync<EmailDispatchJob>(j => j.DispatchAsync())));

        var files = Directory.GetFiles(_a.PickupFolder, "*.eml").Concat(Directory.GetFiles(_b.PickupFolder, "*.eml")).ToList();
        var keys = files.Select(f => MimeMessage.Load(f).Headers["X-Great-Dedupe-Key"] ?? "").Where(k => k.StartsWith("two-nodes-")).ToList();
        Assert.Equal(40, keys.Count);
        Assert.Equal(40, keys.Distinct().Count());
    }

    [Fact]
    public async Task Should_run_a_recurring_job_once_per_occurrence_across_both_nodes()
    {
        // Both nodes run a job server on the shared storage.
        var monitoring = _a.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await Eventually.HoldsAsync(() => monitoring.Servers().Count == 2, TimeSpan.FromSeconds(20), "both nodes' job servers registered");
        foreach (var node in new[] { _a, _b })
        {
            node.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<ProbeJob>("two-node-probe", j => j.Run(), Cron.Minutely());
        }
        ProbeJob.Runs.Clear();
        await Eventually.HoldsAsync(() => !ProbeJob.Runs.IsEmpty, TimeSpan.FromSeconds(80), "the probe's first occurrence ran");
        // A node enqueues an occurrence only while it moves the job's next execution on (under the storage's lock), so once
        // nothing is queued or running, every run of that occurrence has happened.
        await Eventually.HoldsAsync(() => monitoring.ProcessingCount() == 0 && monitoring.Queues().All(q => q.Length == 0), TimeSpan.FromSeconds(20),
            "no probe left queued or running");
        Assert.NotEmpty(ProbeJob.Runs);
        Assert.All(ProbeJob.Runs.GroupBy(r => new DateTime(r.Year, r.Month, r.Day, r.Hour, r.Minute, 0)), minute => Assert.Single(minute));
    }
}
