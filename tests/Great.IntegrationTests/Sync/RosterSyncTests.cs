using System.Net;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Domain;
using Great.Web.Jobs;
using Great.Web.Sync;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Great.IntegrationTests.Sync;

/// <summary>The app with two records a page, so that a handful of students already spans several pages.</summary>
public sealed class SmallPagesAppFactory : GreatAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RosterSync:PageSize", "2");
    }
}

/// <summary>
/// A school connected once follows its source: a previewed first pull, then delta pulls from a real OneRoster 1.2
/// server on loopback, applied all or nothing; every failure leaves the last good roster and says what happened.
/// </summary>
public class RosterSyncTests(SmallPagesAppFactory app) : IClassFixture<SmallPagesAppFactory>
{
    private static int _nextSchool;

    /// <summary>A school outside Honduras that no other test of this class uses (the coordinator's own, for the email test).</summary>
    private async Task<(int Id, string Code)> SchoolAsync(bool coordinators = false)
    {
        var schools = await app.QueryAsync(db => db.Schools.Where(s => s.Kind == PlaceKind.School && (s.Code == "SV-10101" || s.Region.CountryCode != "HN"))
            .OrderBy(s => s.Code == "SV-10101" ? 0 : 1).ThenBy(s => s.Id).Select(s => new { s.Id, s.Code }).ToListAsync());
        var pick = coordinators ? schools[0] : schools[1 + Interlocked.Increment(ref _nextSchool) % (schools.Count - 1)];
        return (pick.Id, pick.Code);
    }

    private async Task<RosterSyncRun?> RunJobAsync(int connectionId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RosterSyncJob>().RunAllAsync();
        return await app.QueryAsync(db => db.RosterSyncRuns.Where(r => r.ConnectionId == connectionId).OrderByDescending(r => r.Id).FirstOrDefaultAsync());
    }

    [Fact]
    public async Task Should_preview_the_first_pull_apply_nothing_until_confirmed_then_follow_the_source()
    {
        await using var server = (await FakeOneRoster.StartAsync()).WithFiveStudents((await SchoolAsync()).Code);
        var schoolId = await app.QueryAsync(db => db.Schools.Where(s => s.Code == server.OrgIdentifier).Select(s => s.Id).SingleAsync());
        var (admin, syncId, connectionId) = await app.ConnectAsync(server, schoolId);

        // The secret is stored as ciphertext only.
        var stored = await app.QueryAsync(db => db.RosterConnections.Where(c => c.Id == connectionId).Select(c => c.ProtectedSecret).SingleAsync());
        Assert.DoesNotContain(server.Secret, stored);
        Assert.True(stored.Length > 40);
        // Typed again on an edit, it is encrypted anew, and the audit trail keeps that the secret changed, never the ciphertext.
        var resaved = await admin.SubmitAsync($"/Rosters/Edit/{connectionId}", new Dictionary<string, string> { ["Input.ClientSecret"] = server.Secret }, "form#connection-form");
        Assert.Equal(HttpStatusCode.Redirect, resaved.StatusCode);
        var restored = await app.QueryAsync(db => db.RosterConnections.Where(c => c.Id == connectionId).Select(c => c.ProtectedSecret).SingleAsync());
        Assert.NotEqual(stored, restored);
        var trail = await app.QueryAsync(db => db.AuditEntries.Where(a => a.Entity == nameof(RosterConnection)).Select(a => (a.Before ?? "") + (a.After ?? "")).ToListAsync());
        Assert.DoesNotContain(trail, t => t.Contains(stored) || t.Contains(restored) || t.Contains(server.Secret));
        Assert.Contains(trail, t => t.Contains($"\"ProtectedSecret\":\"{SecretAttribute.Mark}\""));
        var edit = await admin.GetDocumentAsync($"/Rosters/Edit/{connectionId}");
        Assert.DoesNotContain(server.Secret, edit.DocumentElement.OuterHtml);

        var previewUrl = await admin.PullAsync(syncId);
        var preview = await admin.GetDocumentAsync(previewUrl);
        Assert.Equal("5", preview.QuerySelector("[data-kind=NewStudent] .count")!.TextContent);
        Assert.Equal("1", preview.QuerySelector("[data-kind=NewClass] .count")!.TextContent);
        Assert.Empty(await app.RosterOfAsync(schoolId));
        // Five students two a page: three pages, each asked for by offset.
        Assert.Contains(server.Requests, r => r.Contains("/students?limit=2&offset=4"));

        await admin.ConfirmSyncAsync(previewUrl);
        var roster = await app.RosterOfAsync(schoolId);
        Assert.Equal(5, roster.Count(r => r.Active));
        Assert.Contains(("Beto", "D", true), roster);
        var run = await app.QueryAsync(db => db.RosterSyncRuns.SingleAsync(r => r.ConnectionId == connectionId));
        Assert.Equal((RosterSyncOutcome.Applied, 5, false), (run.Outcome, run.Added, run.Delta));
        Assert.True(await app.QueryAsync(db => db.RosterConnectionSchools.AnyAsync(s => s.Id == syncId && s.SyncedFrom != null)));
        Assert.False(await app.QueryAsync(db => db.Students.AnyAsync(s => s.GivenName == "" )));
    }

