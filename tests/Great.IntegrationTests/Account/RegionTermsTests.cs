using Great.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Great.IntegrationTests.Account;

/// <summary>A country's own words for the interface's texts, from configuration (RegionTerms): El Salvador's NIE and ONI.</summary>
public class RegionTermsTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    [Theory]
    [InlineData("es", "NIE", "NIE (opcional)")]
    [InlineData("en", "School id", "School id (optional)")]
    public async Task Should_name_the_students_school_id_as_el_salvador_does_in_spanish(string culture, string column, string field)
    {
        var coordinator = await app.SignedInAsync(DemoAccounts.Coordinator);
        var classId = await app.QueryAsync(db => db.Classes.Where(c => c.School.Code == "SV-10101").Select(c => c.Id).FirstAsync());
        var roster = await coordinator.GetDocumentAsync($"/Classes/Roster/{classId}?culture={culture}");
        Assert.Equal(column, roster.QuerySelector("#roster th:nth-child(2)")!.TextContent);
        Assert.Equal(field, roster.QuerySelector("label[for=Input_LocalId]")!.TextContent);
    }

    [Fact]
    public async Task Should_keep_the_usual_words_for_a_country_with_no_terms_of_its_own()
    {
        // The United States' manager reads the Spanish interface with its usual words: the terms are El Salvador's.
        var manager = await app.SignedInAsync(DemoAccounts.ManagerUs);
        var page = await manager.GetDocumentAsync("/Instructors?culture=es");
        Assert.Contains("Placa", page.QuerySelector("main table thead")!.TextContent);
        Assert.DoesNotContain("ONI", page.QuerySelector("main table thead")!.TextContent);

        var salvadoran = await app.SignedInAsync(DemoAccounts.ManagerSv);
        Assert.Contains("ONI", (await salvadoran.GetDocumentAsync("/Instructors?culture=es")).QuerySelector("main table thead")!.TextContent);
    }
}
