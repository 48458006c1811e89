namespace Great.Web.Domain;

/// <summary>A country's programme or a US training region: the unit a regional manager steers.</summary>
public class Region
{
    public int Id { get; init; }
    private string _name = null!;
    public required string Name { get => _name; init => _name = value; }
    private string _countryCode = null!;
    /// <summary>ISO 3166-1 alpha-2, e.g. SV, HN, US.</summary>
    public required string CountryCode { get => _countryCode; init => _countryCode = value; }
    private string _timeZone = null!;
    /// <summary>IANA time zone id, e.g. America/El_Salvador.</summary>
    public required string TimeZone { get => _timeZone; init => _timeZone = value; }
    private int _schoolYearStartMonth = 1;
    /// <summary>Month (1–12) in which the school year starts: January in El Salvador, August in the US.</summary>
    public int SchoolYearStartMonth { get => _schoolYearStartMonth; init => _schoolYearStartMonth = value; }
    private string _defaultCulture = "en";
    /// <summary>"en" or "es": the language new users of this region get.</summary>
    public string DefaultCulture { get => _defaultCulture; init => _defaultCulture = value; }

    public List<School> Schools { get; init; } = [];

    /// <summary>An administrator's edit of the region's name, country, time zone, school year and language.</summary>
    public void Edit(string name, string countryCode, string timeZone, int schoolYearStartMonth, string defaultCulture)
    {
        if (schoolYearStartMonth is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(schoolYearStartMonth));
        if (!Languages.IsSupported(defaultCulture)) throw new ArgumentException($"Unsupported language {defaultCulture}", nameof(defaultCulture));
        (_name, _countryCode, _timeZone, _schoolYearStartMonth, _defaultCulture) =
            (name.Trim(), countryCode.Trim().ToUpperInvariant(), timeZone.Trim(), schoolYearStartMonth, defaultCulture);
    }

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
    public int Id { get; init; }
    private int _regionId;
    public int RegionId { get => _regionId; init => _regionId = value; }
    public Region Region { get; init; } = null!;
    private string _municipality = null!;
    public required string Municipality { get => _municipality; init => _municipality = value; }
    private string _name = null!;
    public required string Name { get => _name; init => _name = value; }
    private string _code = null!;
    /// <summary>The ministry's or district's school code (a site's own short code); unique within a region.</summary>
    public required string Code { get => _code; init => _code = value; }
    private PlaceKind _kind = PlaceKind.School;
    public PlaceKind Kind { get => _kind; init => _kind = value; }

    public bool IsSite => Kind != PlaceKind.School;

    /// <summary>An administrator's edit of a school: its region, municipality, code and name.</summary>
    public void EditSchool(int regionId, string municipality, string code, string name)
    {
        if (IsSite) throw new InvalidOperationException("A community site is edited as a site.");
        (_regionId, _municipality, _code, _name) = (regionId, municipality.Trim(), code.Trim(), name.Trim());
    }

    /// <summary>A manager's edit of a community site: its region, municipality, name and kind (never a school's).</summary>
    public void EditSite(int regionId, string municipality, string name, PlaceKind kind)
    {
        if (kind == PlaceKind.School) throw new ArgumentException("A site is not a school.", nameof(kind));
        (_regionId, _municipality, _name, _kind) = (regionId, municipality.Trim(), name.Trim(), kind);
    }

    /// <summary>The code a new site gets when none is given: SITE- and a number not used in its region.</summary>
    public static string NextSiteCode(IEnumerable<string> codesInRegion)
    {
        var used = codesInRegion.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var n = 1;
        while (used.Contains($"SITE-{n}")) n++;
        return $"SITE-{n}";
    }

    public List<SchoolClass> Classes { get; init; } = [];
}

/// <summary>A police agency employing instructors.</summary>
public class Agency
{
    public int Id { get; init; }
    private int _regionId;
    public int RegionId { get => _regionId; init => _regionId = value; }
    public Region Region { get; init; } = null!;
    private string _name = null!;
    public required string Name { get => _name; init => _name = value; }

    public void Edit(int regionId, string name) => (_regionId, _name) = (regionId, name.Trim());
}
