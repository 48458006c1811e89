using System.Globalization;
using Great.Web.Resources;

namespace Great.Web.Curriculum;

/// <summary>Text in the two languages Great speaks.</summary>
public sealed record LocalizedText(string En, string Es)
{
    public string For(CultureInfo culture) => culture.TwoLetterISOLanguageName == "es" ? Es : En;
    public string Current => For(CultureInfo.CurrentUICulture);
    public override string ToString() => Current;
}

/// <summary>
/// A lesson as written: what it is for, and what teaching it as written means — its activities in order (numbered
/// from 1, the number a record keeps) and the minutes it is planned to take.
/// </summary>
public sealed record Lesson(int Number, LocalizedText Title, LocalizedText Purpose, IReadOnlyList<LocalizedText> Objectives,
    int PlannedMinutes, IReadOnlyList<LocalizedText> Activities)
{
    /// <summary>The longest a lesson (or an observation of one) may last: a Summer day is three hours, nothing is four.</summary>
    public const int MaxMinutes = 240;

    /// <summary>A length a lesson (planned, taught or observed) may have: 1 to <see cref="MaxMinutes"/>.</summary>
    public static bool IsLength(int minutes) => minutes is >= 1 and <= MaxMinutes;

    /// <summary>The activity numbers of the lesson, 1 to the count: what "all done" means.</summary>
    public IReadOnlySet<int> AllActivities => Enumerable.Range(1, Activities.Count).ToHashSet();
}

/// <summary>"Attended at least <see cref="MinimumLessons"/> lessons", optionally "including the last one".</summary>
public sealed record CompletionRule(int MinimumLessons, bool RequiresLastLesson)
{
    public bool IsMetBy(IEnumerable<int> attendedLessonNumbers, int lessonCount)
    {
        var attended = attendedLessonNumbers.Where(n => n >= 1 && n <= lessonCount).ToHashSet();
        return attended.Count >= MinimumLessons && (!RequiresLastLesson || attended.Contains(lessonCount));
    }

    /// <summary>
    /// Where a student stands: completed once the rule is met; not completed once it can no longer be met
    /// (too many lessons missed, the required last one missed, or the class over); at risk when every remaining
    /// lesson must be attended; on track otherwise.
    /// </summary>
    public CompletionStatus Assess(IReadOnlySet<int> attended, IReadOnlySet<int> recorded, int lessonCount, bool classOver)
    {
        var attendedValid = attended.Where(n => n >= 1 && n <= lessonCount).ToList();
        if (IsMetBy(attendedValid, lessonCount)) return CompletionStatus.Completed;
        var remaining = Enumerable.Range(1, lessonCount).Count(n => !recorded.Contains(n));
        var lastMissed = RequiresLastLesson && recorded.Contains(lessonCount) && !attended.Contains(lessonCount);
        var slack = attendedValid.Count + remaining - MinimumLessons;
        if (classOver || remaining == 0 || lastMissed || slack < 0) return CompletionStatus.NotCompleted;
        return slack == 0 ? CompletionStatus.AtRisk : CompletionStatus.OnTrack;
    }

    /// <summary>How many more lessons a student must attend to complete (0 once completed): what a withdrawal would cost them.</summary>
    public int LessonsShort(int attended, bool attendedLast) =>
        Math.Max(Math.Max(0, MinimumLessons - attended), RequiresLastLesson && !attendedLast ? 1 : 0);

    /// <summary>The rule in words, in the reader's language.</summary>
    public string Describe(Microsoft.Extensions.Localization.IStringLocalizer L, int lessonCount) => RequiresLastLesson
        ? L["Attended at least {0} of {1}, including the last", MinimumLessons, lessonCount]
        : L["Attended at least {0} of {1}", MinimumLessons, lessonCount];

