using System.Net;
using Great.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests;

/// <summary>Another scope's id in a URL gets 403 or 404, never data.</summary>
public class ScopeTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    private Task<int> SchoolIdAsync(string code) => app.QueryAsync(db => db.Schools.Where(s => s.Code == code).Select(s => s.Id).SingleAsync());

    [Fact]
    public async Task Should_let_the_instructor_open_their_own_class()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Instructor);
        var own = await app.NewClassAsync("SV-10101", "ELEM", "5", "SO", officerBadge: "SV-4471", students: 7, startedDaysAgo: 14);
        var page = await browser.GetDocumentAsync($"/Classes/Details/{own}");
        Assert.Equal(7, page.QuerySelectorAll("#progress-grid tbody tr").Length);
    }

    [Fact]
    public async Task Should_return_404_when_an_instructor_asks_for_another_instructors_class()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Instructor);
        // Same school, taught by another officer.
        var other = await app.ClassIdAsync("SV-10102", "7", "A");
        var response = await browser.GetAsync($"/Classes/Details/{other}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Óscar Lemus", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Should_return_404_when_a_coordinator_asks_for_another_schools_class_or_school()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Coordinator);
        var otherClass = await app.ClassIdAsync("SV-10201", "6", "A");
        var otherSchool = await SchoolIdAsync("SV-10201");
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Classes/Details/{otherClass}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Schools/Details/{otherSchool}")).StatusCode);

        var ownSchool = await SchoolIdAsync("SV-10101");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Schools/Details/{ownSchool}")).StatusCode);
    }

    [Fact]
    public async Task Should_return_404_when_a_manager_asks_for_another_regions_school_class_or_region()
    {
        var browser = await app.SignedInAsync(DemoAccounts.ManagerSv);
        var honduranSchool = await SchoolIdAsync("HN-0801");
        var honduranClass = await app.ClassIdAsync("HN-0801", "7", "A");
        var honduras = await app.QueryAsync(db => db.Regions.Where(r => r.Name == "Honduras").Select(r => r.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Schools/Details/{honduranSchool}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Classes/Details/{honduranClass}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Reach?regionId={honduras}")).StatusCode);

        var salvadoranSchool = await SchoolIdAsync("SV-20101");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Schools/Details/{salvadoranSchool}")).StatusCode);
    }

    [Theory]
    [InlineData(DemoAccounts.Instructor, "/Schools")]
    [InlineData(DemoAccounts.Instructor, "/Reach")]
    [InlineData(DemoAccounts.Instructor, "/Admin")]
    [InlineData(DemoAccounts.Coordinator, "/Reach")]
    [InlineData(DemoAccounts.Coordinator, "/Admin/Users/Create")]
    [InlineData(DemoAccounts.ManagerSv, "/Admin")]
    [InlineData(DemoAccounts.ManagerSv, "/Classes/Mine")]
    public async Task Should_return_403_for_pages_of_another_role(string email, string url)
    {
        var browser = await app.SignedInAsync(email);
        var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Should_send_anonymous_visitors_to_the_login_page()
    {
        var response = await app.CreateBrowser().GetAsync("/Schools");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Should_show_any_signed_in_user_the_curriculum_in_their_language()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Instructor);
        var page = await browser.GetDocumentAsync("/Curriculum");
        Assert.Equal(4, page.QuerySelectorAll("section[id^=component-]").Length);
        Assert.Equal(13, page.QuerySelectorAll("#component-MS-2024 .card-body > ol > li").Length);
        Assert.Contains("Secundaria", page.QuerySelector("#component-MS-2024 h2")!.TextContent);
    }
}
