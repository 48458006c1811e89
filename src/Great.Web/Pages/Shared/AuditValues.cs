using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Great.Web.Domain;
using Microsoft.Extensions.Localization;

namespace Great.Web.Pages.Shared;

/// <summary>
/// One side (before or after) of an audit entry, for <c>_AuditValues</c>: how its names and values read. Codes read
/// as words (a component's name, a course, a level, a role); a reference as the name of what it names, where the page
/// gives <paramref name="Names"/> (field → id → name), e.g. an agency's.
/// </summary>
public sealed partial record AuditValues(string? Json, Func<string, string>? ComponentName = null,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? Names = null)
{
    // Fields whose values are an enumeration's names, and the resources that name them.
    private static readonly Dictionary<string, string> Enumerations = new()
    {
        ["Course"] = "TrainingCourse", ["Level"] = "CertificationLevel", ["Status"] = "ClassStatus", ["Role"] = "Role", ["Kind"] = "ConsentKind",
    };

    /// <summary>"Field.GivenName" from the resources; a name without one is split into words ("SuspensionReason" → "Suspension reason").</summary>
    public string FieldName(IStringLocalizer L, string name)
    {
        var named = L[$"Field.{name}"];
        if (!named.ResourceNotFound) return named.Value;
        var words = Words().Replace(name.EndsWith("Id", StringComparison.Ordinal) && name.Length > 2 ? name[..^2] : name, " $1").Trim();
        return words.Length == 0 ? name : char.ToUpper(words[0], CultureInfo.CurrentCulture) + words[1..].ToLower(CultureInfo.CurrentCulture);
    }

    public string Show(IStringLocalizer L, string name, JsonElement value)
    {
        var raw = value.ValueKind switch { JsonValueKind.String => value.GetString()!, JsonValueKind.Number => value.GetRawText(), _ => null };
        if (raw is not null && Names?.GetValueOrDefault(name)?.GetValueOrDefault(raw) is { } named) return named;
        if (raw is not null && name == "ComponentCode" && ComponentName is not null) return ComponentName(raw);
        if (raw is not null && Enumerations.TryGetValue(name, out var enumeration) && L[$"{enumeration}.{raw}"] is { ResourceNotFound: false } word) return word.Value;
        return value.ValueKind switch
        {
            JsonValueKind.True => L["Yes"].Value,
            JsonValueKind.False => L["No"].Value,
            JsonValueKind.String => Text(L, value.GetString()!),
            _ => value.GetRawText(),
        };
    }

    private static string Text(IStringLocalizer L, string text)
    {
        if (text == SecretAttribute.Mark) return L["(secret, changed)"].Value;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day.ToString("d", CultureInfo.CurrentCulture);
        if (text.Length > 10 && text[10] == 'T' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
            return moment.ToString("g", CultureInfo.CurrentCulture);
        return text;
    }

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex Words();
}
