namespace Great.Web.Domain;

/// <summary>Students to complete in a region (SchoolId null) or one school, per school year and component.</summary>
public class ReachTarget
{
    public int Id { get; init; }
    public int RegionId { get; init; }
    public Region Region { get; init; } = null!;
    public int? SchoolId { get; init; }
    public School? School { get; init; }
    public int SchoolYear { get; init; }
    public required string ComponentCode { get; init; }
    private int _studentsToComplete;
    /// <summary>For a component taught to households (Families), the families to complete.</summary>
    public int StudentsToComplete { get => _studentsToComplete; init => _studentsToComplete = value; }

    /// <summary>A manager sets (or changes) how many to complete.</summary>
    public void Aim(int studentsToComplete)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(studentsToComplete);
        _studentsToComplete = studentsToComplete;
    }
}

/// <summary>Where completions stand against a target, in words: colour is never the only sign.</summary>
public enum PaceStatus { Behind, OnTrack, Ahead }

/// <summary>
/// Completions against a target on a day of the school year: what was expected by now if completions came evenly
/// through the year, where the year ends if the pace so far holds, and whether that is behind, on track or ahead.
/// Within <see cref="Tolerance"/> of the target either way is on track; a target already reached is never behind.
/// </summary>
public sealed record TargetPace(int Completed, int Target, int ExpectedByNow, int Projected, DateOnly YearEnd, PaceStatus Status)
{
    public const double Tolerance = 0.10;

    public static TargetPace Of(int completed, int target, DateOnly yearStart, DateOnly yearEnd, DateOnly today)
    {
        if (target <= 0) throw new ArgumentOutOfRangeException(nameof(target), "A pace needs a target above zero.");
        var days = yearEnd.DayNumber - yearStart.DayNumber + 1;
        var elapsed = Math.Clamp(today.DayNumber - yearStart.DayNumber + 1, 1, days);
        var expected = ExpectedOn(target, yearStart, yearEnd, today);
        var projected = (int)Math.Round(completed * (double)days / elapsed);
        // Reached before the last day is ahead; on the last day the projection is what was done.
        var status = (completed >= target && elapsed < days) || projected > target * (1 + Tolerance) ? PaceStatus.Ahead
            : projected < target * (1 - Tolerance) ? PaceStatus.Behind
            : PaceStatus.OnTrack;
        return new TargetPace(completed, target, expected, projected, yearEnd, status);
    }

    /// <summary>
    /// Completions expected by the end of <paramref name="day"/> if they came evenly through the year (the chart's
    /// "expected" line); a day before the year counts as its first, a day after as its last.
    /// </summary>
    public static int ExpectedOn(int target, DateOnly yearStart, DateOnly yearEnd, DateOnly day)
    {
        var days = yearEnd.DayNumber - yearStart.DayNumber + 1;
        var elapsed = Math.Clamp(day.DayNumber - yearStart.DayNumber + 1, 1, days);
        return (int)Math.Round(target * (double)elapsed / days);
    }

    /// <summary>How many completions short of the even pace (0 when at or past it): what "behind" amounts to.</summary>
    public int Gap => Math.Max(0, ExpectedByNow - Completed);

    /// <summary>Share of the target completed, 0–100.</summary>
    public int Percent => Math.Clamp((int)(Completed * 100L / Target), 0, 100);
}

/// <summary>Where a roll-up row counts; Instructor (fidelity only): one officer's lessons, wherever taught.</summary>
public enum RollupLevel { Program, Region, Municipality, School, Class, Instructor }

/// <summary>
/// Pre-computed reach figures, written by the roll-up job and read by dashboards: a row per scope and component, and
/// at the school level and above one more, <see cref="AllComponents"/>, for what cannot be added up across components.
/// </summary>
public class ReachRollup
{
    /// <summary>
    /// The component code of a scope's row for all its components together. It holds the active instructors across
    /// components (an officer who teaches two components at a school is one instructor there, not two: neither the sum
    /// nor the largest of the per-component counts); its other counts are zero, so a sum over a scope's rows is unchanged.
    /// </summary>
    public const string AllComponents = "*";

    /// <summary>A row of one component (not the <see cref="AllComponents"/> row).</summary>
    public static System.Linq.Expressions.Expression<Func<ReachRollup, bool>> OfAComponent { get; } = r => r.ComponentCode != AllComponents;

    /// <summary>The active instructors across components among a scope's rows (none: 0).</summary>
    public static int InstructorsAcrossComponents(IEnumerable<ReachRollup> scopeRows) =>
        scopeRows.FirstOrDefault(r => r.ComponentCode == AllComponents)?.ActiveInstructors ?? 0;

