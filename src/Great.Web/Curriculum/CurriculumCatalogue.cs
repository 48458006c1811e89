using System.Globalization;

namespace Great.Web.Curriculum;

/// <summary>Text in the two languages Great speaks.</summary>
public sealed record LocalizedText(string En, string Es)
{
    public string For(CultureInfo culture) => culture.TwoLetterISOLanguageName == "es" ? Es : En;
    public string Current => For(CultureInfo.CurrentUICulture);
    public override string ToString() => Current;
}

public sealed record Lesson(int Number, LocalizedText Title, LocalizedText Purpose, IReadOnlyList<LocalizedText> Objectives);

/// <summary>"Attended at least <see cref="MinimumLessons"/> lessons", optionally "including the last one".</summary>
public sealed record CompletionRule(int MinimumLessons, bool RequiresLastLesson)
{
    public bool IsMetBy(IEnumerable<int> attendedLessonNumbers, int lessonCount)
    {
        var attended = attendedLessonNumbers.Where(n => n >= 1 && n <= lessonCount).ToHashSet();
        return attended.Count >= MinimumLessons && (!RequiresLastLesson || attended.Contains(lessonCount));
    }

    public LocalizedText Describe(int lessonCount) => RequiresLastLesson
        ? new($"Attended at least {MinimumLessons} of {lessonCount}, including the last",
              $"Asistió al menos a {MinimumLessons} de {lessonCount}, incluida la última")
        : new($"Attended at least {MinimumLessons} of {lessonCount}",
              $"Asistió al menos a {MinimumLessons} de {lessonCount}");
}

/// <summary>One edition of a curriculum component, as written in a file under curriculum/.</summary>
public sealed record CurriculumComponent(
    string Code,
    string Edition,
    LocalizedText Name,
    LocalizedText Audience,
    IReadOnlyList<string> Grades,
    CompletionRule Completion,
    IReadOnlyList<Lesson> Lessons,
    string SourceFile)
{
    public int LessonCount => Lessons.Count;
    public Lesson? LessonNumber(int number) => Lessons.FirstOrDefault(l => l.Number == number);
}

/// <summary>Every component edition Great knows, loaded once at start-up.</summary>
public sealed class CurriculumCatalogue(IReadOnlyList<CurriculumComponent> components)
{
    public IReadOnlyList<CurriculumComponent> Components { get; } = components
        .OrderBy(c => ComponentOrder(c.Code)).ThenByDescending(c => c.Edition, StringComparer.Ordinal).ToList();

    public CurriculumComponent? Find(string code, string edition) =>
        Components.FirstOrDefault(c => c.Code == code && c.Edition == edition);

    /// <summary>The newest edition of each component: what a new class is offered.</summary>
    public IReadOnlyList<CurriculumComponent> Current =>
        Components.GroupBy(c => c.Code).Select(g => g.First()).ToList();

    public CurriculumComponent? CurrentEdition(string code) => Current.FirstOrDefault(c => c.Code == code);

    /// <summary>The component's name, whatever the edition; the code itself when unknown.</summary>
    public string NameOf(string code) => CurrentEdition(code)?.Name.Current ?? code;

    private static int ComponentOrder(string code) => code switch
    {
        "ELEM" => 0, "MS" => 1, "FAM" => 2, "SUM" => 3, _ => 9,
    };
}
