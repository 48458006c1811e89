using System.Net;
using System.Text;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Data;
using Great.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Faults;

/// <summary>
/// The app as a process of its own, killed with SIGKILL at the worst moment: a transaction's rows all written and
/// none committed (held there by Testing:HoldCommitOfWritesTo, ADR-017, which says so on standard error). After the
/// kill nothing of that transaction is in the database, what was written before it is, and a restarted app finishes
/// the work. On SQLite (the default) and, in the suite's second pass, on PostgreSQL.
/// </summary>
public class KillTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    private static Dictionary<string, string> HoldingCommitOf(string table) => new() { [CommitHold.Setting] = table };

    private Task<int> CoordinatorsClassAsync(string section) => app.QueryAsync(db => db.Classes
        .Where(c => c.School.Code == "SV-10101" && c.Section == section).Select(c => c.Id).FirstAsync());

    private static byte[] Roster(string prefix, int students)
    {
        var csv = new StringBuilder("given_name,family_name,student_id\n");
        for (var i = 1; i <= students; i++) csv.Append($"Estudiante{i},Apellido{i},{prefix}-{i:000}\n");
        return Uploads.Utf8(csv.ToString());
    }

    private static async Task<string> UploadAsync(HttpClient browser, int classId, byte[] file)
    {
        var uploaded = await browser.UploadAsync($"/Classes/Import/{classId}", "roster.csv", file);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        return uploaded.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task Should_keep_nothing_of_an_import_killed_before_its_commit_and_import_it_once_after_a_restart()
    {
        var classId = await CoordinatorsClassAsync("B");
        var enrolled = await app.QueryAsync(db => db.Enrollments.CountAsync(e => e.ClassId == classId));
        var imports = await app.QueryAsync(db => db.RosterImports.CountAsync(i => i.ClassId == classId));

        string preview;
        await using (var first = await app.StartProcessAsync(HoldingCommitOf("RosterImports")))
        {
            var browser = first.CreateBrowser();
            Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(DemoAccounts.Coordinator)).StatusCode);
            preview = await UploadAsync(browser, classId, Roster("KILL", 40));
            var confirm = browser.SubmitAsync(preview, [], "form#confirm-import");
            await first.WaitForLineAsync(CommitHold.Announcement);
            await first.KillAsync();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => confirm);
        }

        // Not one of the 40 students, no enrolment, no import record; the upload waits to be confirmed again.
        Assert.Equal(0, await app.QueryAsync(db => db.Students.CountAsync(s => s.LocalId!.StartsWith("KILL-"))));
        Assert.Equal(enrolled, await app.QueryAsync(db => db.Enrollments.CountAsync(e => e.ClassId == classId)));
        Assert.Equal(imports, await app.QueryAsync(db => db.RosterImports.CountAsync(i => i.ClassId == classId)));
        Assert.Equal(1, await app.QueryAsync(db => db.PendingImports.CountAsync(p => p.ClassId == classId)));
        await AssertWholeAsync();

        await using var second = await app.StartProcessAsync();
        var again = second.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await again.LoginAsync(DemoAccounts.Coordinator)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await again.SubmitAsync(preview, [], "form#confirm-import")).StatusCode);
        Assert.Equal(40, await app.QueryAsync(db => db.Students.CountAsync(s => s.LocalId!.StartsWith("KILL-"))));
        Assert.Equal(enrolled + 40, await app.QueryAsync(db => db.Enrollments.CountAsync(e => e.ClassId == classId)));
        Assert.Equal(imports + 1, await app.QueryAsync(db => db.RosterImports.CountAsync(i => i.ClassId == classId)));
        Assert.Equal(0, await app.QueryAsync(db => db.PendingImports.CountAsync(p => p.ClassId == classId)));
    }

    [Fact]
    public async Task Should_keep_the_last_roll_up_and_its_requests_when_a_full_roll_up_is_killed_and_finish_after_a_restart()
    {
        // A change the roll-up has not seen yet: its save asked for the school to be recomputed.
        var browser = await app.SignedInAsync(DemoAccounts.Coordinator);
        var classId = await CoordinatorsClassAsync("A");
        var confirmed = await browser.SubmitAsync(await UploadAsync(browser, classId, Roster("ROLL", 5)), [], "form#confirm-import");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var requests = await app.QueryAsync(db => db.RollupRequests.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync());
        Assert.NotEmpty(requests);
        var kept = await RollupFigures.KeptAsync(app);
        var direct = await RollupFigures.DirectCountAsync(app);
        Assert.NotEqual(direct, kept);

        await using (var rollup = app.StartCommand(HoldingCommitOf("ReachRollups"), "recompute-reach"))
        {
            await rollup.WaitForLineAsync(CommitHold.Announcement);
            await rollup.KillAsync();
        }

        // The figures as they were, row for row, and every request still there.
        Assert.Equal(kept, await RollupFigures.KeptAsync(app));
        Assert.Equal(requests, await app.QueryAsync(db => db.RollupRequests.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync()));
        await AssertWholeAsync();

        await using var restarted = app.StartCommand(null, "recompute-reach");
        Assert.True(await restarted.ExitCodeAsync() == 0, restarted.Output);
        Assert.Equal(direct, await RollupFigures.KeptAsync(app));
        Assert.Equal(0, await app.QueryAsync(db => db.RollupRequests.CountAsync()));
    }

    [Fact]
    public async Task Should_keep_the_last_good_roster_when_a_roster_sync_is_killed_and_apply_the_changes_once_after_a_restart()
    {
        var school = await app.QueryAsync(db => db.Schools.Where(s => s.Kind == PlaceKind.School && s.Code != "SV-10101" && s.Region.CountryCode != "HN")
            .OrderBy(s => s.Id).Select(s => new { s.Id, s.Code }).FirstAsync());
        await using var server = (await FakeOneRoster.StartAsync()).WithFiveStudents(school.Code);
        var (admin, syncId, connectionId) = await app.ConnectAsync(server, school.Id);
        await admin.ConfirmSyncAsync(await admin.PullAsync(syncId));

        // What the nightly pull will find: one student more, one renamed, one withdrawn.
        server.AddStudent("u-6", "Fabio", "Hernández", "cls-5a", "E-6");
        FakeOneRoster.Touch(server.Users["u-2"], "givenName", "Roberto");
        FakeOneRoster.Touch(server.Enrollments["e-u-3"], "status", "tobedeleted");
        var roster = await app.RosterOfAsync(school.Id);
        var runs = await app.QueryAsync(db => db.RosterSyncRuns.CountAsync(r => r.ConnectionId == connectionId));

        await using (var sync = app.StartCommand(HoldingCommitOf("RosterSyncRuns"), "sync-rosters"))
        {
            await sync.WaitForLineAsync(CommitHold.Announcement);
            await sync.KillAsync();
        }

        // The roster as the last good sync left it, no run recorded; the killed node's lease is still on the connection.
        Assert.Equal(roster, await app.RosterOfAsync(school.Id));
        Assert.Equal(runs, await app.QueryAsync(db => db.RosterSyncRuns.CountAsync(r => r.ConnectionId == connectionId)));
        Assert.True(await app.QueryAsync(db => db.RosterConnections.AnyAsync(c => c.Id == connectionId && c.LeaseOwner != null)));
        await AssertWholeAsync();

        // Until the lease lapses (RosterConnection.LeaseLength) no node takes the connection; this moves its end to now.
        await using (var early = app.StartCommand(null, "sync-rosters"))
        {
            Assert.True(await early.ExitCodeAsync() == 0, early.Output);
            Assert.Contains("0 connection(s) synced", early.Output);
        }
        await app.QueryAsync(db => db.RosterConnections.Where(c => c.Id == connectionId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LeaseUntil, app.Time.GetUtcNow().AddSeconds(-1))));

        await using var restarted = app.StartCommand(null, "sync-rosters");
        Assert.True(await restarted.ExitCodeAsync() == 0, restarted.Output);
        Assert.Contains($"Connection {connectionId}: Applied, 1 added, 1 changed, 1 withdrawn", restarted.Output);
        var after = await app.RosterOfAsync(school.Id);
        Assert.Contains(("Fabio", "H", true), after);
        Assert.Contains(("Roberto", "D", true), after);
        Assert.Contains(("Carla", "E", false), after);
        Assert.Equal(6, after.Count);
        Assert.Equal(runs + 1, await app.QueryAsync(db => db.RosterSyncRuns.CountAsync(r => r.ConnectionId == connectionId)));
        Assert.True(await app.QueryAsync(db => db.RosterConnections.AnyAsync(c => c.Id == connectionId && c.LeaseOwner == null)));
    }

    /// <summary>The database file is whole after the kill (SQLite's own check; PostgreSQL recovers by its WAL).</summary>
    [Fact]
    public async Task Should_show_names_while_the_record_of_it_waits_for_its_commit_and_lose_only_the_queued_records_when_killed()
    {
        var classId = await CoordinatorsClassAsync("B");
        var recorded = await app.QueryAsync(db => db.NameAccesses.CountAsync(a => a.ClassId == classId));
        await using (var node = await app.StartProcessAsync(HoldingCommitOf("NameAccesses")))
        {
            var browser = node.CreateBrowser();
            Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(DemoAccounts.Coordinator)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Classes/Roster/{classId}")).StatusCode);
            // The record of that showing is written, not committed; the roster still answers at once (a page of names does
            // not wait for the writer), its own record queued behind the held batch.
            await node.WaitForLineAsync(CommitHold.Announcement);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Classes/Roster/{classId}")).StatusCode);
            await node.KillAsync();
        }
        // The crash lost the held batch and what was queued behind it (ADR-013), and nothing is half written.
        Assert.Equal(recorded, await app.QueryAsync(db => db.NameAccesses.CountAsync(a => a.ClassId == classId)));
        await AssertWholeAsync();
    }

    private async Task AssertWholeAsync()
    {
        if (GreatAppFactory.OnPostgres) return;
        var answer = await app.QueryAsync(db => db.Database.SqlQueryRaw<string>("SELECT integrity_check AS \"Value\" FROM pragma_integrity_check").ToListAsync());
        Assert.Equal(["ok"], answer);
    }
}
