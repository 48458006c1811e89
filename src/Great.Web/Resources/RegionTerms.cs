using System.Globalization;
using Great.Web.Security;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Great.Web.Resources;

/// <summary>
/// The words a country's programme uses for a text of the interface, from configuration (section "RegionTerms"):
/// country code, then language, then the English text of the interface and the country's word for it. El Salvador
/// says NIE for a student's school id and ONI for an officer's badge; a country not listed reads the usual words.
/// </summary>
public sealed class RegionTermsOptions : Dictionary<string, Dictionary<string, Dictionary<string, string>>>
{
    public RegionTermsOptions() : base(StringComparer.OrdinalIgnoreCase) { }

    public string? Find(string? country, string language, string key) =>
        country is not null && TryGetValue(country, out var languages) && languages.TryGetValue(language, out var terms)
            && terms.TryGetValue(key, out var text) ? text : null;
}

/// <summary>
/// The interface's texts with the reader's country's own terms: a term configured for the signed-in user's country
/// (claim <see cref="ScopeClaims.Country"/>) and language wins over the resource; everything else is the resource.
/// </summary>
public sealed class RegionalStringLocalizer(IStringLocalizerFactory factory, IHttpContextAccessor http, IOptionsMonitor<RegionTermsOptions> terms)
    : IStringLocalizer<SharedResource>
{
    private readonly IStringLocalizer _resources = factory.Create(typeof(SharedResource));

    private string? Term(string name) =>
        terms.CurrentValue.Find(http.HttpContext?.User.FindFirst(ScopeClaims.Country)?.Value, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, name);

    public LocalizedString this[string name] => Term(name) is { } text ? new LocalizedString(name, text) : _resources[name];

    public LocalizedString this[string name, params object[] arguments] =>
        Term(name) is { } text ? new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, text, arguments)) : _resources[name, arguments];

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => _resources.GetAllStrings(includeParentCultures);
}
