using Great.Web.Domain;

namespace Great.Web.Imports;

/// <summary>
/// A class roster as a plain CSV: given_name, family_name (only its initial is kept), optional student_id.
/// Headers may differ in case, spacing or underscores, and a few common names are understood.
/// </summary>
public static class PlainCsvRoster
{
    public static readonly string[] Columns = ["given_name", "family_name", "student_id"];

    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["givenname"] = "given_name", ["firstname"] = "given_name", ["nombre"] = "given_name", ["nombres"] = "given_name",
        ["familyname"] = "family_name", ["lastname"] = "family_name", ["surname"] = "family_name", ["apellido"] = "family_name",
        ["apellidos"] = "family_name", ["familyinitial"] = "family_name",
        ["studentid"] = "student_id", ["localid"] = "student_id", ["identifier"] = "student_id", ["id"] = "student_id", ["codigo"] = "student_id",
    };

    public sealed record Parsed(IReadOnlyList<StudentRow> Rows, IReadOnlyList<string> IgnoredColumns);

    /// <summary>The column a header stands for (given_name, family_name, student_id), whatever its case, spacing or language; null if none.</summary>
    public static string? ColumnFor(string header) => Aliases.GetValueOrDefault(Normalize(header));

    public static IReadOnlyList<ImportError> Parse(string file, byte[] content, Func<string, string> message, out Parsed? parsed)
    {
        parsed = null;
        var errors = CsvTable.TryRead(file, content, [], message, out var table).ToList();
        if (table is null) return errors;

        var column = table.Header.ToDictionary(h => h, ColumnFor, StringComparer.OrdinalIgnoreCase);
        string? Find(string canonical) => column.FirstOrDefault(c => c.Value == canonical).Key;
        var given = Find("given_name");
        var family = Find("family_name");
        var id = Find("student_id");
        if (given is null || family is null)
        {
            var missing = new[] { given is null ? "given_name" : null, family is null ? "family_name" : null }.OfType<string>();
            return [new(file, 1, string.Format(message("Missing column(s): {0}."), string.Join(", ", missing)))];
        }

        var rows = new List<StudentRow>();
        var seenIds = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var seenNames = new Dictionary<string, int>(StringComparer.CurrentCultureIgnoreCase);
        foreach (var record in table.Rows)
        {
            var givenName = record[given].Normalize(System.Text.NormalizationForm.FormC);
            var familyName = record[family];
            var localId = id is null ? "" : record[id];
            var before = errors.Count;
            if (givenName.Length == 0) errors.Add(new(file, record.Line, message("The given name is missing.")));
            else if (givenName.Length > 100) errors.Add(new(file, record.Line, message("The given name is longer than 100 characters.")));
            if (familyName.Length == 0) errors.Add(new(file, record.Line, message("The family name is missing.")));
            else if (!char.IsLetter(familyName[0])) errors.Add(new(file, record.Line, message("The family name must start with a letter.")));
            if (localId.Length > 64) errors.Add(new(file, record.Line, message("The student id is longer than 64 characters.")));
            if (errors.Count > before) continue;

            var row = new StudentRow(file, record.Line, null, localId.Length == 0 ? null : localId, givenName, Student.InitialOf(familyName));
            // Without an id, two rows with the same name cannot be told apart: a duplicate.
            var (seen, key) = row.LocalId is { } l ? (seenIds, l) : (seenNames, row.Name);
            if (seen.TryGetValue(key, out var first))
            {
                errors.Add(new(file, record.Line, string.Format(message("Duplicate student: the same as line {0}."), first)));
                continue;
            }
            seen[key] = record.Line;
            rows.Add(row);
        }
        if (rows.Count == 0 && errors.Count == 0) errors.Add(new(file, 1, message("The file has no students.")));
        parsed = new Parsed(rows, table.Header.Where(h => column[h] is null).ToList());
        return errors;
    }

    internal static string Normalize(string header) =>
        new string(header.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant()
            .Replace("ó", "o").Replace("í", "i");

    public static string Template => "given_name,family_name,student_id\r\nAna,Pérez,2026-0001\r\nJosé,Muñoz,2026-0002\r\n";
}
