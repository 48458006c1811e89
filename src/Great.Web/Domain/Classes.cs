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
public partial class SchoolClass : IAssignedClass
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

    public int Id { get; set; }
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
    /// <summary>A OneRoster sourcedId once the class is mapped to a roster export.</summary>
    public string? SourcedId { get; set; }

    public List<PlannedLesson> PlannedLessons { get; set; } = [];
    public List<Enrollment> Enrollments { get; set; } = [];
    public List<LessonDelivery> Deliveries { get; set; } = [];

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
            else planned.PlannedOn = dates[number - 1];
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
    }

    /// <summary>Taught to the end (or stopped with lessons given): completion becomes final. A class never started is cancelled instead.</summary>
    public void Finish()
    {
        if (_status != ClassStatus.Active) throw new ClassRuleException(ClassRule.TransitionNotAllowed);
        _status = ClassStatus.Finished;
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
        _school = school;
        _schoolId = school.Id;
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
    public DateOnly Date { get; init; }
}

public class PlannedLesson
{
    public int Id { get; set; }
    public int ClassId { get; set; }
    public SchoolClass Class { get; set; } = null!;
    public int LessonNumber { get; init; }
    public DateOnly PlannedOn { get; set; }

    /// <summary>
    /// Overdue: planned before today in an open class and still not recorded. The one definition: pages ask
    /// <see cref="IsOverdue"/>, queries filter with <see cref="Overdue"/>.
    /// </summary>
    public static bool IsOverdue(DateOnly plannedOn, bool recorded, ClassStatus status, DateOnly today) =>
        !recorded && plannedOn < today && SchoolClass.IsOpenStatus(status);

    public static Expression<Func<PlannedLesson, bool>> Overdue(DateOnly today) => p =>
        p.PlannedOn < today && SchoolClass.OpenStatuses.Contains(p.Class.Status) && !p.Class.Deliveries.Any(d => d.LessonNumber == p.LessonNumber);
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
    /// <summary>In a Families group: the household this member came with, and whether an adult or a youth. None in a class.</summary>
    public int? HouseholdId { get; set; }
    public Household? Household { get; set; }
    public MemberRole? Role { get; init; }
    /// <summary>A household's youth the coordinator said is this student (of a school class): not a record made for the group.</summary>
    public bool IsLinked { get; set; }

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
        WithdrawnOn = on;
    }

    /// <summary>Leaves the class on a date (an import's withdrawal, dated by the import); attendance already recorded stays.</summary>
    public void Withdraw(DateOnly on)
    {
        if (WithdrawnOn is not null) throw new InvalidOperationException("Already withdrawn.");
        if (on < EnrolledOn) throw new ArgumentOutOfRangeException(nameof(on), "A student cannot leave before enrolling.");
        WithdrawnOn = on;
    }
}

/// <summary>One lesson taught to one class; recorded at most once per class and lesson number.</summary>
public class LessonDelivery : IExplainedChange
{
    public int Id { get; set; }
    public int ClassId { get; set; }
    public SchoolClass Class { get; set; } = null!;
    public int LessonNumber { get; init; }
    public DateOnly TaughtOn { get; set; }
    public int InstructorId { get; set; }
    public Instructor Instructor { get; set; } = null!;
    public string? Notes { get; set; }
    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>The id a phone gave this record when it was kept offline: the same record sent twice is recognised by it.</summary>
    public Guid? PhoneId { get; init; }

    // Dosage and adherence (see Dosage): none on a record made before they were asked, or sent by a phone that kept it then.
    public int? MinutesTaught { get; private set; }
    public int? MinutesPlanned { get; private set; }
    /// <summary>The activities done, as numbers in the curriculum's order ("1,2,4").</summary>
    public string? ActivitiesDone { get; private set; }
    public int? ActivitiesDoneCount { get; private set; }
    public int? ActivitiesPlanned { get; private set; }

    public List<Observation> Observations { get; set; } = [];

    public bool HasDosage => MinutesTaught is not null;
    public IReadOnlySet<int> ActivityNumbersDone => Dosage.Parse(ActivitiesDone);

    /// <summary>Share of the lesson's activities done (0–1); none without dosage.</summary>
    public double? Adherence => ActivitiesPlanned is > 0 ? (double)ActivitiesDoneCount!.Value / ActivitiesPlanned.Value : null;

    /// <summary>How the lesson was taught: minutes and activities, with the plan they are measured against.</summary>
    public void SetDosage(Dosage dosage)
    {
        if (dosage.Check() is [var refused, ..]) throw new ClassRuleException(refused);
        MinutesTaught = dosage.Minutes;
        MinutesPlanned = dosage.PlannedMinutes;
        ActivitiesDone = Dosage.Format(dosage.ActivitiesDone);
        ActivitiesDoneCount = dosage.ActivitiesDone.Count;
        ActivitiesPlanned = dosage.ActivitiesPlanned;
    }

    public List<Attendance> Attendance { get; set; } = [];

    /// <summary>Why this record is being deleted: the audit trail keeps it with the deletion.</summary>
    public string? ChangeReason { get; private set; }

    /// <summary>Everything that stops this correction: the date rules, and an officer (not an administrator) must be one who may teach the class.</summary>
    public IReadOnlyList<ClassRule> CheckCorrection(DateOnly taughtOn, Instructor? officer, DateOnly today, Dosage? dosage = null)
    {
        var refusals = new List<ClassRule>();
        if (officer is not null && Class.CheckOfficer(officer, taughtOn, today) is { } officerRule) refusals.Add(officerRule);
        if (Class.CheckLessonDate(taughtOn, today) is { } dateRule) refusals.Add(dateRule);
        if (dosage is not null) refusals.AddRange(dosage.Check());
        return refusals;
    }

    /// <summary>A correction: the date, who was there, the notes, the dosage. Attendance of a day keeps the students marked when it was recorded.</summary>
    public void Correct(DateOnly taughtOn, Instructor? officer, DateOnly today, IReadOnlySet<int> presentEnrollmentIds, string? notes, Dosage? dosage = null)
    {
        if (CheckCorrection(taughtOn, officer, today, dosage) is [var refused, ..]) throw new ClassRuleException(refused);
        TaughtOn = taughtOn;
        Notes = notes;
        if (dosage is not null) SetDosage(dosage);
        foreach (var mark in Attendance) mark.Present = presentEnrollmentIds.Contains(mark.EnrollmentId);
    }

    /// <summary>A record made by mistake goes, with the reason said: the caller then removes it from the context.</summary>
    public void ExplainDeletion(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new ClassRuleException(ClassRule.ReasonRequired);
        ChangeReason = reason.Trim();
    }
}

public class Attendance : IExplainedChange
{
    public int Id { get; set; }
    public int DeliveryId { get; set; }
    public LessonDelivery Delivery { get; set; } = null!;
    public int EnrollmentId { get; set; }
    public Enrollment Enrollment { get; set; } = null!;
    public bool Present { get; set; }

    /// <summary>A mark goes with its lesson record, and so does the reason.</summary>
    public string? ChangeReason => Delivery?.ChangeReason;
}

/// <summary>Students enrolled on a day who were not on a roster shown earlier (Joined), and students shown who are not enrolled that day (Left).</summary>
public sealed record RosterChange(IReadOnlyList<Enrollment> Joined, IReadOnlyList<Enrollment> Left)
{
    public bool Changed => Joined.Count > 0 || Left.Count > 0;
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
