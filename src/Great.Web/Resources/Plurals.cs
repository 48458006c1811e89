using Microsoft.Extensions.Localization;

namespace Great.Web.Resources;

/// <summary>
/// Messages whose words follow a number. Each is two resources, <c>key|one</c> and <c>key|other</c>: the plural
/// categories of English and Spanish (CLDR: "one" for exactly 1, "other" for the rest), so Spanish reads
/// "1 ausente" and "3 ausentes" instead of "(1 ausentes)" or "lección(es)".
/// </summary>
public static class Plurals
{
    public const string One = "|one";
    public const string Other = "|other";

    /// <summary>The form of <paramref name="key"/> for <paramref name="count"/>, formatted with <paramref name="arguments"/>.</summary>
    public static LocalizedString Plural(this IStringLocalizer L, string key, int count, params object[] arguments) =>
        L[key + (count == 1 ? One : Other), arguments];
}
