using Great.IntegrationTests.Infrastructure;
using Great.Web.Domain;
using Great.Web.Pages.Schools;

namespace Great.IntegrationTests.Schools;

public class SchoolListTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    [Fact]
    public async Task Should_list_many_schools_a_page_at_a_time_and_find_one_by_name_code_or_municipality()
    {
        await app.QueryAsync(async db =>
        {
            var region = new Region { Name = "Región de muchas escuelas", CountryCode = "GT", TimeZone = "America/Guatemala", DefaultCulture = "es" };
            for (var i = 1; i <= 60; i++) region.Schools.Add(new School { Municipality = $"Mixco {i % 4}", Code = $"GT-LIST-{i:D3}", Name = $"Colegio Lista {i:D2}" });
            region.Schools.Add(new School { Municipality = "Antigua", Code = "GT-ANT-001", Name = "Escuela Única de la Búsqueda" });
            db.Regions.Add(region);
            return await db.SaveChangesAsync();
        });
        var admin = await app.SignedInAsync(DemoAccounts.Admin);

        var first = await admin.GetDocumentAsync("/Schools");
        Assert.Equal(IndexModel.PageSize, first.QuerySelectorAll("section[data-school-id]").Length);
        var total = int.Parse(first.QuerySelector("#school-count")!.TextContent.Split(' ')[0].Replace(",", "").Replace(".", ""));
        Assert.True(total >= 61);
        var lastPage = (total + IndexModel.PageSize - 1) / IndexModel.PageSize;
        var last = await admin.GetDocumentAsync($"/Schools?p={lastPage}");
        Assert.Equal(total - (lastPage - 1) * IndexModel.PageSize, last.QuerySelectorAll("section[data-school-id]").Length);

        // Any case, on both providers (SQLite leaves accented capitals as they are: "Única" needs its capital).
        foreach (var search in new[] { "Única de la", "la búsqueda", "gt-ant", "antigua" })
        {
            var found = await admin.GetDocumentAsync($"/Schools?q={Uri.EscapeDataString(search)}");
            var names = found.QuerySelectorAll("section[data-school-id] h2").Select(h => h.TextContent.Trim()).ToList();
            Assert.Equal(["Escuela Única de la Búsqueda"], names);
        }
        var none = await admin.GetDocumentAsync("/Schools?q=zzz-no-such-school");
        Assert.Empty(none.QuerySelectorAll("section[data-school-id]"));
    }
}
