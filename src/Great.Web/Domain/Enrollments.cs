namespace Great.Web.Domain;

/// <summary>A student in a class, from the day enrolled until withdrawn, with the progress kept from their marks (ADR-011).</summary>
public class Enrollment : AnnouncesChanges
{
    public int Id { get; set; }
    public int ClassId { get; init; }
    public SchoolClass Class { get; init; } = null!;
    private int _studentId;
    public int StudentId { get => _studentId; init => _studentId = value; }
    private Student _student = null!;
    public Student Student { get => _student; init => _student = value; }
    private DateOnly _enrolledOn;
    public DateOnly EnrolledOn { get => _enrolledOn; init => _enrolledOn = value; }
    private DateOnly? _withdrawnOn;
    public DateOnly? WithdrawnOn { get => _withdrawnOn; init => _withdrawnOn = value; }
    /// <summary>In a Families group: the household this member came with, and whether an adult or a youth. None in a class.</summary>
    public int? HouseholdId { get; init; }
    public Household? Household { get; init; }
    public MemberRole? Role { get; init; }
    private bool _isLinked;
    /// <summary>A household's youth the coordinator said is this student (of a school class): not a record made for the group.</summary>
    public bool IsLinked { get => _isLinked; init => _isLinked = value; }

    public bool IsHouseholdMember => HouseholdId is not null || Household is not null;

    public bool IsActive => WithdrawnOn is null;

    /// <summary>
    /// How many lessons this enrolment was present at: its present attendance marks. Kept by the save pipeline in the
    /// transaction that changes a mark (Data/EnrollmentProgress.cs), so roll-ups count students, not marks; never set by a page.
    /// </summary>
    public int LessonsAttended { get; private set; }

    /// <summary>The highest lesson number this enrolment was present at, 0 for none; kept like <see cref="LessonsAttended"/>.</summary>
    public int HighestLessonAttended { get; private set; }

    /// <summary>What stops the student leaving on that day: gone already, a day before they came, or a day still to come.</summary>
    public ClassRule? CheckWithdrawal(DateOnly on, DateOnly today) =>
        WithdrawnOn is not null ? ClassRule.AlreadyWithdrawn
        : on < EnrolledOn ? ClassRule.LeavesBeforeEnrolling
        : on > today ? ClassRule.LeavesInFuture
        : null;

    /// <summary>Leaves the class on a day no later than today; attendance already recorded stays.</summary>
    public void Withdraw(DateOnly on, DateOnly today)
    {
        if (CheckWithdrawal(on, today) is { } refused) throw new ClassRuleException(refused);
        _withdrawnOn = on;
        Announce(new EnrolmentChanged(this));
    }

    /// <summary>A withdrawn student comes back on <paramref name="on"/> (through <see cref="SchoolClass.Enroll(Student, DateOnly)"/>).</summary>
    internal void Return(DateOnly on)
    {
        (_withdrawnOn, _enrolledOn) = (null, on);
        Announce(new EnrolmentChanged(this));
    }

    /// <summary>The enrolment now names another student's record (a Families youth linked to the school's student).</summary>
    internal void LinkTo(Student student)
    {
        (_student, _studentId, _isLinked) = (student, student.Id, true);
        Announce(new EnrolmentChanged(this));
    }

    /// <summary>Leaves the class on a date (an import's withdrawal, dated by the import); attendance already recorded stays.</summary>
    public void Withdraw(DateOnly on)
    {
        if (WithdrawnOn is not null) throw new InvalidOperationException("Already withdrawn.");
        if (on < EnrolledOn) throw new ArgumentOutOfRangeException(nameof(on), "A student cannot leave before enrolling.");
        _withdrawnOn = on;
        Announce(new EnrolmentChanged(this));
    }
}
