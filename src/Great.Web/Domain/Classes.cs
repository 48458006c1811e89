using System.Linq.Expressions;

namespace Great.Web.Domain;

public enum ClassStatus { Planned, Active, Finished, Cancelled }

/// <summary>Why a class refuses a change; the page turns it into a message in the user's language.</summary>
public enum ClassRule
{
    ClassClosed, NotAssigned, NotCertified, NoSuchLesson, AlreadyRecorded, DateInFuture, BeforeClassStarts,
    TransitionNotAllowed, LessonsRecorded, ReasonRequired, AlreadyWithdrawn, LeavesBeforeEnrolling, LeavesInFuture,
    RosterChanged, MinutesOutOfRange, NoSuchActivity,
    NotForHouseholds, HouseholdLabelRequired, HouseholdLabelTaken, MemberNameRequired, HouseholdWithoutAdult, HouseholdWithoutYouth,
    MemberEnrolledTwice, OnlyYouthLinked, AlreadyLinked,
}

/// <summary>A change that would break a class rule; pages ask first (CheckRecording and friends), so this guards the entity itself.</summary>
public sealed class ClassRuleException(ClassRule rule) : InvalidOperationException($"Class rule broken: {rule}")
{
    public ClassRule Rule { get; } = rule;
}

/// <summary>A class taught one curriculum component (pinned to an edition) at a school in a school year.</summary>
/// <remarks>
/// State with rules (status, school, instructors, component) is set when the class is created and changes only
/// through the intent methods below, which refuse what a coordinator or an officer may not do.
/// </remarks>
public partial class SchoolClass : AnnouncesChanges, IAssignedClass
{
    private ClassStatus _status = ClassStatus.Planned;
    private DateOnly? _cancelledOn;
    private int _schoolId;
    private int? _instructorId;
    private int? _substituteInstructorId;
    private string _componentCode = "";
    private string _edition = "";
    private string _grade = "";
    private string _section = "";
    private School _school = null!;
    private Instructor? _instructor;
    private Instructor? _substituteInstructor;

    /// <summary>The statuses of a class still being taught: it takes lessons, reminders and instructors.</summary>
    public static readonly ClassStatus[] OpenStatuses = [ClassStatus.Planned, ClassStatus.Active];

    public int Id { get; init; }
    public int SchoolId { get => _schoolId; init => _schoolId = value; }
    public School School { get => _school; init => _school = value; }
    public required string ComponentCode { get => _componentCode; init => _componentCode = value; }
    public required string Edition { get => _edition; init => _edition = value; }
    /// <summary>Named by the calendar year the school year starts in.</summary>
    public int SchoolYear { get; private set; }
    public required string Grade { get => _grade; init => _grade = value; }
    public required string Section { get => _section; init => _section = value; }
    public string? ClassroomTeacher { get; private set; }
    public int? InstructorId { get => _instructorId; init => _instructorId = value; }
    public Instructor? Instructor { get => _instructor; init => _instructor = value; }
    /// <summary>An officer the coordinator named to stand in: may also record this class's lessons.</summary>
    public int? SubstituteInstructorId { get => _substituteInstructorId; init => _substituteInstructorId = value; }
    public Instructor? SubstituteInstructor { get => _substituteInstructor; init => _substituteInstructor = value; }
    public ClassStatus Status { get => _status; init => _status = value; }
    /// <summary>The day (in the region's calendar) the class was cancelled; cleared when it is reopened. Reports count cancellations by it.</summary>
    public DateOnly? CancelledOn { get => _cancelledOn; init => _cancelledOn = value; }
    /// <summary>"en" or "es": the language of the students' workbooks, which officers order ahead of each class.</summary>
    public string Language { get; private set; } = "en";
    private string? _sourcedId;
    /// <summary>A OneRoster sourcedId once the class is mapped to a roster export.</summary>
    public string? SourcedId { get => _sourcedId; init => _sourcedId = value; }

