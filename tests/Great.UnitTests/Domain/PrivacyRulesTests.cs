using Great.Web.Domain;

namespace Great.UnitTests.Domain;

public class PrivacyRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static Student Ana() => new() { Id = 41, GivenName = "Ana", FamilyInitial = "P", LocalId = "2026-1", SourcedId = "s-41" };

    [Theory]
    [InlineData("2026-11-20", 20, "2026-12-18")] // a Friday: four working weeks on
    [InlineData("2026-11-21", 1, "2026-11-23")]  // a Saturday: the next business day is Monday
    [InlineData("2026-11-22", 5, "2026-11-27")]  // a Sunday
    [InlineData("2026-11-24", 0, "2026-11-24")]
    [InlineData("2026-12-18", 20, "2027-01-15")] // across the year's end
    public void Should_count_business_days_skipping_weekends(string from, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), SubjectRequest.AddBusinessDays(DateOnly.Parse(from), days));

    [Fact]
    public void Should_be_due_20_business_days_after_it_came_extend_once_and_close_an_erasure_only_with_a_reason()
    {
        var request = SubjectRequest.Receive(Ana(), SubjectRequestKind.Erasure, new DateOnly(2026, 11, 20), Today, " The mother ", "admin@example.org");
        Assert.Equal((new DateOnly(2026, 12, 18), "The mother"), (request.DueOn, request.Details));
        Assert.False(request.IsOverdue(new DateOnly(2026, 12, 18)));
        Assert.True(request.IsOverdue(new DateOnly(2026, 12, 19)));

        Assert.Equal(SubjectRequestRule.ReasonRequired, Assert.Throws<SubjectRequestException>(() => request.Extend(" ")).Rule);
        request.Extend("Archive at the site");
        Assert.Equal(new DateOnly(2027, 1, 15), request.DueOn);
        Assert.Equal(SubjectRequestRule.AlreadyExtended, Assert.Throws<SubjectRequestException>(() => request.Extend("Again")).Rule);

        Assert.Equal(SubjectRequestRule.ReasonRequired, Assert.Throws<SubjectRequestException>(() => request.Close(Today, "")).Rule);
        request.Close(Today, "Erased at the father's request");
        Assert.False(request.IsOverdue(new DateOnly(2027, 6, 1)));
        Assert.Equal(SubjectRequestRule.AlreadyClosed, Assert.Throws<SubjectRequestException>(() => request.Close(Today, "x")).Rule);
        Assert.Equal(SubjectRequestRule.NotAPastDay, Assert.Throws<SubjectRequestException>(
            () => SubjectRequest.Receive(Ana(), SubjectRequestKind.Access, Today.AddDays(1), Today, "x", "a")).Rule);
    }

    [Theory]
    [InlineData(2026, 1, 2029, "2029-01-01")] // El Salvador: school year = calendar year
    [InlineData(2026, 8, 2029, "2029-08-01")] // the US: 2026–27 ends in 2027; two years kept, gone as 2029–30 starts
    public void Should_remove_names_as_the_school_year_starts_after_the_years_kept(int lastYear, int startMonth, int removalYear, string day)
    {
        var policy = new RetentionPolicy(RetentionPolicy.DefaultSchoolYearsKept);
        Assert.Equal(removalYear, policy.RemovalSchoolYear(lastYear));
        Assert.Equal(DateOnly.Parse(day), policy.RemovalDay(lastYear, startMonth));
        Assert.Equal(lastYear, policy.DueThrough(removalYear));
        Assert.Equal(lastYear - 1, policy.DueThrough(removalYear - 1));
    }

    [Theory]
    [InlineData("Sí", ConsentStatus.Given)]
    [InlineData(" yes ", ConsentStatus.Given)]
    [InlineData("given", ConsentStatus.Given)]
    [InlineData("NO", ConsentStatus.Refused)]
    [InlineData("rechazado", ConsentStatus.Refused)]
    [InlineData("pendiente", ConsentStatus.Unknown)]
    [InlineData("", ConsentStatus.Unknown)]
    [InlineData("quizás", null)]
    public void Should_read_an_answer_in_either_language(string text, ConsentStatus? expected) => Assert.Equal(expected, StudentConsent.Parse(text));

    [Fact]
    public void Should_name_a_student_unless_the_guardians_refused_their_taking_part()
    {
        Assert.True(StudentConsent.AllowsNaming(ConsentStatus.Given));
        Assert.True(StudentConsent.AllowsNaming(ConsentStatus.Unknown));
        Assert.False(StudentConsent.AllowsNaming(ConsentStatus.Refused));
    }

    [Fact]
    public void Should_record_an_answer_once_and_keep_the_first_day_when_the_same_answer_comes_again()
    {
        var ana = Ana();
        Assert.Null(ana.RecordConsent(ConsentKind.Photos, ConsentStatus.Unknown, Today, "a", Now));
        Assert.Empty(ana.Consents);
        ana.RecordConsent(ConsentKind.Photos, ConsentStatus.Refused, new DateOnly(2026, 2, 1), "coordinator", Now);
        ana.RecordConsent(ConsentKind.Photos, ConsentStatus.Refused, Today, "import", Now);
        var photos = Assert.Single(ana.Consents);
        Assert.Equal((ConsentStatus.Refused, new DateOnly(2026, 2, 1), "coordinator"), (photos.Status, photos.AnsweredOn, photos.RecordedBy));
        ana.RecordConsent(ConsentKind.Photos, ConsentStatus.Given, Today, new string('x', 300), Now);
        Assert.Equal((ConsentStatus.Given, Today, FieldLengths.Name), (photos.Status, photos.AnsweredOn, photos.RecordedBy.Length));
        Assert.Equal(ConsentStatus.Unknown, ana.ConsentFor(ConsentKind.TakePart));
    }

    [Fact]
    public void Should_replace_the_name_and_ids_with_a_stable_pseudonym_once()
    {
        var ana = Ana();
        ana.Pseudonymise(Now, "Retention");
        Assert.Equal(("ANON-41", "X", (string?)null, (string?)null, Now, "Retention"), (ana.GivenName, ana.FamilyInitial, ana.LocalId, ana.SourcedId, ana.PseudonymisedAt!.Value, ana.ChangeReason));
        ana.Pseudonymise(Now.AddDays(1), "Again");
        Assert.Equal((Now, "Retention"), (ana.PseudonymisedAt!.Value, ana.ChangeReason));
        Assert.Throws<InvalidOperationException>(() => new Student { GivenName = "New", FamilyInitial = "N" }.Pseudonymise(Now, "x"));
    }
}
