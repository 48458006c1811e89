namespace Great.Web.Domain;

/// <summary>
/// The languages Great is written in: every screen, email, report and certificate exists in each. The one list: the
/// request cultures, the language fields of users, officers, regions and classes, and the curriculum's texts use it.
/// </summary>
public static class Languages
{
    public static IReadOnlyList<string> Codes { get; } = ["en", "es"];

    /// <summary>One of <see cref="Codes"/>.</summary>
    public static bool IsSupported(string? code) => code is not null && Codes.Contains(code);
}