    public List<PlannedLesson> PlannedLessons { get; init; } = [];
    public List<Enrollment> Enrollments { get; init; } = [];
    public List<LessonDelivery> Deliveries { get; init; } = [];

    /// <summary>The class is the roster export's class <paramref name="sourcedId"/>: the school's system now keeps its roster.</summary>
    public void LinkToRoster(string sourcedId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourcedId);
        _sourcedId = sourcedId;
    }

    public string DisplayName => $"{Grade} {Section}".Trim();

    /// <summary>A new class at a school (the school and its first instructor given as entities, for a caller that has them).</summary>
    public static SchoolClass Create(School school, string componentCode, string edition, int schoolYear, string grade, string section,
        Instructor? instructor = null) =>
        new() { School = school, SchoolId = school.Id, ComponentCode = componentCode, Edition = edition, SchoolYear = schoolYear,
            Grade = grade, Section = section, Instructor = instructor, InstructorId = instructor?.Id, Language = school.Region?.DefaultCulture ?? "en" };

    public bool IsOpen => IsOpenStatus(Status);
    public static bool IsOpenStatus(ClassStatus status) => OpenStatuses.Contains(status);

    /// <summary>
    /// The class is over for its students: finished, or every lesson of the component recorded. Completion is then
    /// final (a student short of the rule has not completed, rather than being at risk).
    /// </summary>
    public static bool IsOver(ClassStatus status, int lessonsRecorded, int lessonCount) =>
        status == ClassStatus.Finished || lessonsRecorded >= lessonCount;

    /// <summary>
    /// Lesson dates from a first day, on the chosen weekdays, skipping holidays: one lesson per teaching day,
    /// in lesson order. Existing dates are replaced; each can be edited afterwards.
    /// </summary>
    /// <summary>Planned lesson dates lie between these: a date typed far off is a slip (and 9999-12-31 has no next day).</summary>
    public static readonly DateOnly FirstPlannableDay = new(2000, 1, 1);
    public static readonly DateOnly LastPlannableDay = new(2099, 12, 31);

    public static bool IsPlannable(DateOnly day) => day >= FirstPlannableDay && day <= LastPlannableDay;

    /// <summary>The dates of the lessons from the first day on the weekdays given, skipping holidays; fewer than asked if they run past <see cref="LastPlannableDay"/>.</summary>
    public static IReadOnlyList<DateOnly> LessonDates(DateOnly firstDay, IReadOnlySet<DayOfWeek> weekdays, IReadOnlySet<DateOnly> holidays, int lessonCount)
    {
        if (weekdays.Count == 0) throw new ArgumentException("At least one weekday is needed.", nameof(weekdays));
        var dates = new List<DateOnly>(lessonCount);
        for (var day = firstDay; dates.Count < lessonCount && day <= LastPlannableDay; day = day.AddDays(1))
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
            else planned.MoveTo(dates[number - 1]);
        }
        PlannedLessons.RemoveAll(p => p.LessonNumber > dates.Count);
    }

    /// <summary>Officers order students' workbooks this many days ahead of a class's first lesson.</summary>
    public const int HandbookLeadDays = 28;

    /// <summary>A class not yet started whose first lesson falls in the next four weeks: its workbooks are to be ordered now.</summary>
    public static bool NeedsHandbooksBy(ClassStatus status, DateOnly? startsOn, DateOnly today) =>
        status == ClassStatus.Planned && startsOn is { } first && first >= today && first.DayNumber - today.DayNumber <= HandbookLeadDays;

    /// <summary>The day the class starts: its first planned lesson (none planned: no limit).</summary>
    public DateOnly? StartsOn => PlannedLessons.Count == 0 ? null : PlannedLessons.Min(p => p.PlannedOn);

    /// <summary>A class still to be taught whose instructor may no longer teach its component.</summary>
    public static bool InstructorLapsed(int? instructorId, CertificationStatus instructorStatus, ClassStatus status) =>
        instructorId is not null && !instructorStatus.AllowsTeaching() && IsOpenStatus(status);

    /// <summary>The same, for a caller that has the class's instructor with their certifications (none: not lapsed).</summary>
    public static bool InstructorLapsed(Instructor? instructor, string componentCode, ClassStatus status, DateOnly today) =>
        instructor is not null && InstructorLapsed(instructor.Id, instructor.StatusFor(componentCode, today), status);

    public bool IsTaughtBy(int instructorId) => InstructorId == instructorId || SubstituteInstructorId == instructorId;

    /// <summary>Who may record or correct this class's lessons: its instructor or substitute, certified for the component on the day taught and today.</summary>
    public ClassRule? CheckOfficer(Instructor officer, DateOnly taughtOn, DateOnly today)
    {
        if (!IsTaughtBy(officer.Id)) return ClassRule.NotAssigned;
        if (!officer.MayTeach(ComponentCode, taughtOn) || !officer.MayTeach(ComponentCode, today)) return ClassRule.NotCertified;
        return null;
    }

    /// <summary>A lesson date: not in the future (in the region's calendar), not before the class starts.</summary>
    public ClassRule? CheckLessonDate(DateOnly taughtOn, DateOnly today)
    {
        if (taughtOn > today) return ClassRule.DateInFuture;
        if (StartsOn is { } starts && taughtOn < starts) return ClassRule.BeforeClassStarts;
        return null;
    }

    /// <summary>Everything that stops this officer recording this lesson on this day, in the order a person would fix them.</summary>
    /// <remarks>
    /// <paramref name="rosterShown"/>: the enrolments the officer marked (a phone's copy of the roster, made earlier).
    /// When given, a roster that changed since for that day refuses the record: a mark may be missing or meant for a student who left.
    /// </remarks>
    public IReadOnlyList<ClassRule> CheckRecording(int lessonNumber, int lessonCount, DateOnly taughtOn, Instructor officer, DateOnly today,
        IReadOnlySet<int>? rosterShown = null, Dosage? dosage = null)
    {
        var refusals = new List<ClassRule>();
        if (!IsOpen) refusals.Add(ClassRule.ClassClosed);
        if (CheckOfficer(officer, taughtOn, today) is { } officerRule) refusals.Add(officerRule);
        if (lessonNumber < 1 || lessonNumber > lessonCount) refusals.Add(ClassRule.NoSuchLesson);
        else if (Deliveries.Any(d => d.LessonNumber == lessonNumber)) refusals.Add(ClassRule.AlreadyRecorded);
        if (CheckLessonDate(taughtOn, today) is { } dateRule) refusals.Add(dateRule);
        if (rosterShown is not null && RosterChanges(taughtOn, rosterShown) is { Changed: true }) refusals.Add(ClassRule.RosterChanged);
        if (dosage is not null) refusals.AddRange(dosage.Check());
        return refusals;
    }

    /// <summary>How the students enrolled on a day differ from a roster shown earlier: who is there and was not shown, who was shown and is not there.</summary>
    public RosterChange RosterChanges(DateOnly day, IReadOnlySet<int> rosterShown)
    {
        var enrolled = EnrolledOn(day).ToList();
        return new RosterChange(
            Joined: enrolled.Where(e => !rosterShown.Contains(e.Id)).ToList(),
            Left: Enrollments.Where(e => rosterShown.Contains(e.Id) && !enrolled.Contains(e)).ToList());
    }

    /// <summary>
    /// Records a lesson with the attendance of every student enrolled on that day. A lesson is recorded at most
    /// once; the class must be open, the officer its instructor or substitute and certified for it (see CheckRecording).
    /// </summary>
    public LessonDelivery RecordLesson(int lessonNumber, int lessonCount, DateOnly taughtOn, Instructor officer, DateOnly today,
        IReadOnlySet<int> presentEnrollmentIds, string? notes, DateTimeOffset now, IReadOnlySet<int>? rosterShown = null, Guid? phoneId = null,
        Dosage? dosage = null)
    {
        if (CheckRecording(lessonNumber, lessonCount, taughtOn, officer, today, rosterShown, dosage) is [var refused, ..]) throw new ClassRuleException(refused);
        var delivery = new LessonDelivery
        {
            Class = this, LessonNumber = lessonNumber, TaughtOn = taughtOn, InstructorId = officer.Id, Notes = notes, RecordedAt = now,
            PhoneId = phoneId,
        };
        if (dosage is not null) delivery.SetDosage(dosage);
        delivery.Attendance.AddRange(EnrolledOn(taughtOn).Select(e => new Attendance { Delivery = delivery, Enrollment = e, Present = presentEnrollmentIds.Contains(e.Id) }));
        Deliveries.Add(delivery);
        if (_status == ClassStatus.Planned) _status = ClassStatus.Active;
        return delivery;
    }

    /// <summary>The class will not be taught (or not further): it leaves reminders and the reach figures.</summary>
    public void Cancel(DateOnly today)
    {
        if (!IsOpen) throw new ClassRuleException(ClassRule.TransitionNotAllowed);
        _status = ClassStatus.Cancelled;
        _cancelledOn = today;
        Announce(new ClassFiguresChanged(this));
    }

    /// <summary>Taught to the end (or stopped with lessons given): completion becomes final. A class never started is cancelled instead.</summary>
    public void Finish()
    {
        if (_status != ClassStatus.Active) throw new ClassRuleException(ClassRule.TransitionNotAllowed);
        _status = ClassStatus.Finished;
        Announce(new ClassFiguresChanged(this));
    }

    /// <summary>
    /// Back to being taught: a cancelled class as it was (Planned, or Active with lessons recorded), a finished one
    /// as Active. A finished class has lessons, so it never goes back to Planned.
    /// </summary>
    public void Reopen()
    {
        _cancelledOn = null;
        _status = _status switch
        {
            ClassStatus.Cancelled => Deliveries.Count > 0 ? ClassStatus.Active : ClassStatus.Planned,
            ClassStatus.Finished => ClassStatus.Active,
            _ => throw new ClassRuleException(ClassRule.TransitionNotAllowed),
        };
        Announce(new ClassFiguresChanged(this));
    }

    /// <summary>Whether a coordinator may move the class from its status to <paramref name="target"/>.</summary>
    public bool CanChangeStatusTo(ClassStatus target) => target == _status || target switch
    {
        ClassStatus.Cancelled => IsOpen,
        ClassStatus.Finished => _status == ClassStatus.Active,
        ClassStatus.Planned => _status == ClassStatus.Cancelled && Deliveries.Count == 0,
        ClassStatus.Active => _status == ClassStatus.Finished || (_status == ClassStatus.Cancelled && Deliveries.Count > 0),
        _ => false,
    };

    /// <summary>The status a coordinator chose on the class form, through the intent it stands for.</summary>
    public void ChangeStatusTo(ClassStatus target, DateOnly today)
    {
        if (target == _status) return;
        if (!CanChangeStatusTo(target)) throw new ClassRuleException(ClassRule.TransitionNotAllowed);
        switch (target)
        {
            case ClassStatus.Cancelled: Cancel(today); break;
            case ClassStatus.Finished: Finish(); break;
            default: Reopen(); break;
        }
    }

    /// <summary>To another school (a class set up at the wrong one); its students' reach moves with it.</summary>
    public void MoveTo(School school)
    {
        if (school.Id == _schoolId) return;
        var left = _schoolId;
        _school = school;
        _schoolId = school.Id;
        Announce(new ClassFiguresChanged(this, left));
    }

    /// <summary>A new class is set up Planned: it has no lesson to be under way or finished, and nothing to cancel.</summary>
    public static bool MayBeCreatedAs(ClassStatus status) => status == ClassStatus.Planned;

    /// <summary>
    /// What the class form describes: the school year, grade and section, the classroom teacher, and the language of the
    /// students' workbooks (one of <see cref="Languages.Codes"/>; none given: as it was).
    /// </summary>
    public void Describe(int schoolYear, string grade, string section, string? classroomTeacher, string? language)
    {
        if (language is { Length: > 0 } && !Languages.IsSupported(language)) throw new ArgumentException($"Not a language of Great: {language}", nameof(language));
        if (schoolYear != SchoolYear) Announce(new ClassFiguresChanged(this));
        SchoolYear = schoolYear;
        _grade = grade.Trim();
        _section = section.Trim();
        ClassroomTeacher = string.IsNullOrWhiteSpace(classroomTeacher) ? null : classroomTeacher.Trim();
        if (language is { Length: > 0 }) Language = language;
    }

    /// <summary>Whether the class may take another component: not once a lesson is recorded (the records are of the old one's lessons).</summary>
    public ClassRule? CheckComponentChange(string componentCode) =>
        componentCode != _componentCode && Deliveries.Count > 0 ? ClassRule.LessonsRecorded : null;

    /// <summary>Another component (or edition) while no lesson is recorded; the plan, made for the old lessons, is dropped.</summary>
    public void ChangeComponent(string componentCode, string edition)
    {
        if (componentCode == _componentCode && edition == _edition) return;
        if (Deliveries.Count > 0) throw new ClassRuleException(ClassRule.LessonsRecorded);
        _componentCode = componentCode;
        _edition = edition;
        PlannedLessons.Clear();
        Announce(new ClassFiguresChanged(this));
    }

    /// <summary>
    /// The officer who teaches the class and one who may stand in. Each must be allowed to teach the component today;
    /// a substitute who is the instructor is no substitute.
    /// </summary>
    public void AssignInstructors(Instructor? instructor, Instructor? substitute, DateOnly today)
    {
        if (instructor is not null && !instructor.MayTeach(ComponentCode, today)) throw new ClassRuleException(ClassRule.NotCertified);
        if (substitute is not null && !substitute.MayTeach(ComponentCode, today)) throw new ClassRuleException(ClassRule.NotCertified);
        // The same officer (by entity; officers not yet saved all have id 0).
        if (substitute is not null && instructor is not null && (ReferenceEquals(substitute, instructor) || (substitute.Id != 0 && substitute.Id == instructor.Id))) substitute = null;
        if (!ReferenceEquals(instructor, _instructor) && instructor?.Id != _instructorId) Announce(new ClassFiguresChanged(this));
        _instructor = instructor;
        _instructorId = instructor?.Id;
        _substituteInstructor = substitute;
        _substituteInstructorId = substitute?.Id;
    }

    /// <summary>
    /// Another instructor (or none), the substitute kept. A substitute who may no longer teach the component is released
    /// rather than kept against the rule; the class's substitute (loaded with their certifications) is returned then, so
    /// the coordinator is told.
    /// </summary>
    public Instructor? ReplaceInstructor(Instructor? instructor, DateOnly today)
    {
        var substitute = _substituteInstructorId is null ? null
            : _substituteInstructor ?? throw new InvalidOperationException("Load the class's substitute with their certifications first.");
        var keeps = substitute is not null && substitute.MayTeach(ComponentCode, today);
        AssignInstructors(instructor, keeps ? substitute : null, today);
        return keeps ? null : substitute;
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
            if (existing.WithdrawnOn is not null) existing.Return(on);
            return existing;
        }
        var enrollment = new Enrollment { Class = this, Student = student, EnrolledOn = on };
        Enrollments.Add(enrollment);
        return enrollment;
    }
}

/// <summary>What deciding who may act on a class needs to know of it: its school, its officers, its status.</summary>
public interface IAssignedClass
{
    int SchoolId { get; }
    int? InstructorId { get; }
    int? SubstituteInstructorId { get; }
    ClassStatus Status { get; }

    bool IsTaughtBy(int? instructorId) => instructorId is not null && (InstructorId == instructorId || SubstituteInstructorId == instructorId);
}
