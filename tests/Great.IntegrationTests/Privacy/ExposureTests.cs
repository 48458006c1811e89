using Great.IntegrationTests.Infrastructure;
using Great.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Great.IntegrationTests.Privacy;

/// <summary>For a breach assessment: what one account could read, by the same scope rules as the pages.</summary>
public class ExposureTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    private async Task<Exposure> ExposureOfAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await Exposure.ForAsync(scope.ServiceProvider, email))!;
    }

    [Fact]
    public async Task Should_list_a_coordinators_schools_classes_with_their_names_and_the_officers_they_could_choose()
    {
        var exposure = await ExposureOfAsync(DemoAccounts.Coordinator);
        var expected = await app.QueryAsync(db => db.Classes.Where(c => c.School.Code == "SV-10101" || c.School.Code == "SV-10102")
            .Select(c => new { c.Id, Students = c.Enrollments.Count }).ToListAsync());
        Assert.Equal(expected.Select(c => (c.Id, c.Students)).Order(), exposure.Classes.Select(c => (c.Id, c.Students)).Order());
        Assert.Equal(expected.Sum(c => c.Students), exposure.Students);
        Assert.Equal(await app.QueryAsync(db => db.Instructors.CountAsync(i => i.Agency.Region.CountryCode == "SV")), exposure.Officers.Count);
        Assert.Empty(exposure.Accounts);

        var text = new StringWriter();
        exposure.WriteTo(text);
        Assert.StartsWith($"Account {DemoAccounts.Coordinator} (SchoolCoordinator) could read:", text.ToString());
        Assert.Contains($"{expected.Count} classes holding {exposure.Students} students' names", text.ToString());
    }

    [Fact]
    public async Task Should_list_an_officers_own_classes_and_every_account_for_an_administrator()
    {
        var officer = await ExposureOfAsync(DemoAccounts.Instructor);
        var taught = await app.QueryAsync(db => db.Classes.Where(c => c.Instructor!.BadgeNumber == "SV-4471" || c.SubstituteInstructor!.BadgeNumber == "SV-4471")
            .Select(c => c.Id).ToListAsync());
        Assert.Equal(taught.Order(), officer.Classes.Select(c => c.Id).Order());
        Assert.Single(officer.Officers);

        var admin = await ExposureOfAsync(DemoAccounts.Admin);
        Assert.Equal(await app.QueryAsync(db => db.Users.CountAsync()), admin.Accounts.Count);
        Assert.Equal(await app.QueryAsync(db => db.Classes.CountAsync()), admin.Classes.Count);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Null(await Exposure.ForAsync(scope.ServiceProvider, "nobody@example.org"));
    }
}
