namespace Great.Web.Domain;

/// <summary>The kinds of period funders report on.</summary>
public enum PeriodKind { SchoolYear, FiscalYear, HalfYear, Quarter, Custom }

/// <summary>Why a period cannot be reported on; the page turns it into a message in the user's language.</summary>
public enum PeriodRule { YearOutOfRange, NoSuchPart, EndBeforeStart, TooLong, SchoolYearNeedsRegion }

/// <summary>
/// The days a report covers, first and last included, as dates on the wall calendar of the region a record belongs
/// to: a lesson taught on 30 June falls in the first half of the year wherever it was taught, one on 1 July in the second.
/// </summary>
public sealed record ReportPeriod(PeriodKind Kind, DateOnly Start, DateOnly End)
{
    /// <summary>Fiscal years run October to September and are named by the year they end in (FY2027: 1 October 2026 – 30 September 2027).</summary>
    public const int FiscalYearStartMonth = 10;
    public const int FirstYear = 2000;
    public const int LastYear = 2100;
    /// <summary>Any two dates, up to five years apart: longer is a typing mistake, not a report.</summary>
    public const int MaxDays = 5 * 366;

    public bool Contains(DateOnly day) => day >= Start && day <= End;

    /// <summary>The day standings (who may teach) are read on: the period's last day, or today while the period runs.</summary>
    public DateOnly StandingDay(DateOnly today) => End < today ? End : today;

    /// <summary>Each calendar month the period touches, as yyyymm (the grain of the monthly roll-ups).</summary>
    public IReadOnlyList<int> Months
    {
        get
        {
            var months = new List<int>();
            for (var m = new DateOnly(Start.Year, Start.Month, 1); m <= End; m = m.AddMonths(1)) months.Add(MonthKey(m));
            return months;
        }
    }

    /// <summary>Whether the period starts on a month's first day and ends on a month's last: monthly figures then fit it exactly.</summary>
    public bool IsWholeMonths => Start.Day == 1 && End.AddDays(1).Day == 1;

    /// <summary>When a half-year report is due to US juvenile-justice grantors: 30 July for January–June, 30 January for July–December.</summary>
    public DateOnly? DueOn => Kind != PeriodKind.HalfYear ? null : Start.Month == 1 ? new DateOnly(Start.Year, 7, 30) : new DateOnly(Start.Year + 1, 1, 30);

    public static int MonthKey(DateOnly day) => day.Year * 100 + day.Month;

    /// <summary>Whether the period holds every day of a month (yyyymm): its monthly roll-up figures then count whole.</summary>
    public bool CoversMonth(int month)
    {
        var (first, last) = DaysOf(month);
        return first == new DateOnly(month / 100, month % 100, 1) && last == first.AddMonths(1).AddDays(-1);
    }

    /// <summary>The days of a month (yyyymm) that fall in the period.</summary>
    public (DateOnly First, DateOnly Last) DaysOf(int month)
    {
        var first = new DateOnly(month / 100, month % 100, 1);
        var last = first.AddMonths(1).AddDays(-1);
        return (first < Start ? Start : first, last > End ? End : last);
    }

    /// <summary>
    /// A period from what a reader chose: a kind, a year and a part (the half or quarter), or two dates. A school year
    /// needs the region's first month: regions start their school years in different months.
    /// </summary>
    public static (ReportPeriod? Period, PeriodRule? Refused) Choose(PeriodKind kind, int year, int part, DateOnly? from, DateOnly? to, int? schoolYearStartMonth)
    {
        if (kind != PeriodKind.Custom && year is < FirstYear or > LastYear) return (null, PeriodRule.YearOutOfRange);
        switch (kind)
        {
            case PeriodKind.SchoolYear:
                if (schoolYearStartMonth is not { } startMonth) return (null, PeriodRule.SchoolYearNeedsRegion);
                var start = new DateOnly(year, startMonth, 1);
                return (new ReportPeriod(kind, start, start.AddYears(1).AddDays(-1)), null);
            case PeriodKind.FiscalYear:
                var fiscal = new DateOnly(year - 1, FiscalYearStartMonth, 1);
                return (new ReportPeriod(kind, fiscal, fiscal.AddYears(1).AddDays(-1)), null);
            case PeriodKind.HalfYear:
                if (part is not (1 or 2)) return (null, PeriodRule.NoSuchPart);
                var half = new DateOnly(year, part == 1 ? 1 : 7, 1);
                return (new ReportPeriod(kind, half, half.AddMonths(6).AddDays(-1)), null);
            case PeriodKind.Quarter:
                if (part is < 1 or > 4) return (null, PeriodRule.NoSuchPart);
                var quarter = new DateOnly(year, (part - 1) * 3 + 1, 1);
                return (new ReportPeriod(kind, quarter, quarter.AddMonths(3).AddDays(-1)), null);
            case PeriodKind.Custom:
                if (from is not { } first || to is not { } last) return (null, PeriodRule.EndBeforeStart);
                if (first.Year < FirstYear || last.Year > LastYear) return (null, PeriodRule.YearOutOfRange);
                if (last < first) return (null, PeriodRule.EndBeforeStart);
                if (last.DayNumber - first.DayNumber >= MaxDays) return (null, PeriodRule.TooLong);
                return (new ReportPeriod(kind, first, last), null);
            default:
                return (null, PeriodRule.NoSuchPart);
        }
    }
}

/// <summary>Small counts of people could identify children: in any table finer than a region they read "&lt;10".</summary>
public static class Suppression
{
    public const int Below = 10;

    public static bool Hides(int count) => count < Below;
}
