using System.Net;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Privacy;

/// <summary>
/// Names go two school years after a student's last class, on a clock moved forward; every figure stays exactly as it
/// was, a held school keeps its names, and the audit trail keeps that it happened, not the name.
/// </summary>
public class RetentionTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private sealed record Figures(RollupLevel Level, int ScopeId, string Municipality, int SchoolYear, string Component, int Classes, int Enrolled,
        int Completed, int Lessons, int FamiliesEnrolled, int FamiliesReached, int FamiliesCompleted, int AdultsReached, int YouthReached);

    private async Task<(List<Figures> Rollup, List<(int Id, int Attended, int Highest)> Progress, int Present, int Marks)> FiguresAsync()
    {
        await app.RunAsync<ReachRollupJob>(j => j.RunFullAsync());
        var rollup = (await app.QueryAsync(db => db.ReachRollups.AsNoTracking().Select(r => new Figures(r.Level, r.ScopeId, r.Municipality, r.SchoolYear,
                r.ComponentCode, r.Classes, r.StudentsEnrolled, r.StudentsCompleted, r.LessonsDelivered, r.FamiliesEnrolled, r.FamiliesReached,
                r.FamiliesCompleted, r.AdultsReached, r.YouthReached)).ToListAsync()))
            .OrderBy(f => f.Level).ThenBy(f => f.ScopeId).ThenBy(f => f.Municipality).ThenBy(f => f.SchoolYear).ThenBy(f => f.Component).ToList();
        var progress = (await app.QueryAsync(db => db.Enrollments.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.LessonsAttended, e.HighestLessonAttended }).ToListAsync())).Select(e => (e.Id, e.LessonsAttended, e.HighestLessonAttended)).ToList();
        return (rollup, progress, await app.QueryAsync(db => db.Attendance.CountAsync(a => a.Present)), await app.QueryAsync(db => db.Attendance.CountAsync()));
    }

    [Fact]
    public async Task Should_remove_the_names_due_keep_every_figure_equal_skip_a_held_school_and_keep_no_name_in_the_trail()
    {
        // A student typed by hand: the audit trail holds their name until retention clears it.
        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator);
        var classId = await app.QueryAsync(db => db.Classes.Where(c => c.School.Code == "SV-10101" && c.Grade == "6").Select(c => c.Id).SingleAsync());
        await coordinator.SubmitAsync($"/Classes/Roster/{classId}",
            new Dictionary<string, string> { ["Input.GivenName"] = "Zacarías", ["Input.FamilyName"] = "Quintanilla", ["Input.LocalId"] = "RET-1" }, "form#add-student");
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Entity == "Student" && a.After!.Contains("Zacarías"))));

        // The held school: an evaluation under way.
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var held = await app.QueryAsync(db => db.Schools.Where(s => s.Code == "SV-10102").Select(s => s.Id).SingleAsync());
        var hold = await admin.SubmitAsync("/Admin/Privacy/Retention",
            new Dictionary<string, string> { ["SchoolId"] = held.ToString(), ["Reason"] = "Evaluación de impacto 2026–2029" }, "form#place-hold");
        Assert.Equal(HttpStatusCode.Redirect, hold.StatusCode);
        Assert.True(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Entity == nameof(RetentionHold) && a.Action == "Added" && a.UserName == DemoAccounts.Admin)));

        // What comes next: El Salvador's classes of 2026 lose their names when the school year 2029 starts.
        var schedule = await admin.GetDocumentAsync("/Admin/Privacy/Retention");
        var sv10101 = await app.QueryAsync(db => db.Schools.Where(s => s.Code == "SV-10101").Select(s => s.Id).SingleAsync());
        var row = schedule.QuerySelector($"#upcoming-removals tr[data-school='{sv10101}']")!;
        Assert.Contains(new DateOnly(2029, 1, 1).ToString("d", System.Globalization.CultureInfo.GetCultureInfo("en")), row.TextContent);
        Assert.Equal("true", schedule.QuerySelector($"#upcoming-removals tr[data-school='{held}']")!.GetAttribute("data-held"));

        // Not yet due: nothing happens.
        var removed = -1;
        await app.RunAsync<RetentionJob>(async j => removed = await j.RunAsync());
        Assert.Equal(0, removed);

        app.Clock.SetUtcNow(new DateTimeOffset(2029, 9, 2, 12, 0, 0, TimeSpan.Zero));
        // Three years on, the administrator signs in again.
        admin = app.CreateBrowser();
        await admin.LoginAsync(DemoAccounts.Admin);
        var before = await FiguresAsync();
        var names = await app.QueryAsync(db => db.Students.AsNoTracking().Select(s => new { s.Id, s.GivenName, s.SchoolId, s.LocalId }).ToListAsync());
        var keptIds = await app.QueryAsync(db => db.Students.Where(s => s.SchoolId == held || db.Enrollments.Any(e => e.StudentId == s.Id && e.Class.SchoolId == held))
            .Select(s => s.Id).ToListAsync());
        var neverEnrolled = await app.QueryAsync(db => db.Students.Where(s => !db.Enrollments.Any(e => e.StudentId == s.Id)).Select(s => s.Id).ToListAsync());

        await app.RunAsync<RetentionJob>(async j => removed = await j.RunAsync());

        var expected = names.Where(n => !keptIds.Contains(n.Id) && !neverEnrolled.Contains(n.Id)).ToList();
        Assert.Equal(expected.Count, removed);
        Assert.True(removed > 300, $"the demo programme's students ({removed}) lose their names");
        var after = await app.QueryAsync(db => db.Students.AsNoTracking().ToDictionaryAsync(s => s.Id));
        Assert.All(expected, n =>
        {
            var s = after[n.Id];
            Assert.Equal(($"ANON-{n.Id}", "X", (string?)null, (string?)null), (s.GivenName, s.FamilyInitial, s.LocalId, s.SourcedId));
            Assert.NotNull(s.PseudonymisedAt);
        });
        Assert.All(keptIds, id => Assert.Equal(names.Single(n => n.Id == id).GivenName, after[id].GivenName));

        // Every figure is what it was.
        var now = await FiguresAsync();
        Assert.Equal(before.Rollup, now.Rollup);
        Assert.Equal(before.Progress, now.Progress);
        Assert.Equal((before.Present, before.Marks), (now.Present, now.Marks));

        // The trail says it happened, when and why, and holds no name of those removed.
        var trail = await app.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Entity == "Student").ToListAsync());
        var removedIds = expected.Select(n => n.Id.ToString()).ToHashSet();
        Assert.Equal(removedIds.Order(), trail.Where(a => a.Action == AuditInterceptor.Pseudonymised).Select(a => a.EntityId).Order());
        Assert.All(trail.Where(a => a.Action == AuditInterceptor.Pseudonymised), a => Assert.Equal("Retention: 2 school years after the last class", a.Reason));
        Assert.All(trail.Where(a => removedIds.Contains(a.EntityId)), a => Assert.True(a.Before is null && a.After is null));
        Assert.False(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.After!.Contains("Zacarías") || a.Before!.Contains("Zacarías"))));

        // Run again: nothing left to do.
        await app.RunAsync<RetentionJob>(async j => removed = await j.RunAsync());
        Assert.Equal(0, removed);

        // Lifting the hold: the school's names follow the rule at the next run.
        var release = await admin.SubmitAsync("/Admin/Privacy/Retention", [], "form.release-hold");
        Assert.Equal(HttpStatusCode.Redirect, release.StatusCode);
        await app.RunAsync<RetentionJob>(async j => removed = await j.RunAsync());
        Assert.Equal(keptIds.Count(id => !neverEnrolled.Contains(id)), removed);
    }

    [Fact]
    public async Task Should_refuse_a_hold_without_a_reason_and_change_nothing()
    {
        var admin = app.CreateBrowser("es"); // an administrator reads English, whatever the browser asks
        await admin.LoginAsync(DemoAccounts.Admin);
        var school = await app.QueryAsync(db => db.Schools.Where(s => s.Code == "HN-0501").Select(s => s.Id).SingleAsync());
        var before = await app.QueryAsync(db => db.RetentionHolds.CountAsync());
        var refused = await admin.SubmitAsync("/Admin/Privacy/Retention",
            new Dictionary<string, string> { ["SchoolId"] = school.ToString(), ["Reason"] = "   " }, "form#place-hold");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Say why the names are kept.", string.Concat((await Forms.ParseAsync(refused)).QuerySelectorAll("[role=alert]").Select(a => a.TextContent)));
        Assert.Equal(before, await app.QueryAsync(db => db.RetentionHolds.CountAsync()));
    }
}
