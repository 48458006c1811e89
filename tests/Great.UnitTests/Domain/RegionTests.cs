using Great.Web.Domain;
using Microsoft.Extensions.Time.Testing;

namespace Great.UnitTests.Domain;

public class RegionTests
{
    private static Region Region(int startMonth, string zone = "America/El_Salvador") =>
        new() { Name = "R", CountryCode = "SV", TimeZone = zone, SchoolYearStartMonth = startMonth };

    [Theory]
    [InlineData(1, 2026, 1, 15, 2026)]
    [InlineData(1, 2026, 12, 31, 2026)]
    [InlineData(8, 2026, 7, 31, 2025)]
    [InlineData(8, 2026, 8, 1, 2026)]
    [InlineData(3, 2027, 2, 28, 2026)]
    public void Should_name_the_school_year_by_the_year_it_starts(int startMonth, int year, int month, int day, int expected) =>
        Assert.Equal(expected, Region(startMonth).SchoolYearOf(new DateOnly(year, month, day)));

    [Fact]
    public void Should_label_a_school_year_that_spans_two_calendar_years()
    {
        Assert.Equal("2026", Region(1).SchoolYearLabel(2026));
        Assert.Equal("2026–27", Region(8).SchoolYearLabel(2026));
    }

    [Fact]
    public void Should_tell_today_in_the_regions_own_time_zone()
    {
        // 03:00 UTC on 25 November is still the evening of the 24th in El Salvador (UTC-6).
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 11, 24), Region(1).Today(time));
        Assert.Equal(new DateOnly(2026, 11, 25), Region(1, "Europe/Madrid").Today(time));
    }
}
