using System.Globalization;

namespace Great.TestSupport;

/// <summary>
/// The day every host a test starts believes it is: 24 November 2026 at 12:00 UTC (a Tuesday; 06:00 in El Salvador,
/// 07:00 in Washington, the same date in every region), or the day GREAT_TEST_TODAY names (yyyy-MM-dd), so the whole
/// suite can be run as if on another day: <c>GREAT_TEST_TODAY=2028-02-29 bash tests/run-all.sh</c>. The app is given
/// it as <c>Clock:Start</c> (src/Great.Web/Data/AppClock.cs) and runs on from it at real speed; the demo seeder seeds
/// relative to it. Tests that need their own moment set a FakeTimeProvider (FakeClockAppFactory) instead.
/// </summary>
public static class TestClock
{
    public const string Variable = "GREAT_TEST_TODAY";

    public static readonly DateOnly DefaultDay = new(2026, 11, 24);

    public static DateOnly Day { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } text
        ? DateOnly.ParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture)
        : DefaultDay;

    /// <summary>12:00 UTC on <see cref="Day"/>.</summary>
    public static DateTimeOffset Start { get; } = new(Day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

#pragma warning disable RS0030 // the run's one real moment, which every host's clock counts from
    private static readonly DateTimeOffset StartedAt = DateTimeOffset.UtcNow;

    /// <summary>The pinned day's time now, as every app of this run shows it: for a fake server beside an app.</summary>
    public static DateTimeOffset Now => Start + (DateTimeOffset.UtcNow - StartedAt);
#pragma warning restore RS0030

    /// <summary>
    /// What pins an app to <see cref="Start"/>: Clock:Start, and Clock:StartedAt, the real moment this run began, so
    /// that the apps a test starts (in process, or as processes of their own later) all show the same time.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Clock:Start"] = Start.ToString("O", CultureInfo.InvariantCulture),
        ["Clock:StartedAt"] = StartedAt.ToString("O", CultureInfo.InvariantCulture),
    };
}
