namespace Great.Web.Domain;

public enum ClassStatus { Planned, Active, Finished, Cancelled }

/// <summary>A class taught one curriculum component (pinned to an edition) at a school in a school year.</summary>
public class SchoolClass
{
    public int Id { get; set; }
    public int SchoolId { get; set; }
    public School School { get; set; } = null!;
    public required string ComponentCode { get; set; }
    public required string Edition { get; set; }
    /// <summary>Named by the calendar year the school year starts in.</summary>
    public int SchoolYear { get; set; }
    public required string Grade { get; set; }
    public required string Section { get; set; }
    public string? ClassroomTeacher { get; set; }
    public int? InstructorId { get; set; }
    public Instructor? Instructor { get; set; }
    public ClassStatus Status { get; set; } = ClassStatus.Planned;
    /// <summary>A OneRoster sourcedId once the class is mapped to a roster export.</summary>
    public string? SourcedId { get; set; }

    public List<PlannedLesson> PlannedLessons { get; set; } = [];
    public List<Enrollment> Enrollments { get; set; } = [];
    public List<LessonDelivery> Deliveries { get; set; } = [];

    public string DisplayName => $"{Grade} {Section}".Trim();
}

public class PlannedLesson
{
    public int Id { get; set; }
    public int ClassId { get; set; }
    public SchoolClass Class { get; set; } = null!;
    public int LessonNumber { get; set; }
    public DateOnly PlannedOn { get; set; }
}

/// <summary>The minimum about a minor: no birth date, no address.</summary>
public class Student
{
    public int Id { get; set; }
    public int SchoolId { get; set; }
    public School School { get; set; } = null!;
    public required string GivenName { get; set; }
    /// <summary>One letter: the family name's initial.</summary>
    public required string FamilyInitial { get; set; }
    /// <summary>Optional id the school's information system uses.</summary>
    public string? LocalId { get; set; }
    /// <summary>OneRoster sourcedId, to match on re-import.</summary>
    public string? SourcedId { get; set; }

    public string DisplayName => $"{GivenName} {FamilyInitial}.";
}

public class Enrollment
{
    public int Id { get; set; }
    public int ClassId { get; set; }
    public SchoolClass Class { get; set; } = null!;
    public int StudentId { get; set; }
    public Student Student { get; set; } = null!;
    public DateOnly EnrolledOn { get; set; }
    public DateOnly? WithdrawnOn { get; set; }

    public bool IsActive => WithdrawnOn is null;
}

/// <summary>One lesson taught to one class; recorded at most once per class and lesson number.</summary>
public class LessonDelivery
{
    public int Id { get; set; }
    public int ClassId { get; set; }
    public SchoolClass Class { get; set; } = null!;
    public int LessonNumber { get; set; }
    public DateOnly TaughtOn { get; set; }
    public int InstructorId { get; set; }
    public Instructor Instructor { get; set; } = null!;
    public string? Notes { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public List<Attendance> Attendance { get; set; } = [];
}

public class Attendance
{
    public int Id { get; set; }
    public int DeliveryId { get; set; }
    public LessonDelivery Delivery { get; set; } = null!;
    public int EnrollmentId { get; set; }
    public Enrollment Enrollment { get; set; } = null!;
    public bool Present { get; set; }
}
