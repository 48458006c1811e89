using Great.Web.Domain;

namespace Great.UnitTests.Domain;

/// <summary>Behind, on track or ahead: a year of 365 days from 1 September, a target of 1,000.</summary>
public class TargetPaceTests
{
    private static readonly DateOnly Start = new(2026, 9, 1), End = new(2027, 8, 31);

    private static TargetPace On(int completed, DateOnly today) => TargetPace.Of(completed, 1000, Start, End, today);

    [Fact]
    public void Should_expect_the_share_of_the_target_the_year_has_run_and_project_the_pace_so_far()
    {
        // 28 February 2027: day 181 of 365.
        var pace = On(400, new DateOnly(2027, 2, 28));
        Assert.Equal(181, new DateOnly(2027, 2, 28).DayNumber - Start.DayNumber + 1);
        Assert.Equal((int)Math.Round(1000 * 181 / 365.0), pace.ExpectedByNow);
        Assert.Equal((int)Math.Round(400 * 365 / 181.0), pace.Projected);
        Assert.Equal(End, pace.YearEnd);
        Assert.Equal(40, pace.Percent);
    }

    [Theory]
    [InlineData(120, "2027-06-15", PaceStatus.Behind)]    // 12 % late in the year: the green bar
    [InlineData(440, "2027-02-28", PaceStatus.Behind)]    // projects 887: more than 10 % short
    [InlineData(450, "2027-02-28", PaceStatus.OnTrack)]   // projects 907
    [InlineData(540, "2027-02-28", PaceStatus.OnTrack)]   // projects 1,089
    [InlineData(550, "2027-02-28", PaceStatus.Ahead)]     // projects 1,109: more than 10 % over
    [InlineData(1000, "2026-12-01", PaceStatus.Ahead)]    // reached with months to go
    [InlineData(1000, "2027-08-31", PaceStatus.OnTrack)]  // reached on the last day
    [InlineData(1200, "2027-08-31", PaceStatus.Ahead)]
    [InlineData(899, "2027-08-31", PaceStatus.Behind)]
    [InlineData(0, "2026-09-01", PaceStatus.Behind)]      // nothing yet on the first day
    public void Should_say_behind_on_track_or_ahead_within_ten_percent_of_the_target(int completed, string today, PaceStatus expected) =>
        Assert.Equal(expected, On(completed, DateOnly.Parse(today)).Status);

    [Fact]
    public void Should_count_a_day_before_the_year_as_its_first_and_a_day_after_as_its_last()
    {
        Assert.Equal(On(10, Start), On(10, Start.AddDays(-30)));
        Assert.Equal(On(10, End), On(10, End.AddDays(30)));
        Assert.Equal(1000, On(10, End).ExpectedByNow);
    }

    [Fact]
    public void Should_refuse_a_target_of_zero() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TargetPace.Of(5, 0, Start, End, Start));
}
