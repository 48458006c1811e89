using Great.Web.Domain;

namespace Great.UnitTests.Domain;

public class CertificationStatusTests
{
    private static readonly DateOnly Expiry = new(2027, 6, 30);

    private static Certification Certified(DateOnly? suspended = null, DateOnly? revoked = null) => new()
    {
        ComponentCode = "MS", TrainedOn = new(2025, 1, 10), CertifiedOn = new(2025, 2, 1), ExpiresOn = Expiry,
        SuspendedOn = suspended, RevokedOn = revoked,
    };

    [Fact]
    public void Should_be_active_61_days_before_expiry() =>
        Assert.Equal(CertificationStatus.Active, Certified().StatusOn(Expiry.AddDays(-61)));

    [Fact]
    public void Should_be_expiring_exactly_60_days_before_expiry() =>
        Assert.Equal(CertificationStatus.Expiring, Certified().StatusOn(Expiry.AddDays(-60)));

    [Fact]
    public void Should_still_be_valid_on_the_expiry_day_itself() =>
        Assert.Equal(CertificationStatus.Expiring, Certified().StatusOn(Expiry));

    [Fact]
    public void Should_be_expired_the_day_after_expiry() =>
        Assert.Equal(CertificationStatus.Expired, Certified().StatusOn(Expiry.AddDays(1)));

    [Fact]
    public void Should_not_count_before_the_certification_date() =>
        Assert.Equal(CertificationStatus.None, Certified().StatusOn(new DateOnly(2025, 1, 31)));

    [Fact]
    public void Should_be_suspended_while_in_date_from_the_suspension_day() =>
        Assert.Equal(CertificationStatus.Suspended, Certified(suspended: new(2026, 3, 1)).StatusOn(new DateOnly(2026, 3, 1)));

    [Fact]
    public void Should_be_active_the_day_before_a_suspension_takes_effect() =>
        Assert.Equal(CertificationStatus.Active, Certified(suspended: new(2026, 3, 1)).StatusOn(new DateOnly(2026, 2, 28)));

    [Fact]
    public void Should_be_revoked_even_when_also_suspended() =>
        Assert.Equal(CertificationStatus.Revoked, Certified(suspended: new(2026, 3, 1), revoked: new(2026, 4, 1)).StatusOn(new DateOnly(2026, 4, 1)));

    [Theory]
    [InlineData(CertificationStatus.Active, true)]
    [InlineData(CertificationStatus.Expiring, true)]
    [InlineData(CertificationStatus.Expired, false)]
    [InlineData(CertificationStatus.Suspended, false)]
    [InlineData(CertificationStatus.Revoked, false)]
    [InlineData(CertificationStatus.None, false)]
    public void Should_let_only_active_or_expiring_instructors_teach(CertificationStatus status, bool allowed) =>
        Assert.Equal(allowed, status.AllowsTeaching());

    [Fact]
    public void Should_take_the_best_standing_of_several_certifications_for_a_component()
    {
        var instructor = new Instructor { GivenName = "A", FamilyName = "B", BadgeNumber = "1", Email = "a@b.c" };
        instructor.Certifications.Add(new Certification { ComponentCode = "MS", CertifiedOn = new(2020, 1, 1), ExpiresOn = new(2022, 1, 1) });
        instructor.Certifications.Add(new Certification { ComponentCode = "MS", CertifiedOn = new(2024, 1, 1), ExpiresOn = new(2028, 1, 1) });
        Assert.Equal(CertificationStatus.Active, instructor.StatusFor("MS", new DateOnly(2026, 1, 1)));
        Assert.Equal(CertificationStatus.None, instructor.StatusFor("ELEM", new DateOnly(2026, 1, 1)));
        Assert.True(instructor.MayTeach("MS", new DateOnly(2026, 1, 1)));
    }
}