    /// <summary>
    /// The same rule as <see cref="IsMetBy"/>, as a SQL condition for the roll-up: given an enrolment's count of
    /// attended lessons and whether the last was among them (1/0), and the rule's columns.
    /// </summary>
    public static string SqlIsMet(string attendedCount, string attendedLast, string minimumLessons, string requiresLast) =>
        $"({attendedCount} >= {minimumLessons} AND ({requiresLast} = 0 OR {attendedLast} = 1))";
}

/// <summary>
/// How a household of a Families group takes part: a session counts for it when at least <see cref="Adults"/> adults
/// and <see cref="Youth"/> youth of it were there; it completes when its counted sessions meet the component's
/// <see cref="CompletionRule"/>, and it is reached when any member came to any session.
/// </summary>
public sealed record HouseholdRule(int Adults, int Youth)
{
    public bool SessionCounts(int adultsPresent, int youthPresent) => adultsPresent >= Adults && youthPresent >= Youth;

    /// <summary>The sessions that count for a household, from who of it was there at each (session number and role of each member present).</summary>
    public IEnumerable<int> SessionsCounted(IEnumerable<(int Session, Great.Web.Domain.MemberRole Role)> presence) =>
        presence.GroupBy(p => p.Session)
            .Where(g => SessionCounts(g.Count(p => p.Role == Great.Web.Domain.MemberRole.Adult), g.Count(p => p.Role == Great.Web.Domain.MemberRole.Youth)))
            .Select(g => g.Key);

    /// <summary>The rule in words, in the reader's language, each count with its noun in the singular or plural it takes.</summary>
    public string Describe(Microsoft.Extensions.Localization.IStringLocalizer L, CompletionRule completion, int sessionCount)
    {
        var people = L["{0} and {1}", L.Plural("{0} adults", Adults, Adults).Value, L.Plural("{0} youth", Youth, Youth).Value].Value;
        return completion.RequiresLastLesson
            ? L["At least {0} of {1} sessions, including the last, each with at least {2} of the household", completion.MinimumLessons, sessionCount, people]
            : L["At least {0} of {1} sessions, each with at least {2} of the household", completion.MinimumLessons, sessionCount, people];
    }
}

public enum CompletionStatus { OnTrack, AtRisk, Completed, NotCompleted }

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
    /// <summary>Where the component stands in lists and reports (the file's <c>order</c>; without one, last).</summary>
    public int Order { get; init; } = int.MaxValue;
    /// <summary>For a component taught to households (Families): when a session counts for one. Null: taught to students.</summary>
    public HouseholdRule? Households { get; init; }
    public bool TakesHouseholds => Households is not null;
    public Lesson? LessonNumber(int number) => Lessons.FirstOrDefault(l => l.Number == number);
}

/// <summary>Every component edition Great knows, loaded once at start-up.</summary>
public sealed class CurriculumCatalogue(IReadOnlyList<CurriculumComponent> components)
{
    public IReadOnlyList<CurriculumComponent> Components { get; } = components
        .OrderBy(c => c.Order).ThenBy(c => c.Code, StringComparer.Ordinal).ThenByDescending(c => c.Edition, StringComparer.Ordinal).ToList();

    public CurriculumComponent? Find(string code, string edition) =>
        Components.FirstOrDefault(c => c.Code == code && c.Edition == edition);

    /// <summary>The newest edition of each component: what a new class is offered.</summary>
    public IReadOnlyList<CurriculumComponent> Current =>
        Components.GroupBy(c => c.Code).Select(g => g.First()).ToList();

    public CurriculumComponent? CurrentEdition(string code) => Current.FirstOrDefault(c => c.Code == code);

    /// <summary>The component's name, whatever the edition; the code itself when unknown.</summary>
    public string NameOf(string code) => CurrentEdition(code)?.Name.Current ?? code;

    /// <summary>Whether a component (any edition) is taught to households: its people are counted as families.</summary>
    public bool TakesHouseholds(string code) => CurrentEdition(code)?.TakesHouseholds == true;

    /// <summary>The position of a component in lists and reports, from the curriculum files; unknown codes last.</summary>
    public int OrderOf(string code) => CurrentEdition(code)?.Order ?? int.MaxValue;
}
