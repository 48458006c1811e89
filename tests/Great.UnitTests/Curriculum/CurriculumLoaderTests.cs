using Great.Web.Curriculum;

namespace Great.UnitTests.Curriculum;

public class CurriculumLoaderTests
{
    private static string ShippedFolder => Path.Combine(AppContext.BaseDirectory, "curriculum");

    private const string Valid = """
        code: TST
        edition: "2030"
        name: { en: Test, es: Prueba }
        audience: { en: Everyone, es: Todos }
        grades: ["4"]
        completion:
          minimumLessons: 2
          requiresLastLesson: true
        lessons:
          - number: 1
            title: { en: One, es: Uno }
            purpose: { en: First, es: Primera }
            objectives:
              - { en: Learn, es: Aprender }
            minutes: 45
            activities:
              - { en: Warm-up, es: Calentamiento }
              - { en: Role-play, es: Dramatización }
          - number: 2
            title: { en: Two, es: Dos }
            purpose: { en: Second, es: Segunda }
            objectives:
              - { en: Learn more, es: Aprender más }
            minutes: 50
            activities:
              - { en: Review, es: Repaso }
        """;

    [Theory]
    [InlineData("ELEM", 6, 5, true)]
    [InlineData("MS", 13, 11, true)]
    [InlineData("FAM", 6, 5, true)]
    [InlineData("SUM", 4, 3, false)]
    public void Should_load_each_shipped_component_with_its_lessons_and_rule(string code, int lessons, int minimum, bool requiresLast)
    {
        var catalogue = CurriculumLoader.LoadFolder(ShippedFolder);
        var component = catalogue.CurrentEdition(code);
        Assert.NotNull(component);
        Assert.Equal(lessons, component.LessonCount);
        Assert.Equal(new CompletionRule(minimum, requiresLast), component.Completion);
        // Only Families is taught to households: a session counts with an adult and a youth of the household there.
        Assert.Equal(code == "FAM" ? new HouseholdRule(1, 1) : null, component.Households);
        Assert.All(component.Lessons, l =>
        {
            Assert.False(string.IsNullOrWhiteSpace(l.Title.En));
            Assert.False(string.IsNullOrWhiteSpace(l.Title.Es));
            Assert.NotEqual(l.Title.En, l.Title.Es);
            Assert.NotEmpty(l.Objectives);
            Assert.InRange(l.PlannedMinutes, 1, Lesson.MaxMinutes);
            Assert.InRange(l.Activities.Count, 2, CurriculumLoader.MaxActivities);
            Assert.All(l.Activities, a => Assert.NotEqual(a.En, a.Es));
        });
    }

    [Fact]
    public void Should_load_a_valid_file()
    {
        var component = CurriculumLoader.LoadFile("test.yaml", Valid);
        Assert.Equal("TST", component.Code);
        Assert.Equal("Prueba", component.Name.Es);
        Assert.Equal("Aprender más", component.Lessons[1].Objectives[0].Es);
        Assert.Equal(45, component.Lessons[0].PlannedMinutes);
        Assert.Equal(["Calentamiento", "Dramatización"], component.Lessons[0].Activities.Select(a => a.Es));
        Assert.Equal(new HashSet<int> { 1, 2 }, component.Lessons[0].AllActivities);
        Assert.Equal("Repaso", component.Lessons[1].Activities.Single().Es);
    }

    [Theory]
    [InlineData("edition: \"2030\"\n", "", "line 1", "'edition' is missing")]
    [InlineData("  minimumLessons: 2\n", "  minimumLessons: two\n", "line 7", "'two' is not a whole number")]
    [InlineData("  minimumLessons: 2\n", "  minimumLessons: 3\n", "line 7", "between 1 and the number of lessons (2)")]
    [InlineData("  - number: 2\n", "  - number: 3\n", "line 19", "lesson number 3 out of order: expected 2")]
    [InlineData("    title: { en: Two, es: Dos }\n", "    title: { en: Two }\n", "line 20", "'es' is missing")]
    [InlineData("    title: { en: Two, es: Dos }\n", "    title: { en: Two, Three, es: Dos }\n", "line 20", "unexpected 'Three' beside en and es")]
    [InlineData("    minutes: 45\n", "", "line 10", "'minutes' is missing")]
    [InlineData("    minutes: 45\n", "    minutes: 300\n", "line 15", "minutes must be between 1 and 240, not 300")]
    [InlineData("    minutes: 45\n", "    minutes: 0\n", "line 15", "minutes must be between 1 and 240, not 0")]
    [InlineData("    minutes: 45\n", "    minutes: most\n", "line 15", "'most' is not a whole number")]
    [InlineData("    minutes: 50\n    activities:\n      - { en: Review, es: Repaso }\n", "    minutes: 50\n    activities: []\n", "line 19", "lesson 2: at least one activity is needed")]
    [InlineData("    minutes: 50\n    activities:\n      - { en: Review, es: Repaso }\n", "    minutes: 50\n", "line 19", "'activities' is missing")]
    [InlineData("      - { en: Role-play, es: Dramatización }\n", "      - { en: Role-play }\n", "line 18", "'es' is missing")]
    [InlineData("      - { en: Role-play, es: Dramatización }\n", "      - Role-play\n", "line 18", "an activity needs en and es")]
    [InlineData("      - { en: Role-play, es: Dramatización }\n", "      - { en: warm-up, es: Otra }\n", "line 17", "the activity 'Warm-up' is listed twice")]
    [InlineData("name: { en: Test, es: Prueba }\n", "name: { en: Test, es: Prueba\n", "line 3", "not valid YAML")]
    [InlineData("  requiresLastLesson: true\n", "  requiresLastLesson: true\n  households: { adults: 0, youth: 0 }\n", "line 9", "households: adults and youth must be 0 or more, and not both 0")]
    [InlineData("  requiresLastLesson: true\n", "  requiresLastLesson: true\n  households: { adults: 1 }\n", "line 9", "'youth' is missing")]
    public void Should_name_the_file_and_line_of_a_malformed_file(string replace, string with, string line, string reason)
    {
        var yaml = Valid.Replace("\r\n", "\n") + "\n";
        Assert.Contains(replace, yaml);
        var error = Assert.Throws<CurriculumException>(() => CurriculumLoader.LoadFile("/x/broken.yaml", yaml.Replace(replace, with)));
        Assert.StartsWith("broken.yaml, line", error.Message);
        Assert.Contains(line, error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Should_refuse_two_files_with_the_same_component_edition()
    {
        var folder = Directory.CreateTempSubdirectory("curriculum-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "a.yaml"), Valid);
            File.WriteAllText(Path.Combine(folder.FullName, "b.yaml"), Valid);
            var error = Assert.Throws<CurriculumException>(() => CurriculumLoader.LoadFolder(folder.FullName));
            Assert.Contains("a.yaml and b.yaml", error.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
