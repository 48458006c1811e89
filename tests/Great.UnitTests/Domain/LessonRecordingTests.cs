using Great.Web.Curriculum;
using Great.Web.Domain;

namespace Great.UnitTests.Domain;

public class LessonRecordingTests
{
    private static readonly CompletionRule FiveOfSixWithLast = new(5, RequiresLastLesson: true);

    private static CompletionStatus Assess(int[] attended, int[] recorded, bool over = false) =>
        FiveOfSixWithLast.Assess(attended.ToHashSet(), recorded.ToHashSet(), 6, over);

    [Fact]
    public void Should_complete_with_exactly_the_minimum_including_the_last() =>
        Assert.Equal(CompletionStatus.Completed, Assess([1, 2, 3, 5, 6], [1, 2, 3, 4, 5, 6]));

    [Fact]
    public void Should_not_complete_when_the_required_last_lesson_was_missed() =>
        Assert.Equal(CompletionStatus.NotCompleted, Assess([1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6]));

    [Fact]
    public void Should_be_at_risk_when_every_remaining_lesson_must_be_attended() =>
        Assert.Equal(CompletionStatus.AtRisk, Assess([1, 3], [1, 2, 3]));

    [Fact]
    public void Should_be_on_track_with_a_lesson_to_spare() =>
        Assert.Equal(CompletionStatus.OnTrack, Assess([1, 2, 3], [1, 2, 3]));

    [Fact]
    public void Should_not_complete_once_too_many_lessons_are_missed() =>
        Assert.Equal(CompletionStatus.NotCompleted, Assess([1], [1, 2, 3]));

    [Fact]
    public void Should_not_complete_when_the_class_is_over_early() =>
        Assert.Equal(CompletionStatus.NotCompleted, Assess([1, 2, 3], [1, 2, 3], over: true));

    private static readonly DateOnly Today = new(2026, 11, 20);

    /// <summary>Officer 7, certified for Elementary until 2028, teaching the class.</summary>
    internal static Instructor Officer(int id = 7)
    {
        var officer = new Instructor { Id = id, GivenName = "Carlos", FamilyName = "Hernández", BadgeNumber = "SV-1", Email = "c@example.org" };
        officer.Grant("ELEM", CertificationLevel.Instructor, new DateOnly(2025, 1, 10), new DateOnly(2025, 1, 20), new DateOnly(2028, 1, 20), new DateOnly(2025, 1, 20));
        return officer;
    }

    internal static SchoolClass ClassWithStudents(out Enrollment stays, out Enrollment left, out Enrollment joinsLater)
    {
        var schoolClass = new SchoolClass { ComponentCode = "ELEM", Edition = "2024", Grade = "5", Section = "A", InstructorId = 7 };
        Student Student(string name) => new() { GivenName = name, FamilyInitial = "P" };
        stays = schoolClass.Enroll(Student("Ana"), new DateOnly(2026, 2, 1));
        stays.Id = 1;
        left = schoolClass.Enroll(Student("Beto"), new DateOnly(2026, 2, 1));
        left.Id = 2;
        left.Withdraw(new DateOnly(2026, 3, 1));
        joinsLater = schoolClass.Enroll(Student("Carla"), new DateOnly(2026, 4, 1));
        joinsLater.Id = 3;
        return schoolClass;
    }

    [Fact]
    public void Should_mark_only_students_enrolled_on_the_day_and_not_the_withdrawn()
    {
        var schoolClass = ClassWithStudents(out var stays, out _, out _);
        var delivery = schoolClass.RecordLesson(2, 6, new DateOnly(2026, 3, 10), Officer(), Today, new HashSet<int> { 2 }, null, DateTimeOffset.UnixEpoch);
        var mark = Assert.Single(delivery.Attendance);
        Assert.Same(stays, mark.Enrollment);
        Assert.False(mark.Present); // everyone not sent as present was absent
        Assert.Equal(ClassStatus.Active, schoolClass.Status);
    }

    [Fact]
    public void Should_refuse_to_record_the_same_lesson_twice()
    {
        var schoolClass = ClassWithStudents(out _, out _, out _);
        schoolClass.RecordLesson(1, 6, new DateOnly(2026, 2, 10), Officer(), Today, new HashSet<int> { 1, 2 }, null, DateTimeOffset.UnixEpoch);
        var refused = Assert.Throws<ClassRuleException>(() => schoolClass.RecordLesson(1, 6, new DateOnly(2026, 2, 11), Officer(), Today, new HashSet<int>(), null, DateTimeOffset.UnixEpoch));
        Assert.Equal(ClassRule.AlreadyRecorded, refused.Rule);
    }

    [Fact]
    public void Should_correct_date_attendance_and_notes()
    {
        var schoolClass = ClassWithStudents(out _, out _, out _);
        var delivery = schoolClass.RecordLesson(3, 6, new DateOnly(2026, 4, 7), Officer(), Today, new HashSet<int> { 1, 3 }, null, DateTimeOffset.UnixEpoch);
        foreach (var mark in delivery.Attendance) mark.EnrollmentId = mark.Enrollment.Id;
        delivery.Correct(new DateOnly(2026, 4, 8), Officer(), Today, new HashSet<int> { 1 }, "Carla llegó tarde");
        Assert.Equal([true, false], delivery.Attendance.OrderBy(a => a.EnrollmentId).Select(a => a.Present));
        Assert.Equal(new DateOnly(2026, 4, 8), delivery.TaughtOn);
        Assert.Equal("Carla llegó tarde", delivery.Notes);
    }
}
