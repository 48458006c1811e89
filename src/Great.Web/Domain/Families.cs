namespace Great.Web.Domain;

/// <summary>Who a member of a household is in a Families group.</summary>
public enum MemberRole { Adult, Youth }

/// <summary>
/// A family taking part in a Families group: a label the coordinator chooses (a family name's initial and a number, or
/// a short label) and its members, each an enrolment in the group with a role. Nothing more is kept about a family.
/// </summary>
public class Household
{
    public int Id { get; init; }
    public int ClassId { get; init; }
    public SchoolClass Class { get; init; } = null!;
    public required string Label { get; init; }

    public List<Enrollment> Members { get; init; } = [];

    /// <summary>The longest label: "G-12" or "Familia G. (martes)" fits.</summary>
    public const int LabelLength = 40;

    /// <summary>Labels are told apart without case or surrounding spaces: "g-1" and "G-1 " are one household.</summary>
    public static string KeyOf(string label) => label.Trim().ToUpperInvariant();
}

/// <summary>A member to enrol with a household: a new person (name and initial), or a student the coordinator linked.</summary>
public sealed record NewMember(string GivenName, string FamilyInitial, MemberRole Role, Student? Student = null)
{
    /// <summary>How a person is known in a group: by given name and initial (without case), and a linked student also by record.</summary>
    public IEnumerable<string> Keys => KeysOf(GivenName, FamilyInitial, Student?.Id ?? 0);

    public static IEnumerable<string> KeysOf(string givenName, string familyInitial, int studentId)
    {
        // A family name (or its initial) counts by its initial, as it is kept.
        yield return $"{givenName.Trim().ToUpperInvariant()}|{Student.InitialOf(familyInitial)}";
        if (studentId > 0) yield return $"#{studentId}";
    }
}

public partial class SchoolClass
{
    public List<Household> Households { get; init; } = [];

    /// <summary>The members already in this group (households' enrolments, withdrawn or not), each by its key.</summary>
    private IEnumerable<string> MemberKeys() => Enrollments.Where(e => e.IsHouseholdMember)
        .SelectMany(e => NewMember.KeysOf(e.Student.GivenName, e.Student.FamilyInitial, e.Student.Id));

    /// <summary>
    /// Everything that stops a household joining this group, in the order a coordinator would fix them: a group of a
    /// component taught to households, still open; a label, not taken in the group; at least one adult and one youth;
    /// no member twice (in the household, or already in another household of the group).
    /// </summary>
    public IReadOnlyList<ClassRule> CheckHousehold(string label, IReadOnlyList<NewMember> members, bool takesHouseholds)
    {
        var refusals = new List<ClassRule>();
        if (!takesHouseholds) refusals.Add(ClassRule.NotForHouseholds);
        if (!IsOpen) refusals.Add(ClassRule.ClassClosed);
        if (string.IsNullOrWhiteSpace(label)) refusals.Add(ClassRule.HouseholdLabelRequired);
        else if (Households.Any(h => Household.KeyOf(h.Label) == Household.KeyOf(label))) refusals.Add(ClassRule.HouseholdLabelTaken);
        if (members.Any(m => string.IsNullOrWhiteSpace(m.GivenName) || string.IsNullOrWhiteSpace(m.FamilyInitial))) refusals.Add(ClassRule.MemberNameRequired);
        if (!members.Any(m => m.Role == MemberRole.Adult)) refusals.Add(ClassRule.HouseholdWithoutAdult);
        if (!members.Any(m => m.Role == MemberRole.Youth)) refusals.Add(ClassRule.HouseholdWithoutYouth);
        var keys = members.SelectMany(m => m.Keys).ToList();
        if (keys.Count != keys.Distinct().Count() || keys.Intersect(MemberKeys()).Any()) refusals.Add(ClassRule.MemberEnrolledTwice);
        return refusals;
    }

    /// <summary>
    /// The members a household would bring twice, each with the household of the group that has them already (null when
    /// the household itself names them twice): what the coordinator is told when <see cref="ClassRule.MemberEnrolledTwice"/> refuses.
    /// </summary>
    public IReadOnlyList<(NewMember Member, string? Household)> MembersTwice(IReadOnlyList<NewMember> members)
    {
        var twice = new List<(NewMember, string?)>();
        var seen = new HashSet<string>();
        foreach (var member in members)
        {
            var keys = member.Keys.ToList();
            var holder = Households.FirstOrDefault(h => h.Members.Any(e => NewMember.KeysOf(e.Student.GivenName, e.Student.FamilyInitial, e.Student.Id).Intersect(keys).Any()));
            if (holder is not null) twice.Add((member, holder.Label));
            else if (keys.Any(k => !seen.Add(k))) twice.Add((member, null));
        }
        return twice;
    }

    /// <summary>
    /// A household joins the group on a day: each new member becomes a participant record of the group's place (a
    /// linked youth keeps their own student record) and is enrolled with their role. See CheckHousehold.
    /// </summary>
    public Household EnrollHousehold(string label, IReadOnlyList<NewMember> members, bool takesHouseholds, DateOnly on)
    {
        if (CheckHousehold(label, members, takesHouseholds) is [var refused, ..]) throw new ClassRuleException(refused);
        var household = new Household { Class = this, Label = label.Trim() };
        foreach (var member in members)
        {
            var person = member.Student ?? new Student
            {
                School = School, SchoolId = SchoolId, GivenName = member.GivenName.Trim(), FamilyInitial = Student.InitialOf(member.FamilyInitial),
            };
            var enrollment = new Enrollment
            {
                Class = this, Student = person, EnrolledOn = on, Household = household, Role = member.Role, IsLinked = member.Student is not null,
            };
            household.Members.Add(enrollment);
            Enrollments.Add(enrollment);
        }
        Households.Add(household);
        return household;
    }

    /// <summary>
    /// What stops a youth of a household being linked to a student the coordinator named: only a youth, not linked
    /// already, and a student who is not in this group already.
    /// </summary>
    public ClassRule? CheckLink(Enrollment member, Student student)
    {
        if (member.Role != MemberRole.Youth) return ClassRule.OnlyYouthLinked;
        if (member.IsLinked) return ClassRule.AlreadyLinked;
        if (Enrollments.Any(e => e.StudentId == student.Id)) return ClassRule.MemberEnrolledTwice;
        return null;
    }

    /// <summary>
    /// The youth is that student: the enrolment (and the attendance it carries) now names the student's record. The
    /// participant record made for the youth is returned for the caller to remove; it is nobody else's.
    /// </summary>
    public Student LinkYouth(Enrollment member, Student student)
    {
        if (CheckLink(member, student) is { } refused) throw new ClassRuleException(refused);
        var replaced = member.Student;
        member.LinkTo(student);
        return replaced;
    }
}
