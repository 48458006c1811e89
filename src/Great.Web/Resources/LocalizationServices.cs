using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Localization;

namespace Great.Web.Resources;

public static class LocalizationServices
{
    public static readonly CultureInfo[] Supported = [.. Great.Web.Domain.Languages.Codes.Select(code => new CultureInfo(code))];

    public static IServiceCollection AddGreatLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        // A country's own terms (RegionTerms in configuration) over the resources, for every page, form and message.
        services.AddHttpContextAccessor();
        services.AddOptions<RegionTermsOptions>().BindConfiguration("RegionTerms");
        services.AddSingleton<IStringLocalizer<SharedResource>, RegionalStringLocalizer>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = Supported;
            o.SupportedUICultures = Supported;
            // The switch in the layout and sign-in both write the cookie; a visitor without one gets their browser's language.
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    public static string CookieValue(string culture) =>
        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(Normalize(culture)));

    /// <summary>
    /// Runs <paramref name="work"/> in another person's language (an email, a calendar feed): the localizer reads
    /// the current UI culture, which is put back afterwards.
    /// </summary>
    public static T InCulture<T>(string culture, Func<T> work)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Normalize(culture));
        try
        {
            return work();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    /// <summary>
    /// A page printed for someone else (a class's certificates, a record handed to a family) speaks their language,
    /// whatever the reader's. The view calls this at its top: a culture set in an async page handler does not outlive
    /// the handler, so it would never reach the view.
    /// </summary>
    public static void PrintIn(string culture) =>
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Normalize(culture));

    /// <summary>A language's name in itself, as language lists show it whatever the page's language.</summary>
    public static string NativeName(string? culture) => Normalize(culture) == "es" ? "Español" : "English";

    public static string Normalize(string? culture) => culture?.StartsWith("es", StringComparison.OrdinalIgnoreCase) == true ? "es" : "en";

    public static void WriteCultureCookie(this HttpResponse response, string culture) =>
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieValue(culture),
            // Max-Age, not Expires: the browser counts the year from when it got the cookie, whatever the app's clock says.
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
}
