using System.Net;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Data;
using Great.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Faults;

/// <summary>
/// Two nodes on one PostgreSQL database and one Hangfire queue, each a process of its own. The node running a job is
/// killed (SIGKILL) with the job's rows written and not committed; the other node takes the job up once the dead
/// node has stopped touching it (Hangfire:InvisibilitySeconds, ADR-018) and completes it, once.
/// </summary>
public class NodeKillTests(PostgresAppFactory app) : IClassFixture<PostgresAppFactory>
{
    private static Dictionary<string, string> Node(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["Hangfire:Server"] = "true",
            ["Hangfire:Storage"] = "PostgreSql",
            ["Hangfire:QueuePollSeconds"] = "1",
            ["Hangfire:SchedulePollingSeconds"] = "1",
            ["Hangfire:InvisibilitySeconds"] = "8",
        };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    [Fact]
    public async Task Should_complete_once_on_the_other_node_a_full_roll_up_whose_node_was_killed()
    {
        // Figures kept (so neither node enqueues a first roll-up as it starts), then made wrong until a full roll-up runs.
        await app.RunAsync<ReachRollupJob>(j => j.RunFullAsync());
        var direct = await RollupFigures.DirectCountAsync(app);
        await app.QueryAsync(db => db.ReachRollups.ExecuteUpdateAsync(u => u.SetProperty(r => r.StudentsEnrolled, r => r.StudentsEnrolled + 1000)));
        var wrong = await RollupFigures.KeptAsync(app);
        Assert.NotEqual(direct, wrong);

        await using var a = await app.StartProcessAsync(Node((CommitHold.Setting, "ReachRollups")));
        var onA = a.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await onA.LoginAsync(DemoAccounts.Admin)).StatusCode);
        var started = await onA.SubmitAsync("/Admin/Reach", [], "form#recompute");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var followed = started.Headers.Location!.OriginalString; // /Admin/Reach?job=N
        var jobId = long.Parse(followed[(followed.IndexOf("job=", StringComparison.Ordinal) + 4)..]);
        await a.WaitForLineAsync(CommitHold.Announcement);

        await using var b = await app.StartProcessAsync(Node());
        await a.KillAsync();
        Assert.Equal(wrong, await RollupFigures.KeptAsync(app));

        // The administrator follows the job on the node that is left, as a browser would: the page says its state.
        var onB = b.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await onB.LoginAsync(DemoAccounts.Admin)).StatusCode);
        await Eventually.HoldsAsync(async () =>
        {
            var page = await onB.GetDocumentAsync(followed);
            return page.QuerySelector("#job-state")?.GetAttribute("data-state") == "Succeeded";
        }, TimeSpan.FromMinutes(2), $"job {jobId} succeeded on the node left");

        Assert.Equal(direct, await RollupFigures.KeptAsync(app));
        Assert.Single(b.Output.Split('\n'), l => l.Contains("Full roll-up in", StringComparison.Ordinal));
        Assert.DoesNotContain("Full roll-up in", a.Output);
        // Taken by both nodes in turn, succeeded once.
        var states = await app.QueryAsync(db => db.Database.SqlQuery<string>(
            $"SELECT name AS \"Value\" FROM hangfire.state WHERE jobid = {jobId} ORDER BY id").ToListAsync());
        Assert.Equal(["Enqueued", "Processing", "Processing", "Succeeded"], states);
    }
}
