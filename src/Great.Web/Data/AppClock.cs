using System.Globalization;

namespace Great.Web.Data;

/// <summary>
/// The app's one clock. Normally the system's. With <c>Clock:Start</c> set (an ISO 8601 instant, or a day read as
/// 12:00 UTC) the app lives on that day: its clock shows <c>Clock:Start</c> at the real moment <c>Clock:StartedAt</c>
/// (the app's start when not set) and runs on at real speed. The tests pin every host to a day they choose this way,
/// with one <c>StartedAt</c> for the run so an app in process and one in a process of its own show the same time; a
/// trainer can show the demo as it stands on a given day. Nothing else in src/ reads the system clock
/// (BannedSymbols.txt); see docs/decisions/ADR-020-one-clock.md.
/// </summary>
public sealed class AppClock(DateTimeOffset start, DateTimeOffset startedAt) : TimeProvider
{
#pragma warning disable RS0030 // the one place that reads the system clock
    private static readonly TimeProvider Real = System;
#pragma warning restore RS0030

    public override DateTimeOffset GetUtcNow() => start + (Real.GetUtcNow() - startedAt);

    /// <summary>The clock the settings ask for, or the system's; a value that is not a date stops the start-up.</summary>
    public static TimeProvider From(IConfiguration config)
    {
        if (config["Clock:Start"] is not { Length: > 0 } text) return Real;
        var startedAt = config["Clock:StartedAt"] is { Length: > 0 } at ? Parse(at, "Clock:StartedAt") : Real.GetUtcNow();
        return new AppClock(Parse(text, "Clock:Start"), startedAt);
    }

    public static DateTimeOffset Parse(string text, string setting)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }
        throw new InvalidOperationException($"{setting} '{text}' is not a date (yyyy-MM-dd) or an ISO 8601 instant.");
    }
}
