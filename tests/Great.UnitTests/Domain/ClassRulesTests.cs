using Great.Web.Domain;

namespace Great.UnitTests.Domain;

/// <summary>The class decides what may happen to it: recording, status changes, moves, instructors.</summary>
public class ClassRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);
    private static readonly DateOnly Taught = new(2026, 11, 18);

    private static SchoolClass Class(ClassStatus status = ClassStatus.Active, int? instructor = 7, int? substitute = null)
    {
        var schoolClass = new SchoolClass
        {
            ComponentCode = "ELEM", Edition = "2024", Grade = "5", Section = "A", InstructorId = instructor, SubstituteInstructorId = substitute, Status = status,
        };
        schoolClass.Plan([new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 23),
            new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 7)]);
        return schoolClass;
    }

    private static IReadOnlyList<ClassRule> Refusals(SchoolClass c, Instructor officer, int lesson = 1, DateOnly? taught = null) =>
        c.CheckRecording(lesson, 6, taught ?? Taught, officer, Today);

    [Theory]
    [InlineData(ClassStatus.Finished)]
    [InlineData(ClassStatus.Cancelled)]
    public void Should_refuse_a_lesson_on_a_finished_or_cancelled_class(ClassStatus status)
    {
        var schoolClass = Class(status);
        Assert.Equal([ClassRule.ClassClosed], Refusals(schoolClass, LessonRecordingTests.Officer()));
        var refused = Assert.Throws<ClassRuleException>(() =>
            schoolClass.RecordLesson(1, 6, Taught, LessonRecordingTests.Officer(), Today, new HashSet<int>(), null, DateTimeOffset.UnixEpoch));
        Assert.Equal(ClassRule.ClassClosed, refused.Rule);
        Assert.Empty(schoolClass.Deliveries);
    }

    [Fact]
    public void Should_refuse_an_officer_who_is_neither_instructor_nor_substitute() =>
        Assert.Equal([ClassRule.NotAssigned], Refusals(Class(instructor: 3), LessonRecordingTests.Officer(7)));

    [Fact]
    public void Should_refuse_attendance_taken_on_a_roster_that_changed_for_that_day()
    {
        var c = Class();
        Enrollment Enrol(int id, string name, DateOnly on)
        {
            var enrollment = c.Enroll(new Student { Id = id, GivenName = name, FamilyInitial = "Z" }, on);
            enrollment.Id = id;
            return enrollment;
        }
        var stays = Enrol(1, "Ana", new(2026, 11, 1));
        var leaves = Enrol(2, "Beto", new(2026, 11, 1));
        var arrives = Enrol(3, "Ceci", new(2026, 11, 17));
        leaves.Withdraw(new(2026, 11, 17), Today);
        var officer = LessonRecordingTests.Officer(7);

        // The phone's copy was made on the 16th: Ana and Beto. On the 18th Beto had left and Ceci had come.
        var change = c.RosterChanges(Taught, new HashSet<int> { 1, 2 });
        Assert.Equal([arrives], change.Joined);
        Assert.Equal([leaves], change.Left);
        Assert.Equal([ClassRule.RosterChanged], c.CheckRecording(1, 6, Taught, officer, Today, new HashSet<int> { 1, 2 }));
        // The same roster as that day's, or no roster given (the form): no refusal.
        Assert.Empty(c.CheckRecording(1, 6, Taught, officer, Today, new HashSet<int> { stays.Id, arrives.Id }));
        Assert.Empty(c.CheckRecording(1, 6, Taught, officer, Today));
        Assert.Throws<ClassRuleException>(() => c.RecordLesson(1, 6, Taught, officer, Today, new HashSet<int> { 1 }, null, DateTimeOffset.UnixEpoch, new HashSet<int> { 1, 2 }));
        Assert.Empty(c.Deliveries);
    }

    [Fact]
    public void Should_let_the_substitute_record() =>
        Assert.Empty(Refusals(Class(instructor: 3, substitute: 7), LessonRecordingTests.Officer(7)));

    [Fact]
    public void Should_refuse_an_officer_whose_certification_does_not_allow_teaching_that_day()
    {
        var officer = LessonRecordingTests.Officer();
        officer.Certifications.Single().Suspend("Investigación", new DateOnly(2026, 11, 19));
        // Suspended since yesterday: neither a lesson of today nor one taught before the suspension may be recorded now.
        Assert.Equal([ClassRule.NotCertified], Refusals(Class(), officer, taught: Today));
        Assert.Equal([ClassRule.NotCertified], Refusals(Class(), officer, taught: new DateOnly(2026, 11, 16)));
    }

    [Fact]
    public void Should_refuse_a_lesson_outside_the_component_a_future_date_and_a_date_before_the_class_starts()
    {
        var officer = LessonRecordingTests.Officer();
        Assert.Equal([ClassRule.NoSuchLesson], Refusals(Class(), officer, lesson: 7));
        Assert.Equal([ClassRule.DateInFuture], Refusals(Class(), officer, taught: Today.AddDays(1)));
        Assert.Equal([ClassRule.BeforeClassStarts], Refusals(Class(), officer, taught: new DateOnly(2026, 11, 1)));
    }

    [Fact]
    public void Should_start_a_planned_class_with_its_first_lesson()
    {
        var schoolClass = Class(ClassStatus.Planned);
        schoolClass.RecordLesson(1, 6, Taught, LessonRecordingTests.Officer(), Today, new HashSet<int>(), null, DateTimeOffset.UnixEpoch);
        Assert.Equal(ClassStatus.Active, schoolClass.Status);
    }

    [Theory]
    [InlineData(ClassStatus.Planned, ClassStatus.Cancelled, true)]
    [InlineData(ClassStatus.Active, ClassStatus.Cancelled, true)]
    [InlineData(ClassStatus.Active, ClassStatus.Finished, true)]
    [InlineData(ClassStatus.Planned, ClassStatus.Finished, false)] // a class never started is cancelled, not finished
    [InlineData(ClassStatus.Finished, ClassStatus.Active, true)]   // reopened
    [InlineData(ClassStatus.Finished, ClassStatus.Planned, false)] // it has lessons: never planned again
    [InlineData(ClassStatus.Finished, ClassStatus.Cancelled, false)]
    [InlineData(ClassStatus.Cancelled, ClassStatus.Planned, true)]
    [InlineData(ClassStatus.Planned, ClassStatus.Active, false)]   // a class starts with its first lesson
    public void Should_allow_only_the_transitions_a_coordinator_may_make(ClassStatus from, ClassStatus to, bool allowed)
    {
        var schoolClass = Class(from);
        Assert.Equal(allowed, schoolClass.CanChangeStatusTo(to));
        if (allowed)
        {
            schoolClass.ChangeStatusTo(to, Today);
            Assert.Equal(to, schoolClass.Status);
        }
        else
        {
            Assert.Equal(ClassRule.TransitionNotAllowed, Assert.Throws<ClassRuleException>(() => schoolClass.ChangeStatusTo(to, Today)).Rule);
            Assert.Equal(from, schoolClass.Status);
        }
    }

    [Fact]
    public void Should_reopen_a_cancelled_class_with_lessons_as_active()
    {
        var schoolClass = Class(ClassStatus.Active);
        schoolClass.RecordLesson(1, 6, Taught, LessonRecordingTests.Officer(), Today, new HashSet<int>(), null, DateTimeOffset.UnixEpoch);
        schoolClass.Cancel(Today);
        Assert.Equal(Today, schoolClass.CancelledOn);
        Assert.False(schoolClass.CanChangeStatusTo(ClassStatus.Planned));
        schoolClass.Reopen();
        Assert.Equal(ClassStatus.Active, schoolClass.Status);
        Assert.Null(schoolClass.CancelledOn);
    }

    [Fact]
    public void Should_keep_the_component_once_a_lesson_is_recorded()
    {
        var schoolClass = Class();
        schoolClass.ChangeComponent("MS", "2024");
        Assert.Empty(schoolClass.PlannedLessons); // the plan was for the old lessons
        schoolClass.ChangeComponent("ELEM", "2024");
        schoolClass.Plan([Taught]);
        schoolClass.RecordLesson(1, 6, Taught, LessonRecordingTests.Officer(), Today, new HashSet<int>(), null, DateTimeOffset.UnixEpoch);
        Assert.Equal(ClassRule.LessonsRecorded, Assert.Throws<ClassRuleException>(() => schoolClass.ChangeComponent("MS", "2024")).Rule);
    }

    [Fact]
    public void Should_assign_only_officers_who_may_teach_the_component_today()
    {
        var schoolClass = Class(instructor: null);
        var lapsed = LessonRecordingTests.Officer(8);
        lapsed.Certifications.Single().Revoke("Baja", new DateOnly(2026, 1, 1));
        Assert.Equal(ClassRule.NotCertified, Assert.Throws<ClassRuleException>(() => schoolClass.AssignInstructors(lapsed, null, Today)).Rule);
        var officer = LessonRecordingTests.Officer(7);
        schoolClass.AssignInstructors(officer, officer, Today);
        Assert.Equal((7, (int?)null), (schoolClass.InstructorId!.Value, schoolClass.SubstituteInstructorId)); // the instructor is no substitute
    }

    [Fact]
    public void Should_move_to_another_school()
    {
        var schoolClass = Class();
        var other = new School { Id = 12, Municipality = "Soyapango", Name = "Centro Escolar", Code = "SV-2" };
        schoolClass.MoveTo(other);
        Assert.Equal((12, other), (schoolClass.SchoolId, schoolClass.School));
    }

    [Fact]
    public void Should_call_a_lesson_overdue_only_when_planned_before_today_in_an_open_class_and_not_recorded()
    {
        Assert.True(PlannedLesson.IsOverdue(Today.AddDays(-1), recorded: false, ClassStatus.Active, Today));
        Assert.False(PlannedLesson.IsOverdue(Today, recorded: false, ClassStatus.Active, Today));
        Assert.False(PlannedLesson.IsOverdue(Today.AddDays(-1), recorded: true, ClassStatus.Active, Today));
        Assert.False(PlannedLesson.IsOverdue(Today.AddDays(-1), recorded: false, ClassStatus.Finished, Today));
        Assert.False(PlannedLesson.IsOverdue(Today.AddDays(-1), recorded: false, ClassStatus.Cancelled, Today));
    }

    [Fact]
    public void Should_call_a_class_over_when_finished_or_every_lesson_is_recorded()
    {
        Assert.True(SchoolClass.IsOver(ClassStatus.Finished, 2, 6));
        Assert.True(SchoolClass.IsOver(ClassStatus.Active, 6, 6));
        Assert.False(SchoolClass.IsOver(ClassStatus.Active, 5, 6));
    }

    [Fact]
    public void Should_need_a_reason_to_delete_a_lesson_record_and_give_it_to_the_marks()
    {
        var schoolClass = LessonRecordingTests.ClassWithStudents(out _, out _, out _);
        var delivery = schoolClass.RecordLesson(1, 6, new DateOnly(2026, 2, 10), LessonRecordingTests.Officer(), Today, new HashSet<int> { 1 }, null, DateTimeOffset.UnixEpoch);
        Assert.Equal(ClassRule.ReasonRequired, Assert.Throws<ClassRuleException>(() => delivery.ExplainDeletion(" ")).Rule);
        delivery.ExplainDeletion(" Clase equivocada ");
        Assert.All(delivery.Attendance, mark => Assert.Equal("Clase equivocada", ((IExplainedChange)mark).ChangeReason));
    }

    [Fact]
    public void Should_refuse_a_withdrawal_before_enrolling_in_the_future_or_twice()
    {
        var enrollment = new Enrollment { EnrolledOn = new DateOnly(2026, 2, 1) };
        Assert.Equal(ClassRule.LeavesBeforeEnrolling, enrollment.CheckWithdrawal(new DateOnly(2026, 1, 31), Today));
        Assert.Equal(ClassRule.LeavesInFuture, enrollment.CheckWithdrawal(Today.AddDays(1), Today));
        enrollment.Withdraw(Today, Today);
        Assert.Equal(ClassRule.AlreadyWithdrawn, enrollment.CheckWithdrawal(Today, Today));
    }
}
