using Great.Web.Domain;

namespace Great.Web.Imports;

/// <summary>
/// The households of a Families group as a plain CSV, one row per member: household (the label), given_name,
/// family_name (only its initial is kept), role (adult or youth; adulto or joven). Rows of one label make one household.
/// Headers may differ in case, spacing or underscores, and a few common names are understood (the name columns as in
/// a roster file, <see cref="PlainCsvRoster.ColumnFor"/>).
/// </summary>
public static class HouseholdCsv
{
    public static readonly string[] Columns = ["household", "given_name", "family_name", "role"];

    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["household"] = "household", ["family"] = "household", ["hogar"] = "household", ["familia"] = "household",
        ["role"] = "role", ["rol"] = "role",
    };

    private static readonly Dictionary<string, MemberRole> Roles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["adult"] = MemberRole.Adult, ["adulto"] = MemberRole.Adult, ["adulta"] = MemberRole.Adult,
        ["youth"] = MemberRole.Youth, ["joven"] = MemberRole.Youth, ["child"] = MemberRole.Youth,
    };

    /// <summary>One household of the file: its label, its members, the line of its first row (where a household's own problem is reported).</summary>
    public sealed record Row(string Label, int Line, IReadOnlyList<NewMember> Members);

    public static IReadOnlyList<ImportError> Parse(string file, byte[] content, Func<string, string> message, out IReadOnlyList<Row>? households)
    {
        households = null;
        var errors = CsvTable.TryRead(file, content, [], message, out var table).ToList();
        if (table is null) return errors;

        var column = table.Header.ToDictionary(h => h, h => Aliases.GetValueOrDefault(PlainCsvRoster.Normalize(h)) ?? PlainCsvRoster.ColumnFor(h),
            StringComparer.OrdinalIgnoreCase);
        string? Find(string canonical) => column.FirstOrDefault(c => c.Value == canonical).Key;
        var found = Columns.ToDictionary(c => c, Find);
        if (found.Where(f => f.Value is null).Select(f => f.Key).ToList() is { Count: > 0 } missing)
            return [new(file, 1, string.Format(message("Columns the file lacks: {0}."), string.Join(", ", missing)))];

        var rows = new List<(string Label, int Line, NewMember Member)>();
        foreach (var record in table.Rows)
        {
            var label = record[found["household"]!];
            var given = record[found["given_name"]!].Normalize(System.Text.NormalizationForm.FormC);
            var family = record[found["family_name"]!];
            var role = record[found["role"]!];
            var before = errors.Count;
            if (label.Length == 0) errors.Add(new(file, record.Line, message("The household is missing.")));
            else if (label.Length > Household.LabelLength) errors.Add(new(file, record.Line, string.Format(message("The household is longer than {0} characters."), Household.LabelLength)));
            if (given.Length == 0) errors.Add(new(file, record.Line, message("The given name is missing.")));
            else if (given.Length > FieldLengths.ShortName) errors.Add(new(file, record.Line, message("The given name is longer than 100 characters.")));
            if (family.Length == 0) errors.Add(new(file, record.Line, message("The family name is missing.")));
            else if (!char.IsLetter(family[0])) errors.Add(new(file, record.Line, message("The family name must start with a letter.")));
            if (!Roles.TryGetValue(role, out var memberRole)) errors.Add(new(file, record.Line, message("The role must be adult or youth.")));
            if (errors.Count > before) continue;
            rows.Add((label, record.Line, new NewMember(given, Student.InitialOf(family), memberRole)));
        }
        if (rows.Count == 0 && errors.Count == 0) errors.Add(new(file, 1, message("The file has no households.")));
        households = rows.GroupBy(r => Household.KeyOf(r.Label))
            .Select(g => new Row(g.First().Label, g.Min(r => r.Line), g.Select(r => r.Member).ToList())).ToList();
        return errors;
    }

    /// <summary>A file to fill in, with the columns and roles in the coordinator's language (the importer reads both).</summary>
    public static string TemplateFor(string language) => language == "es"
        ? "hogar,nombre,apellido,rol\r\nG-1,Rosa,García,adulto\r\nG-1,Luis,García,joven\r\nM-2,Ana,Martínez,adulto\r\nM-2,Mario,Martínez,joven\r\n"
        : "household,given_name,family_name,role\r\nG-1,Rosa,García,adult\r\nG-1,Luis,García,youth\r\nM-2,Ana,Martínez,adult\r\nM-2,Mario,Martínez,youth\r\n";
}
