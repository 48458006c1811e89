using Great.Web.Curriculum;
using Great.Web.Domain;

namespace Great.UnitTests.Domain;

/// <summary>Households in a Families group: who may join, who is one person, linking a youth, and when a household completes.</summary>
public class FamiliesRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);
    private static readonly HouseholdRule Together = new(Adults: 1, Youth: 1);
    private static readonly CompletionRule FiveWithLast = new(5, RequiresLastLesson: true);

    private static SchoolClass Group(ClassStatus status = ClassStatus.Active)
    {
        var place = new School { Id = 7, Code = "SITE-1", Name = "Casa Comunal", Municipality = "San Salvador", Kind = PlaceKind.CommunityCentre };
        return new SchoolClass { School = place, SchoolId = place.Id, ComponentCode = "FAM", Edition = "2024", Grade = "", Section = "Familias", Status = status };
    }

    private static NewMember Adult(string name, string family = "García") => new(name, family, MemberRole.Adult);
    private static NewMember Youth(string name, string family = "García") => new(name, family, MemberRole.Youth);

    [Fact]
    public void Should_refuse_a_household_without_an_adult_or_a_youth_or_a_label_or_in_a_classroom_component()
    {
        var group = Group();
        Assert.Equal([ClassRule.HouseholdWithoutAdult], group.CheckHousehold("G-1", [Youth("Luis")], takesHouseholds: true));
        Assert.Equal([ClassRule.HouseholdWithoutYouth], group.CheckHousehold("G-1", [Adult("Rosa"), Adult("Juan")], takesHouseholds: true));
        Assert.Equal([ClassRule.HouseholdLabelRequired], group.CheckHousehold("  ", [Adult("Rosa"), Youth("Luis")], takesHouseholds: true));
        Assert.Equal([ClassRule.NotForHouseholds], group.CheckHousehold("G-1", [Adult("Rosa"), Youth("Luis")], takesHouseholds: false));
        Assert.Equal([ClassRule.ClassClosed], Group(ClassStatus.Finished).CheckHousehold("G-1", [Adult("Rosa"), Youth("Luis")], takesHouseholds: true));
        Assert.Empty(group.CheckHousehold("G-1", [Adult("Rosa"), Youth("Luis")], takesHouseholds: true));
        Assert.Throws<ClassRuleException>(() => group.EnrollHousehold("G-1", [Youth("Luis")], true, Today));
        Assert.Empty(group.Households);
    }

    [Fact]
    public void Should_refuse_a_member_enrolled_twice_in_one_group_and_a_label_taken_without_regard_to_case()
    {
        var group = Group();
        var household = group.EnrollHousehold(" G-1 ", [Adult("Rosa"), Youth("Luis")], true, Today);
        Assert.Equal("G-1", household.Label);
        Assert.All(household.Members, m => Assert.Equal((group.SchoolId, Today), (m.Student.SchoolId, m.EnrolledOn)));
        Assert.Equal("G", household.Members[0].Student.FamilyInitial);

        Assert.Equal([ClassRule.MemberEnrolledTwice], group.CheckHousehold("M-2", [Adult("ROSA", "g"), Youth("Mario", "Martínez")], true));
        Assert.Equal([ClassRule.MemberEnrolledTwice], group.CheckHousehold("M-2", [Adult("Ana", "Martínez"), Youth("Mario", "Martínez"), Youth("mario", "M")], true));
        Assert.Equal([ClassRule.HouseholdLabelTaken], group.CheckHousehold("g-1", [Adult("Ana", "Martínez"), Youth("Mario", "Martínez")], true));

        // A student linked elsewhere is one person by their record, whatever name another row gives.
        var student = new Student { Id = 40, SchoolId = 3, GivenName = "Daniela", FamilyInitial = "N" };
        group.EnrollHousehold("N-3", [Adult("Marta", "Núñez"), new NewMember("Daniela", "N", MemberRole.Youth, student)], true, Today);
        Assert.Equal([ClassRule.MemberEnrolledTwice], group.CheckHousehold("N-4", [Adult("Pilar", "Núñez"), new NewMember("Dani", "N", MemberRole.Youth, student)], true));
    }

    [Fact]
    public void Should_link_only_a_youth_not_linked_yet_to_a_student_not_already_in_the_group()
    {
        var group = Group();
        var household = group.EnrollHousehold("G-1", [Adult("Rosa"), Youth("Luis")], true, Today);
        var (adult, youth) = (household.Members[0], household.Members[1]);
        var student = new Student { Id = 41, SchoolId = 3, GivenName = "Luis", FamilyInitial = "G" };
        Assert.Equal(ClassRule.OnlyYouthLinked, group.CheckLink(adult, student));

        var replaced = group.LinkYouth(youth, student);
        Assert.Equal(("Luis", 7), (replaced.GivenName, replaced.SchoolId));
        Assert.Equal((student, 41, true), (youth.Student, youth.StudentId, youth.IsLinked));
        Assert.Equal(ClassRule.AlreadyLinked, group.CheckLink(youth, new Student { Id = 42, SchoolId = 3, GivenName = "Luis", FamilyInitial = "G" }));

        var other = group.EnrollHousehold("P-2", [Adult("Ana", "Pérez"), Youth("Iván", "Pérez")], true, Today).Members[1];
        Assert.Equal(ClassRule.MemberEnrolledTwice, group.CheckLink(other, student));
    }

    [Fact]
    public void Should_count_a_session_for_a_household_only_when_an_adult_and_a_youth_of_it_came_together()
    {
        // Session 1 both, 2 only the youth, 3 only the adult, 4 both, 5 two youth and an adult, 6 both.
        (int, MemberRole)[] presence =
        [
            (1, MemberRole.Adult), (1, MemberRole.Youth), (2, MemberRole.Youth), (3, MemberRole.Adult),
            (4, MemberRole.Adult), (4, MemberRole.Youth), (5, MemberRole.Youth), (5, MemberRole.Youth), (5, MemberRole.Adult),
            (6, MemberRole.Adult), (6, MemberRole.Youth),
        ];
        var counted = Together.SessionsCounted(presence).Order().ToList();
        Assert.Equal([1, 4, 5, 6], counted);
        Assert.False(FiveWithLast.IsMetBy(counted, 6)); // four sessions together: not completed, though someone came to all six

        var withSessionTwo = Together.SessionsCounted(presence.Append((2, MemberRole.Adult))).ToList();
        Assert.True(FiveWithLast.IsMetBy(withSessionTwo, 6));
        Assert.False(FiveWithLast.IsMetBy(Together.SessionsCounted(presence.Where(p => p.Item1 != 6).Append((2, MemberRole.Adult)).Append((3, MemberRole.Youth))), 6));
        Assert.Empty(new HouseholdRule(Adults: 2, Youth: 1).SessionsCounted(presence));
    }
}
