using System.Text;
using Great.IntegrationTests.Infrastructure;
using Great.Web.Curriculum;
using Great.Web.Domain;
using Great.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Great.IntegrationTests.Reach;

/// <summary>
/// Active instructors of a school, a municipality and a region across the components they teach: an officer who
/// teaches two components is one instructor, not two (the schools once added the components' counts up) and two
/// officers of different components are two (the municipalities once took the largest component's count).
/// </summary>
public class ActiveInstructorsTests(GreatAppFactory app) : IClassFixture<GreatAppFactory>
{
    [Fact]
    public async Task Should_count_each_officer_once_across_components_in_the_school_and_municipality_exports()
    {
        // School 1: officer A teaches Elementary and Middle School. School 2: B teaches Middle School, C Elementary.
        // Per component in the municipality: Elementary {A, C}, Middle School {A, B}; across them: A, B, C.
        var regionId = await app.QueryAsync(async db =>
        {
            var curriculum = app.Services.GetRequiredService<CurriculumCatalogue>();
            var region = new Region { Name = "Región de instructores", CountryCode = "GT", TimeZone = "America/Guatemala", DefaultCulture = "es" };
            var first = new School { Municipality = "Mixco", Code = "GT-AI-1", Name = "Escuela Uno", Region = region };
            var second = new School { Municipality = "Mixco", Code = "GT-AI-2", Name = "Escuela Dos", Region = region };
            var agency = new Agency { Name = "PNC Mixco", Region = region };
            Instructor Officer(string name) => new() { Agency = agency, GivenName = name, FamilyName = "Prueba", BadgeNumber = $"GT-AI-{name}", Email = $"{name}.ai@example.org" };
            var (a, b, c) = (Officer("A"), Officer("B"), Officer("C"));
            var year = region.SchoolYearOf(region.Today(app.Time));
            SchoolClass Class(School school, string component, Instructor officer) =>
                SchoolClass.Create(school, component, curriculum.CurrentEdition(component)!.Edition, year, "6", officer.GivenName, officer);
            db.Regions.Add(region);
            db.Classes.AddRange(Class(first, "ELEM", a), Class(first, "MS", a), Class(second, "MS", b), Class(second, "ELEM", c));
            await db.SaveChangesAsync();
            return region.Id;
        });
        await app.RunAsync<ReachRollupJob>(j => j.RunFullAsync());
        var admin = await app.SignedInAsync(DemoAccounts.Admin);

        async Task<Dictionary<string, string>> InstructorsByNameAsync(string table)
        {
            var csv = Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"/Reach?handler=Export&regionId={regionId}&table={table}")).TrimStart('\uFEFF');
            var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
            var column = Array.IndexOf(lines[0], "Instructors");
            return lines.Skip(1).ToDictionary(l => l[0], l => l[column]);
        }
        Assert.Equal(new Dictionary<string, string> { ["Escuela Uno"] = "1", ["Escuela Dos"] = "2" }, await InstructorsByNameAsync("schools"));
        Assert.Equal(new Dictionary<string, string> { ["Mixco"] = "3" }, await InstructorsByNameAsync("municipalities"));
        // The region's own figures per component are unchanged: Elementary 2, Middle School 2.
        var components = await InstructorsByNameAsync("components");
        Assert.Equal(["2", "2"], components.Values);
    }
}
