using Great.IntegrationTests.Infrastructure;
using Great.Web.Curriculum;
using Microsoft.AspNetCore.Hosting;

namespace Great.IntegrationTests;

public class CurriculumStartupTests
{
    private sealed class AppWithCurriculum(string folder) : GreatAppFactory
    {
        protected override bool StartsFromDemoTemplate => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Curriculum:Path", folder);
        }
    }

    [Fact]
    public async Task Should_refuse_to_start_with_a_malformed_curriculum_file_naming_file_and_line()
    {
        var folder = Directory.CreateTempSubdirectory("curriculum-");
        try
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "curriculum", "elementary-2024.yaml"), Path.Combine(folder.FullName, "elementary-2024.yaml"));
            var broken = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "curriculum", "families-2024.yaml"))
                .Replace("  minimumLessons: 5", "  minimumLessons: five");
            File.WriteAllText(Path.Combine(folder.FullName, "families-2024.yaml"), broken);

            await using var app = new AppWithCurriculum(folder.FullName);
            var error = Assert.Throws<CurriculumException>(() => app.CreateClient());
            Assert.Equal("families-2024.yaml, line 14: minimumLessons: 'five' is not a whole number", error.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
