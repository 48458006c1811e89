using Great.Web.Domain;

namespace Great.UnitTests.Domain;

/// <summary>Intent methods announce what other figures depend on, and only that (ADR-022).</summary>
public class DomainEventTests
{
    private static readonly DateOnly Today = new(2026, 5, 4);

    private static SchoolClass Class(int schoolId = 1)
    {
        var schoolClass = new SchoolClass { SchoolId = schoolId, ComponentCode = "ELEM", Edition = "2024", Grade = "5", Section = "A", Status = ClassStatus.Active };
        schoolClass.Describe(2026, "5", "A", null, null);
        schoolClass.TakeEvents();
        return schoolClass;
    }

    [Fact]
    public void Should_announce_a_move_with_the_school_the_class_left()
    {
        var schoolClass = Class(schoolId: 1);
        schoolClass.MoveTo(new School { Id = 2, Municipality = "M", Name = "Otra", Code = "X-2" });
        var moved = Assert.IsType<ClassFiguresChanged>(Assert.Single(schoolClass.TakeEvents()));
        Assert.Equal((2, 1), (moved.Class.SchoolId, moved.LeftSchoolId));
        Assert.Empty(schoolClass.TakeEvents());
    }

    [Fact]
    public void Should_announce_nothing_for_a_grade_section_or_teacher_and_a_new_school_year_once()
    {
        var schoolClass = Class();
        schoolClass.Describe(2026, "6", "B", "Prof. Ruiz", "es");
        Assert.Empty(schoolClass.TakeEvents());
        schoolClass.Describe(2027, "6", "B", "Prof. Ruiz", null);
        Assert.IsType<ClassFiguresChanged>(Assert.Single(schoolClass.TakeEvents()));
    }

    [Fact]
    public void Should_announce_a_cancellation_and_a_withdrawal_on_the_entity_that_changed()
    {
        var schoolClass = Class();
        var enrollment = schoolClass.Enroll(new Student { GivenName = "Ana", FamilyInitial = "P" }, Today.AddDays(-30));
        schoolClass.Cancel(Today);
        Assert.IsType<ClassFiguresChanged>(Assert.Single(schoolClass.TakeEvents()));
        enrollment.Withdraw(Today.AddDays(-1), Today);
        Assert.Equal(enrollment, Assert.IsType<EnrolmentChanged>(Assert.Single(enrollment.TakeEvents())).Enrollment);
    }
}
