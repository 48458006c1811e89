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

    [Fact]
    public void Should_count_in_the_database_the_officers_the_certification_rule_allows_to_teach_on_a_day()
    {
        var day = new DateOnly(2026, 6, 30);
        var certifications = new List<Certification>();
        foreach (var certifiedOffset in new[] { -400, -1, 0, 1 })
        foreach (var expiresOffset in new[] { -1, 0, 1, 20, 400 })
        foreach (var suspendedOffset in new int?[] { null, -3, 0, 2 })
        foreach (var revokedOffset in new int?[] { null, -5, 0, 4 })
        foreach (var mentored in new[] { false, true })
        {
            if (expiresOffset <= certifiedOffset) continue;
            var c = new Certification
            {
                ComponentCode = "ELEM", TrainedOn = day.AddDays(certifiedOffset - 10), CertifiedOn = day.AddDays(certifiedOffset), ExpiresOn = day.AddDays(expiresOffset),
                SuspendedOn = suspendedOffset is { } s ? day.AddDays(s) : null, RevokedOn = revokedOffset is { } r ? day.AddDays(r) : null, RequiresMentoring = mentored,
            };
            certifications.Add(c);
        }
        var inDatabase = Certification.AllowsTeachingOn(day).Compile();
        Assert.All(certifications, c => Assert.Equal(c.AllowsTeaching(day), inDatabase(c)));
        Assert.Contains(certifications, c => c.AllowsTeaching(day));
        Assert.Contains(certifications, c => !c.AllowsTeaching(day));
    }

    [Fact]
    public void Should_know_which_months_a_period_covers_whole_and_the_days_it_holds_of_the_others()
    {
        var custom = Choose(PeriodKind.Custom, 0, from: new DateOnly(2026, 3, 15), to: new DateOnly(2026, 5, 2));
        Assert.Equal([false, true, false], custom.Months.Select(custom.CoversMonth));
        Assert.Equal((new DateOnly(2026, 3, 15), new DateOnly(2026, 3, 31)), custom.DaysOf(202603));
        Assert.Equal((new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 2)), custom.DaysOf(202605));
        Assert.All(Choose(PeriodKind.FiscalYear, 2027).Months, m => Assert.True(Choose(PeriodKind.FiscalYear, 2027).CoversMonth(m)));
        Assert.Equal(new DateOnly(2026, 6, 30), Choose(PeriodKind.HalfYear, 2026, 1).StandingDay(new DateOnly(2026, 11, 25)));
        Assert.Equal(new DateOnly(2026, 11, 25), Choose(PeriodKind.HalfYear, 2026, 2).StandingDay(new DateOnly(2026, 11, 25)));
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
