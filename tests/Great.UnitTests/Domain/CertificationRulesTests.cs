using Great.Web.Domain;

namespace Great.UnitTests.Domain;

public class CertificationRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static Instructor Officer() => new() { GivenName = "Ana", FamilyName = "Cruz", BadgeNumber = "SV-1", Email = "ana@example.org" };

    [Fact]
    public void Should_renew_from_the_old_expiry_not_from_today()
    {
        var certification = Officer().Grant("MS", CertificationLevel.Instructor, new(2023, 1, 10), new(2023, 2, 1), new(2026, 12, 31), Today);
        certification.Renew(36, Today);
        Assert.Equal(new DateOnly(2029, 12, 31), certification.ExpiresOn);
        Assert.Equal(Today, certification.RenewedOn);
    }

    [Fact]
    public void Should_renew_a_long_expired_certification_from_its_old_expiry_too()
    {
        var certification = Officer().Grant("MS", CertificationLevel.Instructor, new(2018, 1, 10), new(2018, 2, 1), new(2021, 2, 1), Today);
        certification.Renew(36, Today);
        Assert.Equal(new DateOnly(2024, 2, 1), certification.ExpiresOn);
        Assert.Equal(CertificationStatus.Expired, certification.StatusOn(Today));
    }

    [Fact]
    public void Should_refuse_a_second_grant_while_one_stands_for_the_component()
    {
        var officer = Officer();
        officer.Grant("ELEM", CertificationLevel.Instructor, new(2026, 1, 10), new(2026, 2, 1), new(2029, 2, 1), Today);
        var error = Assert.Throws<CertificationRuleException>(() =>
            officer.Grant("ELEM", CertificationLevel.Mentor, new(2026, 5, 1), new(2026, 6, 1), new(2029, 6, 1), Today));
        Assert.Equal(CertificationRule.AlreadyCertified, error.Rule);
        officer.Grant("MS", CertificationLevel.Instructor, new(2026, 1, 10), new(2026, 2, 1), new(2029, 2, 1), Today);
        Assert.Equal(2, officer.Certifications.Count);
    }

    [Fact]
    public void Should_grant_anew_after_an_expiry_or_a_revocation_keeping_the_old_one_in_the_history()
    {
        var officer = Officer();
        officer.Grant("ELEM", CertificationLevel.Instructor, new(2019, 1, 10), new(2019, 2, 1), new(2022, 2, 1), Today);
        var revoked = officer.Grant("MS", CertificationLevel.Instructor, new(2025, 1, 10), new(2025, 2, 1), new(2028, 2, 1), Today);
        revoked.Revoke("Left the programme", Today);
        officer.Grant("ELEM", CertificationLevel.Instructor, new(2026, 9, 1), new(2026, 9, 15), new(2029, 9, 15), Today);
        officer.Grant("MS", CertificationLevel.Instructor, new(2026, 9, 1), new(2026, 9, 15), new(2029, 9, 15), Today);
        Assert.Equal(4, officer.Certifications.Count);
        Assert.True(officer.MayTeach("ELEM", Today));
        Assert.True(officer.MayTeach("MS", Today));
    }

    [Theory]
    [InlineData("2026-02-01", "2026-01-31", "2029-01-31")]
    [InlineData("2026-01-10", "2026-02-01", "2026-02-01")]
    [InlineData("2026-01-10", "2026-02-01", "2025-02-01")]
    public void Should_refuse_dates_out_of_order(string trained, string certified, string expires)
    {
        var error = Assert.Throws<CertificationRuleException>(() => Officer().Grant("MS", CertificationLevel.Instructor,
            DateOnly.Parse(trained), DateOnly.Parse(certified), DateOnly.Parse(expires), Today));
        Assert.Equal(CertificationRule.DatesOutOfOrder, error.Rule);
    }

    [Fact]
    public void Should_suspend_reinstate_and_revoke_with_the_rules_between_them()
    {
        var officer = Officer();
        var certification = officer.Grant("MS", CertificationLevel.Instructor, new(2026, 1, 10), new(2026, 2, 1), new(2029, 2, 1), Today);
        Assert.Equal(CertificationRule.NotSuspended, Assert.Throws<CertificationRuleException>(() => certification.Reinstate(Today)).Rule);

        certification.Suspend("Under review", Today);
        Assert.Equal(CertificationStatus.Suspended, certification.StatusOn(Today));
        Assert.False(officer.MayTeach("MS", Today));
        Assert.Equal(CertificationRule.AlreadySuspended, Assert.Throws<CertificationRuleException>(() => certification.Suspend("again", Today)).Rule);

        certification.Reinstate(Today);
        // Back to what its records make it: granted as provisional and never signed off by a mentor.
        Assert.Equal(CertificationStatus.Provisional, certification.StatusOn(Today));
        Assert.Null(certification.SuspensionReason);

        certification.Revoke("Misconduct", Today);
        Assert.Equal(CertificationStatus.Revoked, certification.StatusOn(Today));
        Assert.Equal(CertificationRule.AlreadyRevoked, Assert.Throws<CertificationRuleException>(() => certification.Renew(36, Today)).Rule);
    }

    [Fact]
    public void Should_filter_by_status_in_the_database_exactly_as_the_entity_derives_it()
    {
        // Every status boundary, for certifications around one expiry, suspension and revocation.
        var expiry = new DateOnly(2027, 3, 31);
        var certifications = new List<Certification>();
        foreach (var suspended in new DateOnly?[] { null, new(2026, 6, 1) })
        foreach (var revoked in new DateOnly?[] { null, new(2026, 9, 1) })
        foreach (var provisional in new[] { false, true })
        foreach (var mentored in new DateOnly?[] { null, new(2026, 6, 15) })
        {
            var certification = new Certification
            {
                ComponentCode = "MS", TrainedOn = new(2024, 1, 1), CertifiedOn = new(2024, 2, 1), ExpiresOn = expiry,
                SuspendedOn = suspended, RevokedOn = revoked, RequiresMentoring = provisional,
            };
            // Set as the database loads it: a sign-off on 15 June 2026.
            typeof(Certification).GetProperty(nameof(Certification.MentoredOn))!.SetValue(certification, mentored);
            certifications.Add(certification);
        }
        var days = new[] { -1000, -61, -60, -59, -1, 0, 1, 2 }.Select(d => expiry.AddDays(d))
            .Concat([new DateOnly(2024, 1, 31), new(2026, 5, 31), new(2026, 6, 1), new(2026, 6, 14), new(2026, 6, 15), new(2026, 8, 31), new(2026, 9, 1)]);
        foreach (var day in days)
        foreach (var status in Enum.GetValues<CertificationStatus>())
        {
            var matches = Certification.HasStatus(status, day).Compile();
            Assert.All(certifications, c => Assert.Equal(c.StatusOn(day) == status, matches(c)));
        }
        // Overdue for observation: provisional for more than the set months, around the boundary too.
        foreach (var day in days.Concat([new DateOnly(2024, 8, 1), new(2024, 8, 2), new(2024, 7, 31)]))
        {
            var overdue = Certification.OverdueForObservation(day, 6).Compile();
            Assert.All(certifications, c => Assert.Equal(c.IsOverdueForObservation(day, 6), overdue(c)));
        }
        Assert.Contains(certifications, c => c.IsOverdueForObservation(new DateOnly(2024, 8, 2), 6));
        Assert.DoesNotContain(certifications, c => c.IsOverdueForObservation(new DateOnly(2024, 8, 1), 6));
    }

    [Fact]
    public void Should_use_the_configured_validity_per_component_and_the_default_otherwise()
    {
        var options = new CertificationOptions { DefaultValidityMonths = 36, ValidityMonths = { ["FAM"] = 24 } };
        Assert.Equal(24, options.ValidityFor("FAM"));
        Assert.Equal(36, options.ValidityFor("MS"));
    }
}
