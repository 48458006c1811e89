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
          - number: 2
            title: { en: Two, es: Dos }
            purpose: { en: Second, es: Segunda }
            objectives:
              - { en: Learn more, es: Aprender más }
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
        Assert.All(component.Lessons, l =>
        {
            Assert.False(string.IsNullOrWhiteSpace(l.Title.En));
            Assert.False(string.IsNullOrWhiteSpace(l.Title.Es));
            Assert.NotEqual(l.Title.En, l.Title.Es);
            Assert.NotEmpty(l.Objectives);
        });
    }

    [Fact]
    public void Should_load_a_valid_file()
    {
        var component = CurriculumLoader.LoadFile("test.yaml", Valid);
        Assert.Equal("TST", component.Code);
        Assert.Equal("Prueba", component.Name.Es);
        Assert.Equal("Aprender más", component.Lessons[1].Objectives[0].Es);
    }

    [Theory]
    [InlineData("edition: \"2030\"\n", "", "line 1", "'edition' is missing")]
    [InlineData("  minimumLessons: 2\n", "  minimumLessons: two\n", "line 7", "'two' is not a whole number")]
    [InlineData("  minimumLessons: 2\n", "  minimumLessons: 3\n", "line 7", "between 1 and the number of lessons (2)")]
    [InlineData("  - number: 2\n", "  - number: 3\n", "line 15", "lesson number 3 out of order: expected 2")]
    [InlineData("    title: { en: Two, es: Dos }\n", "    title: { en: Two }\n", "line 16", "'es' is missing")]
    [InlineData("    title: { en: Two, es: Dos }\n", "    title: { en: Two, Three, es: Dos }\n", "line 16", "unexpected 'Three' beside en and es")]
    [InlineData("name: { en: Test, es: Prueba }\n", "name: { en: Test, es: Prueba\n", "line 3", "not valid YAML")]
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
