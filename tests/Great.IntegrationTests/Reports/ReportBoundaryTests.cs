using System.Net;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Domain;
using Great.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Reports;

/// <summary>
/// Halves meet at midnight on the region's wall clock: a lesson an officer records in El Salvador (UTC−6) late on
/// 30 June, when it is already 1 July in UTC, counts in January–June; the next day's in July–December.
/// </summary>
public class ReportBoundaryTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private async Task<int> NewClassAsync()
    {
        return await app.QueryAsync(async db =>
        {
            var school = await db.Schools.Include(s => s.Region).SingleAsync(s => s.Code == "SV-10101");
            var carlos = await db.Instructors.SingleAsync(i => i.BadgeNumber == "SV-4471");
            var schoolClass = SchoolClass.Create(school, "ELEM", "2024", 2027, "5", "Frontera", carlos);
            schoolClass.Plan(SchoolClass.LessonDates(new DateOnly(2027, 6, 28), new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday }, new HashSet<DateOnly>(), 6));
            foreach (var name in new[] { "Ana", "Beto", "Celia" })
                schoolClass.Enroll(new Student { School = school, GivenName = name, FamilyInitial = "F" }, new DateOnly(2027, 6, 1));
            db.Classes.Add(schoolClass);
            await db.SaveChangesAsync();
            return schoolClass.Id;
        });
    }

    private async Task<(int H1Lessons, int H2Lessons, string H1Started, string H2Started)> HalvesAsync(HttpClient admin)
    {
        var sv = await app.QueryAsync(db => db.Regions.Where(r => r.CountryCode == "SV").Select(r => r.Id).SingleAsync());
        var first = await admin.GetDocumentAsync($"/Reports?kind=HalfYear&year=2027&part=1&regionId={sv}");
        var second = await admin.GetDocumentAsync($"/Reports?kind=HalfYear&year=2027&part=2&regionId={sv}");
        string Started(AngleSharp.Dom.IDocument page) =>
            page.QuerySelectorAll("#table-classes tbody tr").Single(r => r.Children[0].TextContent == "Elementary").Children[1].TextContent;
        int Lessons(AngleSharp.Dom.IDocument page, string month) =>
            int.Parse(page.QuerySelectorAll("#table-months tbody tr").Single(r => r.Children[0].TextContent == month).Children[1].TextContent);
        return (Lessons(first, "June 2027"), Lessons(second, "July 2027"), Started(first), Started(second));
    }

    [Fact]
    public async Task Should_count_a_lesson_on_30_June_and_one_on_1_July_in_different_halves_in_the_regions_time_zone()
    {
        var classId = await NewClassAsync();
        var admin = await app.SignedInAsync(DemoAccounts.Admin);
        await app.RunAsync<ReachRollupJob>(j => j.RunFullAsync());
        var before = await HalvesAsync(admin);

        var officer = app.CreateBrowser();
        // 03:30 UTC on 1 July 2027 is 21:30 on 30 June in San Salvador: the form's day is the region's.
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 7, 1, 3, 30, 0, TimeSpan.Zero));
        await officer.LoginAsync(DemoAccounts.Instructor);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync($"/Lessons/Record/{classId}", [])).StatusCode);
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 7, 1, 18, 0, 0, TimeSpan.Zero));
        await officer.LoginAsync(DemoAccounts.Instructor); // a session lasts eight hours
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync($"/Lessons/Record/{classId}", [])).StatusCode);
        var days = await app.QueryAsync(db => db.LessonDeliveries.Where(d => d.ClassId == classId).OrderBy(d => d.LessonNumber).Select(d => d.TaughtOn).ToListAsync());
        Assert.Equal([new DateOnly(2027, 6, 30), new DateOnly(2027, 7, 1)], days);

        await app.RunAsync<ReachRollupJob>(j => j.RunFullAsync());
        await admin.LoginAsync(DemoAccounts.Admin);
        var after = await HalvesAsync(admin);
        Assert.Equal(before.H1Lessons + 1, after.H1Lessons);
        Assert.Equal(before.H2Lessons + 1, after.H2Lessons);
        // The class started on 30 June: in the first half, not the second.
        Assert.Equal(int.Parse(before.H1Started) + 1, int.Parse(after.H1Started));
        Assert.Equal(before.H2Started, after.H2Started);
    }
}
