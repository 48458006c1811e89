namespace Great.Web.Domain;

/// <summary>Students to complete in a region (SchoolId null) or one school, per school year and component.</summary>
public class ReachTarget
{
    public int Id { get; set; }
    public int RegionId { get; set; }
    public Region Region { get; set; } = null!;
    public int? SchoolId { get; set; }
    public School? School { get; set; }
    public int SchoolYear { get; set; }
    public required string ComponentCode { get; set; }
    public int StudentsToComplete { get; set; }
}

public enum RollupLevel { Program, Region, Municipality, School, Class }

/// <summary>Pre-computed reach figures, written by the roll-up job and read by dashboards.</summary>
public class ReachRollup
{
    public long Id { get; set; }
    public RollupLevel Level { get; set; }
    /// <summary>Region, school or class id; 0 for the program; for a municipality, its region id.</summary>
    public int ScopeId { get; set; }
    /// <summary>Municipality name at the municipality level, empty otherwise.</summary>
    public string Municipality { get; set; } = "";
    public int SchoolYear { get; set; }
    public required string ComponentCode { get; set; }
    public int Classes { get; set; }
    public int StudentsEnrolled { get; set; }
    public int StudentsCompleted { get; set; }
    public int LessonsDelivered { get; set; }
    public int ActiveInstructors { get; set; }
    /// <summary>Class level: the day of its latest recorded lesson, when its completions count in the year's curve.</summary>
    public DateOnly? LastLessonOn { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
}

/// <summary>
/// A school whose reach figures are out of date. Written in the same transaction as the change; a job every
/// minute recomputes each requested school once, however many changes it had (durable, unlike a queued job).
/// Requests are only ever added (two officers of one school saving at the same moment both add one), and the job
/// removes those it has seen: a change that arrives during a recompute leaves its own request for the next one.
/// </summary>
public class RollupRequest
{
    public long Id { get; set; }
    public int SchoolId { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
}
