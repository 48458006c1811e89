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
    /// <summary>An officer the coordinator named to stand in: may also record this class's lessons.</summary>
    public int? SubstituteInstructorId { get; set; }
    public Instructor? SubstituteInstructor { get; set; }
    public ClassStatus Status { get; set; } = ClassStatus.Planned;
    /// <summary>A OneRoster sourcedId once the class is mapped to a roster export.</summary>
    public string? SourcedId { get; set; }

    public List<PlannedLesson> PlannedLessons { get; set; } = [];
    public List<Enrollment> Enrollments { get; set; } = [];
    public List<LessonDelivery> Deliveries { get; set; } = [];

    public string DisplayName => $"{Grade} {Section}".Trim();

    /// <summary>
    /// Lesson dates from a first day, on the chosen weekdays, skipping holidays: one lesson per teaching day,
    /// in lesson order. Existing dates are replaced; each can be edited afterwards.
    /// </summary>
    public static IReadOnlyList<DateOnly> LessonDates(DateOnly firstDay, IReadOnlySet<DayOfWeek> weekdays, IReadOnlySet<DateOnly> holidays, int lessonCount)
    {
        if (weekdays.Count == 0) throw new ArgumentException("At least one weekday is needed.", nameof(weekdays));
        var dates = new List<DateOnly>(lessonCount);
        for (var day = firstDay; dates.Count < lessonCount; day = day.AddDays(1))
        {
            if (weekdays.Contains(day.DayOfWeek) && !holidays.Contains(day)) dates.Add(day);
        }
        return dates;
    }

    /// <summary>Sets the planned date of each lesson, adding the plan rows that are missing.</summary>
    public void Plan(IReadOnlyList<DateOnly> dates)
    {
        for (var number = 1; number <= dates.Count; number++)
        {
            var planned = PlannedLessons.FirstOrDefault(p => p.LessonNumber == number);
            if (planned is null) PlannedLessons.Add(new PlannedLesson { LessonNumber = number, PlannedOn = dates[number - 1] });
            else planned.PlannedOn = dates[number - 1];
        }
        PlannedLessons.RemoveAll(p => p.LessonNumber > dates.Count);
    }

    /// <summary>The day the class starts: its first planned lesson (none planned: no limit).</summary>
    public DateOnly? StartsOn => PlannedLessons.Count == 0 ? null : PlannedLessons.Min(p => p.PlannedOn);

    /// <summary>A class still to be taught whose instructor may no longer teach its component.</summary>
    public static bool InstructorLapsed(int? instructorId, CertificationStatus instructorStatus, ClassStatus status) =>
        instructorId is not null && !instructorStatus.AllowsTeaching() && status is ClassStatus.Planned or ClassStatus.Active;

    public bool IsTaughtBy(int instructorId) => InstructorId == instructorId || SubstituteInstructorId == instructorId;

    /// <summary>
    /// Records a lesson with the attendance of every student enrolled on that day. A lesson is recorded at most
    /// once: the caller checks first and points to the existing record.
    /// </summary>
    public LessonDelivery RecordLesson(int lessonNumber, DateOnly taughtOn, int instructorId, IReadOnlySet<int> presentEnrollmentIds,
        string? notes, DateTimeOffset now)
    {
        if (Deliveries.Any(d => d.LessonNumber == lessonNumber)) throw new InvalidOperationException($"Lesson {lessonNumber} is already recorded.");
        var delivery = new LessonDelivery
        {
            Class = this, LessonNumber = lessonNumber, TaughtOn = taughtOn, InstructorId = instructorId, Notes = notes, RecordedAt = now,
        };
        delivery.Attendance.AddRange(EnrolledOn(taughtOn).Select(e => new Attendance { Enrollment = e, Present = presentEnrollmentIds.Contains(e.Id) }));
        Deliveries.Add(delivery);
        if (Status == ClassStatus.Planned) Status = ClassStatus.Active;
        return delivery;
    }

    /// <summary>Students in the class on a day: enrolled by then and not yet withdrawn.</summary>
    public IEnumerable<Enrollment> EnrolledOn(DateOnly day) =>
        Enrollments.Where(e => e.EnrolledOn <= day && (e.WithdrawnOn is null || e.WithdrawnOn > day));

    /// <summary>Enrols a student; one who was withdrawn comes back on the new date.</summary>
    public Enrollment Enroll(Student student, DateOnly on) =>
        Enroll(student, on, Enrollments.FirstOrDefault(e => e.Student == student || (student.Id != 0 && e.StudentId == student.Id)));

    /// <summary>The same, for a caller that has already found the student's enrolment in this class (or knows there is none).</summary>
    public Enrollment Enroll(Student student, DateOnly on, Enrollment? existing)
    {
        if (existing is not null)
        {
            if (existing.WithdrawnOn is not null)
            {
                existing.WithdrawnOn = null;
                existing.EnrolledOn = on;
            }
            return existing;
        }
        var enrollment = new Enrollment { Class = this, Student = student, EnrolledOn = on };
        Enrollments.Add(enrollment);
        return enrollment;
    }
}

/// <summary>A day a school does not teach; lesson plans skip it.</summary>
public class SchoolHoliday
{
    public int Id { get; set; }
    public int SchoolId { get; set; }
    public DateOnly Date { get; set; }
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

    /// <summary>Only the initial of a family name is kept: the first letter, upper-cased (Ñ stays Ñ).</summary>
    public static string InitialOf(string familyName)
    {
        var trimmed = familyName.Trim().Normalize(System.Text.NormalizationForm.FormC);
        return trimmed.Length == 0 ? "" : System.Globalization.StringInfo.GetNextTextElement(trimmed).ToUpperInvariant();
    }
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

    /// <summary>Leaves the class on a date; attendance already recorded stays.</summary>
    public void Withdraw(DateOnly on)
    {
        if (WithdrawnOn is not null) throw new InvalidOperationException("Already withdrawn.");
        if (on < EnrolledOn) throw new ArgumentOutOfRangeException(nameof(on), "A student cannot leave before enrolling.");
        WithdrawnOn = on;
    }
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

    /// <summary>A correction by the instructor: the date, who was there, the notes.</summary>
    public void Correct(DateOnly taughtOn, IReadOnlySet<int> presentEnrollmentIds, string? notes)
    {
        TaughtOn = taughtOn;
        Notes = notes;
        foreach (var mark in Attendance) mark.Present = presentEnrollmentIds.Contains(mark.EnrollmentId);
    }
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
