using System.Net;
using Great.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Instructors;

public class AssignInstructorTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    private Task<int> InstructorIdAsync(string badge) =>
        app.QueryAsync(db => db.Instructors.Where(i => i.BadgeNumber == badge).Select(i => i.Id).SingleAsync());

    [Fact]
    public async Task Should_offer_only_officers_certified_for_the_component()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Coordinator);
        var middleSchool = await app.ClassIdAsync("SV-10102", "6", "C");
        var page = await browser.GetDocumentAsync($"/Classes/AssignInstructor/{middleSchool}");
        var offered = page.QuerySelectorAll("select[name=InstructorId] option").Select(o => o.GetAttribute("value")).Where(v => v != "").ToList();
        // Carlos (MS active) and María José (MS expiring); not Roberto (MS expired), nor anyone without MS.
        Assert.Equal([(await InstructorIdAsync("SV-4502")).ToString(), (await InstructorIdAsync("SV-4471")).ToString()], offered);
    }

    [Theory]
    [InlineData("SV-3981")] // Middle School certification expired
    [InlineData("SV-6001")] // certified for Elementary only
    [InlineData("HN-2210")] // certified, but another region's officer
    public async Task Should_reject_a_crafted_assignment_of_an_officer_not_certified_for_the_class(string badge)
    {
        var browser = await app.SignedInAsync(DemoAccounts.Coordinator);
        var middleSchool = await app.ClassIdAsync("SV-10102", "6", "C");
        var response = await browser.SubmitAsync($"/Classes/AssignInstructor/{middleSchool}",
            [new("InstructorId", (await InstructorIdAsync(badge)).ToString())]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no está certificado para impartir Secundaria ahora", (await Forms.ParseAsync(response)).Text());
        Assert.Null(await app.QueryAsync(db => db.Classes.Where(c => c.Id == middleSchool).Select(c => c.InstructorId).SingleAsync()));
    }

    [Fact]
    public async Task Should_assign_a_certified_officer()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Coordinator);
        var elementary = await app.ClassIdAsync("SV-10101", "5", "B");
        var expiring = await InstructorIdAsync("SV-4471");
        var response = await browser.SubmitAsync($"/Classes/AssignInstructor/{elementary}", [new("InstructorId", expiring.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expiring, await app.QueryAsync(db => db.Classes.Where(c => c.Id == elementary).Select(c => c.InstructorId).SingleAsync()));
    }

    [Fact]
    public async Task Should_not_let_a_coordinator_assign_in_another_schools_class()
    {
        var browser = await app.SignedInAsync(DemoAccounts.Coordinator);
        var other = await app.ClassIdAsync("SV-20101", "4", "B");
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Classes/AssignInstructor/{other}")).StatusCode);
    }

    [Fact]
    public async Task Should_warn_the_manager_of_a_class_whose_instructor_is_suspended()
    {
        var browser = await app.SignedInAsync(DemoAccounts.ManagerSv);
        var lapsed = await app.ClassIdAsync("SV-20101", "4", "B");
        var page = await browser.GetDocumentAsync($"/Classes/Details/{lapsed}");
        Assert.NotNull(page.QuerySelector("#lapsed-warning"));
        Assert.NotNull(page.QuerySelector("#class-instructor .badge-status-Suspended"));
        var school = await app.QueryAsync(db => db.Schools.Where(s => s.Code == "SV-20101").Select(s => s.Id).SingleAsync());
        Assert.NotNull((await browser.GetDocumentAsync($"/Schools/Details/{school}")).QuerySelector(".lapsed-warning"));

        var fine = await app.ClassIdAsync("SV-10101", "6", "B");
        Assert.Null((await browser.GetDocumentAsync($"/Classes/Details/{fine}")).QuerySelector("#lapsed-warning"));
    }
}
