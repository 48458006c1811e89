using System.Net;
using System.Net.Http.Json;
using System.Text;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Curriculum;
using Great.Web.Data;
using Great.Web.Domain;
using Great.Web.Jobs;
using Great.Web.Pages.Reach;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Great.IntegrationTests.Reach;

public class DashboardTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private const int SchoolYear = 2026;

    private async Task<HttpClient> ManagerSvAsync()
    {
        await app.RunAsync<ReachRollupJob>(j => j.RunFullAsync());
        return await app.SignedInAsync(DemoAccounts.ManagerSv);
    }

    private Task<int> RegionIdAsync(string country) => app.QueryAsync(db => db.Regions.Where(r => r.CountryCode == country).Select(r => r.Id).SingleAsync());

    /// <summary>Students of a region who completed a component this school year, counted from raw attendance.</summary>
    private async Task<(int Enrolled, int Completed)> DirectCountAsync(int regionId, string component)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GreatDbContext>();
        var rule = scope.ServiceProvider.GetRequiredService<CurriculumCatalogue>().CurrentEdition(component)!;
        var enrollments = await db.Enrollments.AsNoTracking()
            .Where(e => e.WithdrawnOn == null && e.Class.School.RegionId == regionId && e.Class.SchoolYear == SchoolYear
                && e.Class.ComponentCode == component && e.Class.Status != ClassStatus.Cancelled)
            .Select(e => new { e.Id, e.StudentId, Present = e.Class.Deliveries.SelectMany(d => d.Attendance).Where(a => a.EnrollmentId == e.Id && a.Present).Select(a => a.Delivery.LessonNumber).ToList() })
            .ToListAsync();
        return (enrollments.Select(e => e.StudentId).Distinct().Count(),
            enrollments.Where(e => rule.Completion.IsMetBy(e.Present, rule.LessonCount)).Select(e => e.StudentId).Distinct().Count());
    }

    [Fact]
    public async Task Should_show_on_the_dashboard_and_in_the_api_the_roll_up_which_equals_a_direct_count()
    {
        var browser = await ManagerSvAsync();
        var sv = await RegionIdAsync("SV");
        var (enrolled, completed) = await DirectCountAsync(sv, "ELEM");
        Assert.True(completed > 0);
        var rollup = await app.QueryAsync(db => db.ReachRollups.SingleAsync(r => r.Level == RollupLevel.Region && r.ScopeId == sv && r.SchoolYear == SchoolYear && r.ComponentCode == "ELEM"));
        Assert.Equal((enrolled, completed), (rollup.StudentsEnrolled, rollup.StudentsCompleted));

        var page = await browser.GetDocumentAsync("/Reach");
        var card = page.QuerySelector("#reach-components [data-component=ELEM]")!;
        Assert.Equal(completed.ToString("N0"), card.QuerySelector("[data-figure=completed]")!.TextContent);
        Assert.Equal(enrolled.ToString("N0"), card.QuerySelector("[data-figure=enrolled]")!.TextContent);
        Assert.Contains("Cifras al", page.QuerySelector("#as-of")!.TextContent);
        Assert.NotNull(page.QuerySelector("#completion-chart polyline"));
        var regionTarget = await app.QueryAsync(db => db.ReachTargets.Where(t => t.RegionId == sv && t.SchoolId == null && t.SchoolYear == SchoolYear && t.ComponentCode != "FAM").SumAsync(t => t.StudentsToComplete));
        Assert.Equal(regionTarget.ToString(), page.QuerySelector("#completion-chart line[data-target]")!.GetAttribute("data-target"));

        var api = await browser.GetFromJsonAsync<ReachApi.Response>($"/api/reach?schoolYear={SchoolYear}&level=region&id={sv}");
        var elementary = api!.Components.Single(c => c.Component == "ELEM");
        Assert.Equal((enrolled, completed, 150), (elementary.StudentsEnrolled, elementary.StudentsCompleted, elementary.Target!.Value));

        // Drill-down: the school's figures add up to the region's.
        var schools = await app.QueryAsync(db => db.Schools.Where(s => s.RegionId == sv).Select(s => s.Id).ToListAsync());
        var sum = 0;
        foreach (var school in schools)
        {
            var figures = await browser.GetFromJsonAsync<ReachApi.Response>($"/api/reach?schoolYear={SchoolYear}&level=school&id={school}");
            sum += figures!.Components.Where(c => c.Component == "ELEM").Sum(c => c.StudentsCompleted ?? 0);
        }
        Assert.Equal(completed, sum);
    }

    [Fact]
    public async Task Should_refuse_a_manager_the_figures_of_another_region_or_of_the_programme()
    {
        var browser = await ManagerSvAsync();
        var honduras = await RegionIdAsync("HN");
        var honduranSchool = await app.QueryAsync(db => db.Schools.Where(s => s.RegionId == honduras).Select(s => s.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/api/reach?schoolYear={SchoolYear}&level=region&id={honduras}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/api/reach?schoolYear={SchoolYear}&level=school&id={honduranSchool}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/api/reach?schoolYear={SchoolYear}&level=municipality&id={honduras}&municipality=Distrito%20Central")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/api/reach?schoolYear={SchoolYear}&level=program")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Reach/School/{honduranSchool}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/Reach/Program")).StatusCode);

        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync($"/api/reach?schoolYear={SchoolYear}&level=region&id={await RegionIdAsync("SV")}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowser().GetAsync($"/api/reach?schoolYear={SchoolYear}&level=program")).StatusCode);
    }

    [Fact]
    public async Task Should_show_a_region_of_many_schools_fifty_at_a_time_and_export_them_all()
    {
        var regionId = await app.QueryAsync(async db =>
        {
            var region = new Region { Name = "Región de prueba", CountryCode = "GT", TimeZone = "America/Guatemala", DefaultCulture = "es" };
            for (var i = 1; i <= 60; i++) region.Schools.Add(new School { Municipality = $"Municipio {i % 3}", Code = $"GT-{i:D5}", Name = $"Escuela {i:D2}" });
            db.Regions.Add(region);
            await db.SaveChangesAsync();
            return region.Id;
        });
        await app.RunAsync<ReachRollupJob>(j => j.RunFullAsync());
        var admin = await app.SignedInAsync(DemoAccounts.Admin);

        var first = await admin.GetDocumentAsync($"/Reach?regionId={regionId}");
        Assert.Equal(IndexModel.RowsPerPage, first.QuerySelectorAll("#region-schools tbody tr").Length);
        Assert.Equal(2, first.QuerySelectorAll("#school-pages li").Length);
        var second = await admin.GetDocumentAsync($"/Reach?regionId={regionId}&schoolPage=2");
        var rest = second.QuerySelectorAll("#region-schools tbody tr").Select(tr => tr.QuerySelector("td")!.TextContent).ToList();
        Assert.Equal(60 - IndexModel.RowsPerPage, rest.Count);
        Assert.DoesNotContain(rest, name => first.QuerySelectorAll("#region-schools tbody tr td:first-child").Any(td => td.TextContent == name));

        var csv = Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"/Reach?handler=Export&regionId={regionId}&table=schools")).TrimStart('\uFEFF');
        Assert.Equal(60, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1);
    }

    [Fact]
    public async Task Should_escape_formula_like_cells_and_hide_small_counts_when_asked()
    {
        var sv = await RegionIdAsync("SV");
        await app.QueryAsync(async db =>
        {
            db.Schools.Add(new School { RegionId = sv, Municipality = "Apopa", Code = "SV-99001", Name = "=HYPERLINK(\"http://evil.example\")" });
            return await db.SaveChangesAsync();
        });
        var browser = await ManagerSvAsync();
        var plain = Encoding.UTF8.GetString(await browser.GetByteArrayAsync($"/Reach?handler=Export&regionId={sv}&table=schools")).TrimStart('\uFEFF');
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"", plain);
        Assert.DoesNotContain("<10", plain);

        var shared = Encoding.UTF8.GetString(await browser.GetByteArrayAsync($"/Reach?handler=Export&regionId={sv}&table=schools&suppress=true")).TrimStart('\uFEFF');
        var santaAna = shared.Split("\r\n").Single(l => l.StartsWith("Instituto Nacional de Santa Ana Norte"));
        // Classes, students enrolled and completed, families enrolled and completed (none: 0 reads <10 too), lessons, instructors.
        Assert.StartsWith("Instituto Nacional de Santa Ana Norte,Santa Ana,<10,23,<10,<10,<10,<10,<10,", santaAna);
    }

    [Fact]
    public async Task Should_let_a_manager_set_a_target_and_refuse_a_negative_one()
    {
        var browser = await ManagerSvAsync();
        var bad = await browser.SubmitAsync("/Reach/Targets", new Dictionary<string, string>
        {
            ["Input.SchoolYear"] = SchoolYear.ToString(), ["Input.ComponentCode"] = "SUM", ["Input.StudentsToComplete"] = "-5",
        });
        Assert.Contains("Escriba un número de 0 a 10 000 000.", (await Forms.ParseAsync(bad)).Text());
        Assert.False(await app.QueryAsync(db => db.ReachTargets.AnyAsync(t => t.ComponentCode == "SUM" && t.Region.CountryCode == "SV")));

        var saved = await browser.SubmitAsync("/Reach/Targets", new Dictionary<string, string>
        {
            ["Input.SchoolYear"] = SchoolYear.ToString(), ["Input.ComponentCode"] = "SUM", ["Input.StudentsToComplete"] = "25",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await browser.GetDocumentAsync("/Reach");
        Assert.Contains("de la meta de 25", page.QuerySelector("#reach-components [data-component=SUM]")!.TextContent);
    }
}

/// <summary>Each target says in words where it stands, in the reader's language, on the manager's and the administrator's pages.</summary>
public class TargetPaceTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private const int SchoolYear = 2026;

    private Task SetTargetAsync(int regionId, string component, int students) => app.QueryAsync(async db =>
    {
        var target = await db.ReachTargets.FirstOrDefaultAsync(t => t.RegionId == regionId && t.SchoolId == null && t.SchoolYear == SchoolYear && t.ComponentCode == component);
        if (target is null) db.ReachTargets.Add(target = new ReachTarget { RegionId = regionId, SchoolYear = SchoolYear, ComponentCode = component });
        target.Aim(students);
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Should_say_behind_or_ahead_with_the_figures_it_rests_on_in_both_languages()
    {
        var region = await app.QueryAsync(db => db.Regions.SingleAsync(r => r.CountryCode == "SV"));
        await SetTargetAsync(region.Id, "ELEM", 1);        // already passed
        await SetTargetAsync(region.Id, "MID", 100_000);  // far out of reach
        await app.RunAsync<ReachRollupJob>(j => j.RunFullAsync());
        var manager = await app.SignedInAsync(DemoAccounts.ManagerSv);

        var page = await manager.GetDocumentAsync("/Reach");
        var ahead = page.QuerySelector("#reach-components [data-component=ELEM] .target-pace")!;
        Assert.Equal("Ahead", ahead.GetAttribute("data-pace"));
        Assert.Equal("Adelantado", ahead.QuerySelector("[data-figure=pace]")!.TextContent);
        var behind = page.QuerySelector("#reach-components [data-component=MID] .target-pace")!;
        Assert.Equal("Behind", behind.GetAttribute("data-pace"));
        Assert.Equal("Con retraso", behind.QuerySelector("[data-figure=pace]")!.TextContent);
        Assert.NotNull(behind.QuerySelector(".progress-bar.bg-danger"));

        // What "behind" rests on: the share of the target the year has run through, and where the pace so far ends.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(region.TimeZone)).DateTime);
        var start = new DateOnly(SchoolYear, region.SchoolYearStartMonth, 1);
        var end = start.AddYears(1).AddDays(-1);
        var (elapsed, days) = (today.DayNumber - start.DayNumber + 1, end.DayNumber - start.DayNumber + 1);
        var spanish = System.Globalization.CultureInfo.GetCultureInfo("es");
        var card = page.QuerySelector("#reach-components [data-component=MID]")!;
        var completed = int.Parse(card.QuerySelector("[data-figure=completed]")!.TextContent, System.Globalization.NumberStyles.AllowThousands, spanish);
        var expected = (int)Math.Round(100_000.0 * elapsed / days);
        var projected = (int)Math.Round(completed * (double)days / elapsed);
        Assert.Equal($"Previsto a la fecha: {expected.ToString("N0", spanish)}. A este ritmo: {projected.ToString("N0", spanish)} al {end.ToString("d MMM yyyy", spanish)}.",
            behind.QuerySelector("[data-figure=projected]")!.TextContent.Trim());

        // The administrator's programme page, in English: the region's students against their summed target.
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        var program = await admin.GetDocumentAsync("/Reach/Program");
        var row = program.QuerySelector($"#program-regions [data-region-id='{region.Id}'] .target-pace")!;
        Assert.Equal("Behind", row.QuerySelector("[data-figure=pace]")!.TextContent);
    }

    private Task SetSchoolTargetAsync(int regionId, int schoolId, string component, int students) => app.QueryAsync(async db =>
    {
        db.ReachTargets.RemoveRange(db.ReachTargets.Where(t => t.SchoolId == schoolId && t.SchoolYear == SchoolYear));
        db.ReachTargets.Add(new ReachTarget { RegionId = regionId, SchoolId = schoolId, SchoolYear = SchoolYear, ComponentCode = component, StudentsToComplete = students });
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Should_say_which_schools_are_behind_their_target_and_by_how_much_and_draw_the_expected_pace()
    {
        var region = await app.QueryAsync(db => db.Regions.SingleAsync(r => r.CountryCode == "SV"));
        // Two schools with students who completed: one far from its target, the other past it.
        var schools = await app.QueryAsync(db => db.ReachRollups.Where(r => r.Level == RollupLevel.School && r.SchoolYear == SchoolYear && r.StudentsCompleted > 0
                && db.Schools.Any(s => s.Id == r.ScopeId && s.RegionId == region.Id)).Select(r => r.ScopeId).Distinct().OrderBy(id => id).Take(2).ToListAsync());
        if (schools.Count < 2)
        {
            await app.RunAsync<ReachRollupJob>(j => j.RunFullAsync());
            schools = await app.QueryAsync(db => db.ReachRollups.Where(r => r.Level == RollupLevel.School && r.SchoolYear == SchoolYear && r.StudentsCompleted > 0
                && db.Schools.Any(s => s.Id == r.ScopeId && s.RegionId == region.Id)).Select(r => r.ScopeId).Distinct().OrderBy(id => id).Take(2).ToListAsync());
        }
        Assert.Equal(2, schools.Count);
        var (behind, ahead) = (schools[0], schools[1]);
        await SetSchoolTargetAsync(region.Id, behind, "ELEM", 5_000);
        await SetSchoolTargetAsync(region.Id, ahead, "ELEM", 1);
        await app.RunAsync<ReachRollupJob>(j => j.RunFullAsync());
        var manager = await app.SignedInAsync(DemoAccounts.ManagerSv);

        var page = await manager.GetDocumentAsync("/Reach");
        var row = page.QuerySelector($"#region-schools tr[data-school-id='{behind}'] [data-figure=pace]")!;
        Assert.Equal("Behind", row.GetAttribute("data-pace"));
        Assert.Contains("Con retraso", row.TextContent);
        var completed = await app.QueryAsync(db => db.ReachRollups.Where(r => r.Level == RollupLevel.School && r.ScopeId == behind && r.SchoolYear == SchoolYear).SumAsync(r => r.StudentsCompleted));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(region.TimeZone)).DateTime);
        var start = new DateOnly(SchoolYear, region.SchoolYearStartMonth, 1);
        var end = start.AddYears(1).AddDays(-1);
        var expected = TargetPace.ExpectedOn(5_000, start, end, today);
        var spanish = System.Globalization.CultureInfo.GetCultureInfo("es");
        Assert.Equal($"faltan {(expected - completed).ToString("N0", spanish)} para las {expected.ToString("N0", spanish)} previstas a la fecha",
            row.QuerySelector("[data-figure=gap]")!.TextContent.Trim());
        Assert.Equal("Ahead", page.QuerySelector($"#region-schools tr[data-school-id='{ahead}'] [data-figure=pace]")!.GetAttribute("data-pace"));

        // "Which schools are behind?": the link lists only them, furthest behind first, and says how many.
        var behindCount = page.QuerySelectorAll("#region-schools [data-pace=Behind]").Length;
        Assert.Matches($"^Escuelas con meta que van con retraso: {behindCount} de \\d+\\.", page.QuerySelector("#schools-behind")!.TextContent.Trim());
        var onlyBehind = await manager.GetDocumentAsync(page.QuerySelector("#only-behind")!.GetAttribute("href")!);
        var rows = onlyBehind.QuerySelectorAll("#region-schools tbody tr").ToList();
        Assert.Equal(behindCount, rows.Count);
        Assert.All(rows, r => Assert.Equal("Behind", r.QuerySelector("[data-figure=pace]")!.GetAttribute("data-pace")));
        Assert.Equal(behind.ToString(), rows[0].GetAttribute("data-school-id"));

        // The chart's even pace, and every week begun so far (none to come), the latest first, each with its expected figure.
        var regionTarget = await app.QueryAsync(db => db.ReachTargets.Where(t => t.RegionId == region.Id && t.SchoolId == null && t.SchoolYear == SchoolYear && t.ComponentCode != "FAM").SumAsync(t => t.StudentsToComplete));
        Assert.Equal(TargetPace.ExpectedOn(regionTarget, start, end, today).ToString(), page.QuerySelector("#expected-line circle")!.GetAttribute("data-expected"));
        var weeks = page.QuerySelectorAll("#completion-curve tbody tr").Select(r => DateOnly.Parse(r.GetAttribute("data-week")!)).ToList();
        Assert.Equal((today.DayNumber - start.DayNumber) / 7 + 1, weeks.Count);
        Assert.True(weeks[0] <= today && weeks[0].AddDays(7) > today, $"the latest week {weeks[0]} holds today {today}");
        Assert.All(weeks.Zip(weeks.Skip(1)), pair => Assert.Equal(7, pair.First.DayNumber - pair.Second.DayNumber));

        // In English, the same answer.
        var english = await manager.GetDocumentAsync("/Reach?culture=en-US");
        Assert.Contains("short of the", english.QuerySelector($"#region-schools tr[data-school-id='{behind}'] [data-figure=gap]")!.TextContent);
        Assert.Matches("^Schools with a target that are behind: \\d+ of \\d+\\.", english.QuerySelector("#schools-behind")!.TextContent.Trim());
    }
}