    public long Id { get; init; }
    public RollupLevel Level { get; init; }
    /// <summary>Region, school or class id; 0 for the program; for a municipality, its region id.</summary>
    public int ScopeId { get; init; }
    /// <summary>Municipality name at the municipality level, empty otherwise.</summary>
    public string Municipality { get; init; } = "";
    public int SchoolYear { get; init; }
    public required string ComponentCode { get; init; }
    public int Classes { get; init; }
    public int StudentsEnrolled { get; init; }
    public int StudentsCompleted { get; init; }
    public int LessonsDelivered { get; init; }
    /// <summary>Officers assigned to the scope's classes of the year that are not cancelled, each counted once.</summary>
    public int ActiveInstructors { get; init; }
    // Families (components taught to households): households with a member still enrolled, those any member of which
    // came to a session, those that completed under the component's household rule; members who came, by role.
    // Households and members are counted per group: a family in two groups of one place counts in each.
    public int FamiliesEnrolled { get; init; }
    public int FamiliesReached { get; init; }
    public int FamiliesCompleted { get; init; }
    public int AdultsReached { get; init; }
    public int YouthReached { get; init; }
    /// <summary>Class level: the day of its first recorded lesson, when it started (reports count classes started by it).</summary>
    public DateOnly? FirstLessonOn { get; init; }
    /// <summary>Class level: the day of its latest recorded lesson, when its completions count in the year's curve.</summary>
    public DateOnly? LastLessonOn { get; init; }
    public DateTimeOffset ComputedAt { get; init; }
}

/// <summary>
/// A school whose reach figures are out of date. Written in the same transaction as the change; a job every
/// minute recomputes each requested school once, however many changes it had (durable, unlike a queued job).
/// Requests are only ever added (two officers of one school saving at the same moment both add one), and the job
/// removes those it has seen: a change that arrives during a recompute leaves its own request for the next one.
/// </summary>
public class RollupRequest
{
    public long Id { get; init; }
    public int SchoolId { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
}

/// <summary>
/// Pre-computed fidelity figures (how lessons were taught and observed) per month of a school year, written by the
/// roll-up job beside reach and read by the fidelity report: a year is the sum of its months, the chart is the months.
/// Levels: Program (ScopeId 0), Region, Municipality (ScopeId its region), School, Instructor.
/// </summary>
public class FidelityRollup
{
    public long Id { get; init; }
    public RollupLevel Level { get; init; }
    public int ScopeId { get; init; }
    public string Municipality { get; init; } = "";
    public int SchoolYear { get; init; }
    public required string ComponentCode { get; init; }
    /// <summary>The calendar month, as yyyymm (202609): lessons by the day taught, observations by the day of the lesson watched.</summary>
    public int Month { get; init; }
    public int Lessons { get; init; }
    public int LessonsWithDosage { get; init; }
    /// <summary>Sum over lessons with dosage of the share of activities done: the mean is this over <see cref="LessonsWithDosage"/>.</summary>
    public double AdherenceSum { get; init; }
    public long MinutesTaught { get; init; }
    public long MinutesPlanned { get; init; }
    public int Observations { get; init; }
    public int ObservationsPassed { get; init; }
    public DateTimeOffset ComputedAt { get; init; }
}

/// <summary>Fidelity figures summed over months (and over rows of a level): the means derive from the sums.</summary>
public sealed record FidelityFigures(int Lessons, int LessonsWithDosage, double AdherenceSum, long MinutesTaught, long MinutesPlanned, int Observations,
    int ObservationsPassed)
{
    public static readonly FidelityFigures None = new(0, 0, 0, 0, 0, 0, 0);

    public static FidelityFigures Sum(IEnumerable<FidelityRollup> rows) => rows.Aggregate(None, (f, r) => f + new FidelityFigures(r.Lessons,
        r.LessonsWithDosage, r.AdherenceSum, r.MinutesTaught, r.MinutesPlanned, r.Observations, r.ObservationsPassed));

    public static FidelityFigures operator +(FidelityFigures a, FidelityFigures b) => new(a.Lessons + b.Lessons, a.LessonsWithDosage + b.LessonsWithDosage,
        a.AdherenceSum + b.AdherenceSum, a.MinutesTaught + b.MinutesTaught, a.MinutesPlanned + b.MinutesPlanned, a.Observations + b.Observations,
        a.ObservationsPassed + b.ObservationsPassed);

    /// <summary>Mean share of activities done per lesson with dosage (0–1).</summary>
    public double? MeanAdherence => LessonsWithDosage == 0 ? null : AdherenceSum / LessonsWithDosage;
    public double? MeanMinutes => LessonsWithDosage == 0 ? null : (double)MinutesTaught / LessonsWithDosage;
    public double? MeanPlannedMinutes => LessonsWithDosage == 0 ? null : (double)MinutesPlanned / LessonsWithDosage;
    /// <summary>Minutes taught against minutes planned (1 = as planned).</summary>
    public double? MinutesRatio => MinutesPlanned == 0 ? null : (double)MinutesTaught / MinutesPlanned;
}
