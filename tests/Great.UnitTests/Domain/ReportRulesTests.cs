using Great.Web.Domain;
using Great.Web.Pages.Reports;

namespace Great.UnitTests.Domain;

/// <summary>The periods funders report on, where an officer stands over one, which classes need workbooks, and the pack's outputs.</summary>
public class ReportRulesTests
{
    private static ReportPeriod Choose(PeriodKind kind, int year, int part = 1, DateOnly? from = null, DateOnly? to = null, int? startMonth = 8) =>
        ReportPeriod.Choose(kind, year, part, from, to, startMonth).Period!;

    [Fact]
    public void Should_make_each_kind_of_period_from_its_first_to_its_last_day()
    {
        Assert.Equal((new DateOnly(2026, 8, 1), new DateOnly(2027, 7, 31)), (Choose(PeriodKind.SchoolYear, 2026).Start, Choose(PeriodKind.SchoolYear, 2026).End));
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)),
            (Choose(PeriodKind.SchoolYear, 2026, startMonth: 1).Start, Choose(PeriodKind.SchoolYear, 2026, startMonth: 1).End));
        var fy = Choose(PeriodKind.FiscalYear, 2027);
        Assert.Equal((new DateOnly(2026, 10, 1), new DateOnly(2027, 9, 30)), (fy.Start, fy.End));
        var second = Choose(PeriodKind.HalfYear, 2026, 2);
        Assert.Equal((new DateOnly(2026, 7, 1), new DateOnly(2026, 12, 31)), (second.Start, second.End));
        var q1 = Choose(PeriodKind.Quarter, 2026, 1);
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)), (q1.Start, q1.End));
        var q4 = Choose(PeriodKind.Quarter, 2026, 4);
        Assert.Equal((new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31)), (q4.Start, q4.End));
        var custom = Choose(PeriodKind.Custom, 0, from: new DateOnly(2026, 3, 15), to: new DateOnly(2026, 5, 2));
        Assert.Equal([202603, 202604, 202605], custom.Months);
        Assert.False(custom.IsWholeMonths);
        Assert.True(q1.IsWholeMonths);
    }

    [Fact]
    public void Should_put_30_June_and_1_July_in_different_halves_and_say_when_each_half_is_due()
    {
        var first = Choose(PeriodKind.HalfYear, 2026, 1);
        var second = Choose(PeriodKind.HalfYear, 2026, 2);
        Assert.True(first.Contains(new DateOnly(2026, 6, 30)) && !first.Contains(new DateOnly(2026, 7, 1)));
        Assert.True(second.Contains(new DateOnly(2026, 7, 1)) && !second.Contains(new DateOnly(2026, 6, 30)));
        Assert.Equal(new DateOnly(2026, 7, 30), first.DueOn);
        Assert.Equal(new DateOnly(2027, 1, 30), second.DueOn);
        Assert.Null(Choose(PeriodKind.Quarter, 2026, 2).DueOn);
    }

    [Theory]
    [InlineData(PeriodKind.HalfYear, 2026, 3, PeriodRule.NoSuchPart)]
    [InlineData(PeriodKind.Quarter, 2026, 0, PeriodRule.NoSuchPart)]
    [InlineData(PeriodKind.FiscalYear, 1999, 1, PeriodRule.YearOutOfRange)]
    [InlineData(PeriodKind.SchoolYear, 2026, 1, PeriodRule.SchoolYearNeedsRegion)]
    public void Should_refuse_a_period_that_does_not_exist(PeriodKind kind, int year, int part, PeriodRule rule)
    {
        var (period, refused) = ReportPeriod.Choose(kind, year, part, null, null, schoolYearStartMonth: null);
        Assert.Null(period);
        Assert.Equal(rule, refused);
    }

    [Fact]
    public void Should_refuse_two_dates_out_of_order_missing_or_more_than_five_years_apart()
    {
        Assert.Equal(PeriodRule.EndBeforeStart, ReportPeriod.Choose(PeriodKind.Custom, 0, 1, new DateOnly(2026, 5, 1), new DateOnly(2026, 4, 30), null).Refused);
        Assert.Equal(PeriodRule.EndBeforeStart, ReportPeriod.Choose(PeriodKind.Custom, 0, 1, new DateOnly(2026, 5, 1), null, null).Refused);
        Assert.Equal(PeriodRule.TooLong, ReportPeriod.Choose(PeriodKind.Custom, 0, 1, new DateOnly(2020, 1, 1), new DateOnly(2026, 1, 1), null).Refused);
        Assert.NotNull(ReportPeriod.Choose(PeriodKind.Custom, 0, 1, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 1), null).Period);
    }

    private static Instructor Officer(params Certification[] certifications)
    {
        var officer = new Instructor { Id = 1, GivenName = "Ana", FamilyName = "Pérez", BadgeNumber = "B-1", Email = "ana@example.org" };
        foreach (var c in certifications) { c.Instructor = officer; officer.Certifications.Add(c); }
        return officer;
    }

    private static Certification Elementary(DateOnly trained, DateOnly certified, DateOnly expires) =>
        new() { ComponentCode = "ELEM", TrainedOn = trained, CertifiedOn = certified, ExpiresOn = expires };

    [Fact]
    public void Should_say_an_officer_trained_certified_and_active_in_the_period_and_lapsed_when_a_certification_expires_in_it()
    {
        var h1 = Choose(PeriodKind.HalfYear, 2026, 1);
        var today = new DateOnly(2026, 11, 25);
        var fresh = Officer(Elementary(new DateOnly(2026, 2, 10), new DateOnly(2026, 2, 20), new DateOnly(2029, 2, 20)));
        Assert.Equal(new OfficerStanding(Trained: true, Certified: true, Active: true, Lapsed: false), fresh.StandingIn("ELEM", h1, today));
        Assert.False(fresh.StandingIn("MS", h1, today).Any);

        var expiring = Officer(Elementary(new DateOnly(2023, 1, 10), new DateOnly(2023, 1, 20), new DateOnly(2026, 5, 31)));
        Assert.Equal(new OfficerStanding(false, false, Active: false, Lapsed: true), expiring.StandingIn("ELEM", h1, today));
        // The half after: never able to teach in it, so neither active nor lapsed in it.
        Assert.Equal(new OfficerStanding(false, false, false, false), expiring.StandingIn("ELEM", Choose(PeriodKind.HalfYear, 2026, 2), today));

        var suspended = Officer(Elementary(new DateOnly(2025, 1, 10), new DateOnly(2025, 1, 20), new DateOnly(2028, 1, 20)));
        suspended.Certifications[0].Suspend("Investigación", new DateOnly(2026, 3, 1));
        Assert.True(suspended.StandingIn("ELEM", h1, today).Lapsed);
    }

    [Fact]
    public void Should_read_standing_on_today_while_the_period_runs()
    {
        var thisHalf = Choose(PeriodKind.HalfYear, 2026, 2);
        var officer = Officer(Elementary(new DateOnly(2023, 1, 10), new DateOnly(2023, 1, 20), new DateOnly(2026, 12, 15)));
        Assert.True(officer.StandingIn("ELEM", thisHalf, new DateOnly(2026, 11, 25)).Active);
        Assert.True(officer.StandingIn("ELEM", thisHalf, new DateOnly(2027, 2, 1)).Lapsed);
    }

    [Theory]
    [InlineData(ClassStatus.Planned, 0, true)]
    [InlineData(ClassStatus.Planned, 28, true)]
    [InlineData(ClassStatus.Planned, 29, false)]
    [InlineData(ClassStatus.Planned, -1, false)]
    [InlineData(ClassStatus.Cancelled, 5, false)]
    public void Should_order_workbooks_for_a_class_starting_in_the_next_four_weeks(ClassStatus status, int daysAhead, bool needed)
    {
        var today = new DateOnly(2026, 11, 25);
        Assert.Equal(needed, SchoolClass.NeedsHandbooksBy(status, today.AddDays(daysAhead), today));
        Assert.False(SchoolClass.NeedsHandbooksBy(ClassStatus.Planned, null, today));
    }

    [Fact]
    public void Should_hide_small_counts_of_people_the_same_way_in_every_output()
    {
        var hidden = ReportCell.People(9);
        Assert.False(hidden.IsNumber);
        Assert.Equal("<10", hidden.Csv);
        Assert.Equal("<10", hidden.Display(System.Globalization.CultureInfo.GetCultureInfo("es")));
        Assert.Equal("10", ReportCell.People(10).Csv);
        Assert.Equal("1.234", ReportCell.Count(1234).Display(System.Globalization.CultureInfo.GetCultureInfo("es")));
        Assert.Equal("1234", ReportCell.Count(1234).Csv);
    }

    [Fact]
    public void Should_name_sheets_and_columns_as_Excel_requires()
    {
        Assert.Equal(["A", "Z", "AA", "AZ", "BA"], new[] { 0, 25, 26, 51, 52 }.Select(Workbook.ColumnName));
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Assert.Equal("Officers", Workbook.SheetName("Officers", taken));
        Assert.Equal("officers (2)", Workbook.SheetName("officers", taken));
        Assert.Equal("Classes and lessons per compone", Workbook.SheetName("Classes and lessons per component?", taken));
        Assert.True(Workbook.SheetName(new string('x', 40), taken).Length <= 31);
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(4, 4)]
    [InlineData(5, 8)]
    [InlineData(37, 40)]
    [InlineData(480, 800)]
    [InlineData(1001, 2000)]
    public void Should_round_a_chart_axis_up_to_four_even_steps(int largest, int top) => Assert.Equal(top, SvgChart.NiceMax(largest));
}