    [Fact]
    public async Task Should_apply_a_delta_that_adds_one_student_renames_one_and_withdraws_one()
    {
        await using var server = (await FakeOneRoster.StartAsync()).WithFiveStudents((await SchoolAsync()).Code);
        var schoolId = await app.QueryAsync(db => db.Schools.Where(s => s.Code == server.OrgIdentifier).Select(s => s.Id).SingleAsync());
        var (admin, syncId, connectionId) = await app.ConnectAsync(server, schoolId);
        await admin.ConfirmSyncAsync(await admin.PullAsync(syncId));

        server.AddStudent("u-6", "Fabio", "Hernández", "cls-5a", "E-6");
        FakeOneRoster.Touch(server.Users["u-2"], "givenName", "Roberto");
        FakeOneRoster.Touch(server.Enrollments["e-u-3"], "status", "tobedeleted");
        var before = server.Requests.Count;
        var run = await RunJobAsync(connectionId);

        Assert.NotNull(run);
        Assert.Equal((RosterSyncOutcome.Applied, true, 1, 1, 1), (run!.Outcome, run.Delta, run.Added, run.Changed, run.Withdrawn));
        Assert.All(server.Requests.Skip(before).Where(r => r.Contains("/schools/")), r => Assert.Contains("filter=dateLastModified", r));
        var roster = await app.RosterOfAsync(schoolId);
        Assert.Contains(("Fabio", "H", true), roster);
        Assert.Contains(("Roberto", "D", true), roster);
        Assert.Contains(("Carla", "E", false), roster); // withdrawn, dated, still there
        Assert.Equal(5, roster.Count(r => r.Active));

        // The history shows the run with its counts.
        var history = await admin.GetDocumentAsync($"/Rosters/Sync/{syncId}");
        var latest = history.QuerySelector("#sync-history tbody tr")!;
        Assert.Equal(("1", "1", "1"), (latest.QuerySelector(".added")!.TextContent, latest.QuerySelector(".changed")!.TextContent, latest.QuerySelector(".withdrawn")!.TextContent));
    }

    [Fact]
    public async Task Should_apply_nothing_when_page_3_of_5_fails_and_tell_the_coordinator()
    {
        var school = await SchoolAsync(coordinators: true);
        await using var server = (await FakeOneRoster.StartAsync()).WithFiveStudents(school.Code);
        for (var i = 6; i <= 10; i++) server.AddStudent($"u-{i}", $"Extra{i}", "López", "cls-5a");
        var (admin, syncId, connectionId) = await app.ConnectAsync(server, school.Id);
        await admin.ConfirmSyncAsync(await admin.PullAsync(syncId));
        var before = await app.RosterOfAsync(school.Id);

        foreach (var user in server.Users.Values) FakeOneRoster.Touch(user, "givenName", "Renamed");
        server.FailPage = ("users", 3);
        var run = await RunJobAsync(connectionId);

        Assert.Equal(RosterSyncOutcome.Failed, run!.Outcome);
        Assert.Contains("500", run.Error);
        Assert.Equal(before, await app.RosterOfAsync(school.Id));
        Assert.True(await app.QueryAsync(db => db.RosterConnectionSchools.AnyAsync(s => s.Id == syncId && s.SyncedFrom < run.StartedAt)));
        var email = await app.QueryAsync(db => db.OutboundEmails.Where(e => e.Kind == RosterSync.FailedEmail && e.Recipient == DemoAccounts.Coordinator).SingleAsync());
        Assert.Contains("500", email.Text);
        Assert.Contains("Funcionó por última vez el", email.Text); // in the coordinator's language

        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator, "es");
        var page = await coordinator.GetDocumentAsync($"/Rosters/Sync/{syncId}");
        Assert.Contains("no aplicó nada", page.QuerySelector("#last-failure")!.TextContent);
        var schoolPage = await coordinator.GetDocumentAsync($"/Schools/Details/{school.Id}");
        Assert.NotNull(schoolPage.QuerySelector("#roster-sync .text-danger"));

