using Great.Web.Data;
using Microsoft.Extensions.Configuration;

namespace Great.UnitTests.Data;

public class AppClockTests
{
    private static TimeProvider ClockFor(string? start, string? startedAt = null) =>
        AppClock.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Clock:Start"] = start, ["Clock:StartedAt"] = startedAt }).Build());

    [Fact]
    public void Should_start_a_day_given_alone_at_noon_utc_and_run_on_from_there()
    {
        var clock = ClockFor("2028-02-29");
        var first = clock.GetUtcNow();
        Assert.Equal(new DateTimeOffset(2028, 2, 29, 12, 0, 0, TimeSpan.Zero), first, TimeSpan.FromMinutes(1));
        Assert.True(clock.GetUtcNow() >= first);
    }

    [Fact]
    public void Should_take_an_instant_with_its_offset_as_utc()
    {
        Assert.Equal(new DateTimeOffset(2027, 7, 20, 13, 30, 0, TimeSpan.Zero), ClockFor("2027-07-20T07:30:00-06:00").GetUtcNow(), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Should_show_the_same_time_in_two_apps_started_apart_from_one_moment_of_the_run()
    {
        // An app in the test's process and one started as a process of its own minutes later agree to the second.
        var begun = new AppClock(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch).GetUtcNow();
        var first = ClockFor("2027-12-31", begun.ToString("O"));
        var second = ClockFor("2027-12-31", begun.ToString("O"));
        Assert.Equal(first.GetUtcNow(), second.GetUtcNow(), TimeSpan.FromSeconds(1));
        Assert.Equal(new DateTimeOffset(2027, 12, 31, 12, 0, 0, TimeSpan.Zero), first.GetUtcNow(), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Should_be_the_system_clock_when_no_start_is_set()
    {
#pragma warning disable RS0030 // the one test that the system clock is what a deployment gets
        Assert.Same(TimeProvider.System, ClockFor(null));
#pragma warning restore RS0030
    }

    [Fact]
    public void Should_refuse_a_start_that_is_not_a_date()
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => ClockFor("next tuesday"));
        Assert.Contains("Clock:Start 'next tuesday'", refusal.Message);
    }
}
