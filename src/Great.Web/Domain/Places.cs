namespace Great.Web.Domain;

/// <summary>A country's programme or a US training region: the unit a regional manager steers.</summary>
public class Region
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>ISO 3166-1 alpha-2, e.g. SV, HN, US.</summary>
    public required string CountryCode { get; set; }
    /// <summary>IANA time zone id, e.g. America/El_Salvador.</summary>
    public required string TimeZone { get; set; }
    /// <summary>Month (1–12) in which the school year starts: January in El Salvador, August in the US.</summary>
    public int SchoolYearStartMonth { get; set; } = 1;
    /// <summary>"en" or "es": the language new users of this region get.</summary>
    public string DefaultCulture { get; set; } = "en";

    public List<School> Schools { get; set; } = [];

    /// <summary>The school year (named by the calendar year it starts in) that contains <paramref name="date"/>.</summary>
    public int SchoolYearOf(DateOnly date) => date.Month >= SchoolYearStartMonth ? date.Year : date.Year - 1;

    public DateOnly Today(TimeProvider time) => TodayIn(TimeZone, time);

    /// <summary>The date on the wall calendar of a time zone; an unknown zone counts as UTC.</summary>
    public static DateOnly TodayIn(string timeZoneId, TimeProvider time) => DateOnly.FromDateTime(LocalTime(timeZoneId, time.GetUtcNow()).DateTime);

    /// <summary>A moment as the region's clocks show it.</summary>
    public DateTimeOffset LocalTime(DateTimeOffset moment) => LocalTime(TimeZone, moment);

    public static DateTimeOffset LocalTime(string timeZoneId, DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc);

    /// <summary>Label for a school year: "2026" where it is the calendar year, "2026–27" where it spans two.</summary>
    public string SchoolYearLabel(int schoolYear) => SchoolYearLabel(schoolYear, SchoolYearStartMonth);

    public static string SchoolYearLabel(int schoolYear, int startMonth) =>
        startMonth == 1 ? schoolYear.ToString() : $"{schoolYear}–{(schoolYear + 1) % 100:00}";
}

/// <summary>What kind of place a school or community site is.</summary>
public enum PlaceKind { School, CommunityCentre, Church, Club, Camp, Other }

/// <summary>
/// A place where the programme is taught: a school, or a community site (a community centre, a church hall, a youth
/// club, a camp) where Families and Summer groups meet. Both are kept here so that scope, closed days, classes and the
/// reach roll-up work the same for either (see ADR-008); a site is kept by the region's manager or an administrator.
/// </summary>
public class School
{
    public int Id { get; set; }
    public int RegionId { get; set; }
    public Region Region { get; set; } = null!;
    public required string Municipality { get; set; }
    public required string Name { get; set; }
    /// <summary>The ministry's or district's school code (a site's own short code); unique within a region.</summary>
    public required string Code { get; set; }
    public PlaceKind Kind { get; set; } = PlaceKind.School;

    public bool IsSite => Kind != PlaceKind.School;

    /// <summary>The code a new site gets when none is given: SITE- and a number not used in its region.</summary>
    public static string NextSiteCode(IEnumerable<string> codesInRegion)
    {
        var used = codesInRegion.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var n = 1;
        while (used.Contains($"SITE-{n}")) n++;
        return $"SITE-{n}";
    }

    public List<SchoolClass> Classes { get; set; } = [];
}

/// <summary>A police agency employing instructors.</summary>
public class Agency
{
    public int Id { get; set; }
    public int RegionId { get; set; }
    public Region Region { get; set; } = null!;
    public required string Name { get; set; }
}
