using System.Net;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Faults;

/// <summary>
/// The app as a process of its own, asked to stop (SIGTERM, as systemd or a container runtime does) while a request
/// is halfway through its body and a full roll-up is running: the request finishes and saves, the roll-up stops at
/// its next safe point with nothing of it saved, and the process ends on its own with exit code 0.
/// </summary>
public class GracefulShutdownTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    [Fact]
    public async Task Should_finish_the_request_in_flight_and_stop_a_running_roll_up_with_nothing_saved_when_asked_to_stop()
    {
        await app.RunAsync<ReachRollupJob>(j => j.RunFullAsync()); // figures kept: the node enqueues none as it starts
        var classId = await app.QueryAsync(db => db.Classes.Where(c => c.School.Code == "SV-10101" && c.Section == "B").Select(c => c.Id).FirstAsync());
        var pending = await app.QueryAsync(db => db.PendingImports.CountAsync(p => p.ClassId == classId));
        var kept = await RollupFigures.KeptAsync(app);

        await using var node = await app.StartProcessAsync(new Dictionary<string, string>
        {
            ["Hangfire:Server"] = "true",
            [CommitHold.Setting] = "ReachRollups", // the roll-up is mid-transaction when the stop request comes
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information", // "Request starting …"
        });
        // A coordinator on a slow line: half of the roster is on its way when the stop request comes.
        var coordinator = node.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.LoginAsync(DemoAccounts.Coordinator)).StatusCode);
        var rest = new TaskCompletionSource();
        var roster = Uploads.Utf8("given_name,family_name,student_id\n" + string.Concat(Enumerable.Range(1, 30).Select(i => $"Lenta{i},Apellido{i},SLOW-{i:000}\n")));
        var upload = coordinator.UploadAsync($"/Classes/Import/{classId}", "roster.csv", roster, restOfBodyAfter: rest.Task);
        await node.WaitForLineAsync($"POST {node.BaseUrl}/Classes/Import/{classId}");

        // Meanwhile an administrator starts a full roll-up; it has written its rows and not committed them.
        var admin = node.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.LoginAsync(DemoAccounts.Admin)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync("/Admin/Reach", [], "form#recompute")).StatusCode);
        await node.WaitForLineAsync(CommitHold.Announcement);

        // SIGTERM: Hangfire calls the roll-up off (it rolls back), Kestrel lets the upload finish, then the process ends.
        var stopped = node.StopAsync();
        await node.WaitForLineAsync("Application is shutting down");
        rest.SetResult();

        var answered = await upload;
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Contains("/Classes/Import/", answered.Headers.Location!.OriginalString);
        Assert.Equal(0, await stopped);
        Assert.Contains("Full roll-up stopped by a stop request", node.Output);

        Assert.Equal(pending + 1, await app.QueryAsync(db => db.PendingImports.CountAsync(p => p.ClassId == classId)));
        Assert.Equal(kept, await RollupFigures.KeptAsync(app));
    }

    [Fact]
    public async Task Should_write_the_record_of_every_page_of_names_answered_before_a_stop()
    {
        var classId = await app.ClassIdAsync("SV-10101", "6", "B");
        var before = await app.QueryAsync(db => db.NameAccesses.CountAsync(a => a.ClassId == classId && a.View == NameView.Roster));
        await using var node = await app.StartProcessAsync();
        var coordinator = node.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.LoginAsync(DemoAccounts.Coordinator)).StatusCode);
        const int shown = 25;
        for (var i = 0; i < shown; i++) Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/Classes/Roster/{classId}")).StatusCode);

        // Written by the queue's writer off the requests' path; a stop writes what is still queued before the process ends.
        Assert.Equal(0, await node.StopAsync());
        Assert.Equal(before + shown, await app.QueryAsync(db => db.NameAccesses.CountAsync(a => a.ClassId == classId && a.View == NameView.Roster)));
    }
}