        // Once the server answers again, the next pull applies the whole change.
        server.FailPage = null;
        var again = await RunJobAsync(connectionId);
        Assert.Equal((RosterSyncOutcome.Applied, 10), (again!.Outcome, again.Changed));
    }

    [Fact]
    public async Task Should_renew_a_token_the_server_no_longer_takes()
    {
        await using var server = (await FakeOneRoster.StartAsync()).WithFiveStudents((await SchoolAsync()).Code);
        var schoolId = await app.QueryAsync(db => db.Schools.Where(s => s.Code == server.OrgIdentifier).Select(s => s.Id).SingleAsync());
        var (admin, syncId, connectionId) = await app.ConnectAsync(server, schoolId);
        await admin.ConfirmSyncAsync(await admin.PullAsync(syncId));
        var tokens = server.TokensIssued;

        server.ExpireTokens();
        FakeOneRoster.Touch(server.Users["u-1"], "givenName", "Anabel");
        var run = await RunJobAsync(connectionId);

        Assert.Equal((RosterSyncOutcome.Applied, 1), (run!.Outcome, run.Changed));
        Assert.Equal(tokens + 1, server.TokensIssued);
    }

    [Fact]
    public async Task Should_say_the_secret_is_wrong_and_apply_nothing()
    {
        await using var server = (await FakeOneRoster.StartAsync()).WithFiveStudents((await SchoolAsync()).Code);
        var schoolId = await app.QueryAsync(db => db.Schools.Where(s => s.Code == server.OrgIdentifier).Select(s => s.Id).SingleAsync());
        var (admin, _, connectionId) = await app.ConnectAsync(server, schoolId, secret: "not-the-secret");
        var page = await admin.GetDocumentAsync($"/Rosters/Schools/{connectionId}");
        Assert.Contains("refused the client id or secret (401)", page.QuerySelector("#source-error")!.TextContent);
        Assert.Null(page.QuerySelector("form#school-mapping"));
        Assert.Empty(await app.RosterOfAsync(schoolId));
    }

    [Theory]
    [InlineData("es", "nada responde en esa dirección")]
    [InlineData("en", "nothing answers at that address")]
    public async Task Should_say_in_the_readers_words_that_nothing_answers_at_the_connections_address(string language, string reason)
    {
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var regionId = await app.QueryAsync(db => db.Regions.Where(r => r.CountryCode == "SV").Select(r => r.Id).SingleAsync());
        var nobody = $"http://127.0.0.1:{TestHost.FreePort()}";
        var saved = await admin.SubmitAsync("/Rosters/Edit", new Dictionary<string, string>
        {
            ["Input.RegionId"] = regionId.ToString(), ["Input.Name"] = $"Nobody {language}", ["Input.BaseUrl"] = nobody + "/ims/oneroster/rostering/v1p2",
            ["Input.TokenUrl"] = nobody + "/token", ["Input.ClientId"] = "great", ["Input.ClientSecret"] = "secret",
        }, "form#connection-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var error = (await admin.GetDocumentAsync(saved.Headers.Location!.OriginalString + $"?culture={language}")).QuerySelector("#source-error")!.TextContent;
        Assert.Contains(reason, error);
        Assert.DoesNotContain("refused", error.Replace(reason, ""), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1:" + nobody.Split(':').Last() + ")", error);
    }

    [Fact]
    public async Task Should_never_run_one_connections_sync_twice_at_the_same_time()
    {
        await using var server = (await FakeOneRoster.StartAsync()).WithFiveStudents((await SchoolAsync()).Code);
        var schoolId = await app.QueryAsync(db => db.Schools.Where(s => s.Code == server.OrgIdentifier).Select(s => s.Id).SingleAsync());
        var (admin, syncId, connectionId) = await app.ConnectAsync(server, schoolId);
        await admin.ConfirmSyncAsync(await admin.PullAsync(syncId));
        var runs = await app.QueryAsync(db => db.RosterSyncRuns.CountAsync(r => r.ConnectionId == connectionId));

        server.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = server.Arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var first = app.Services.CreateAsyncScope();
        var running = first.ServiceProvider.GetRequiredService<RosterSync>().RunAsync(connectionId, RosterSyncTrigger.Scheduled, null, null);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // A second node (its own scope and context) finds the connection taken and does nothing.
        await using var second = app.Services.CreateAsyncScope();
        var other = await second.ServiceProvider.GetRequiredService<RosterSync>().RunAsync(connectionId, RosterSyncTrigger.Scheduled, null, null);
        Assert.Null(other);
        Assert.False(running.IsCompleted);

        server.Hold.SetResult();
        var done = await running.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(RosterSyncOutcome.Applied, done!.Outcome);
        Assert.Equal(runs + 1, await app.QueryAsync(db => db.RosterSyncRuns.CountAsync(r => r.ConnectionId == connectionId)));
        Assert.True(await app.QueryAsync(db => db.RosterConnections.AnyAsync(c => c.Id == connectionId && c.LeaseOwner == null)));
    }

    [Fact]
    public async Task Should_answer_404_to_another_regions_manager()
    {
        await using var server = (await FakeOneRoster.StartAsync()).WithFiveStudents((await SchoolAsync()).Code);
        var schoolId = await app.QueryAsync(db => db.Schools.Where(s => s.Code == server.OrgIdentifier).Select(s => s.Id).SingleAsync());
        var (_, syncId, connectionId) = await app.ConnectAsync(server, schoolId);
        var manager = await app.SignedInAsync(DemoAccounts.ManagerHn);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/Rosters/Sync/{syncId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/Rosters/Schools/{connectionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/Rosters/Edit/{connectionId}")).StatusCode);
        var instructor = await app.SignedInAsync(DemoAccounts.Instructor);
        Assert.Equal(HttpStatusCode.Forbidden, (await instructor.GetAsync($"/Rosters/Sync/{syncId}")).StatusCode);
    }
}
