using Great.Web.Domain;

namespace Great.Web.Imports;

/// <summary>
/// A class roster as a plain CSV: given_name, family_name (only its initial is kept), optional student_id, and
/// optionally the guardians' answers (consent_take_part, consent_surveys, consent_photos, consent_sharing: given,
/// refused or unknown, in English or Spanish; an empty cell changes nothing). Headers may differ in case, spacing or
/// underscores, and a few common names are understood.
/// </summary>
public static class PlainCsvRoster
{
    public static readonly string[] Columns = ["given_name", "family_name", "student_id"];

    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["givenname"] = "given_name", ["firstname"] = "given_name", ["nombre"] = "given_name", ["nombres"] = "given_name",
        ["familyname"] = "family_name", ["lastname"] = "family_name", ["surname"] = "family_name", ["apellido"] = "family_name",
        ["apellidos"] = "family_name", ["familyinitial"] = "family_name",
        ["studentid"] = "student_id", ["localid"] = "student_id", ["identifier"] = "student_id", ["id"] = "student_id", ["codigo"] = "student_id", ["nie"] = "student_id",
        ["consenttakepart"] = "consent_take_part", ["consentparticipation"] = "consent_take_part", ["consentimientoparticipar"] = "consent_take_part",
        ["consentimientoparticipacion"] = "consent_take_part",
        ["consentsurveys"] = "consent_surveys", ["consentimientoencuestas"] = "consent_surveys",
        ["consentphotos"] = "consent_photos", ["consentimientofotos"] = "consent_photos",
        ["consentsharing"] = "consent_sharing", ["consentimientocompartir"] = "consent_sharing",
    };

    /// <summary>The consent columns and the question each answers.</summary>
    public static readonly IReadOnlyDictionary<string, ConsentKind> ConsentColumns = new Dictionary<string, ConsentKind>
    {
        ["consent_take_part"] = ConsentKind.TakePart, ["consent_surveys"] = ConsentKind.Surveys,
        ["consent_photos"] = ConsentKind.Photos, ["consent_sharing"] = ConsentKind.Sharing,
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
        var consentHeaders = ConsentColumns.Select(c => (Header: Find(c.Key), Column: c.Key, c.Value)).Where(c => c.Header is not null).ToList();
        if (given is null || family is null)
        {
            var missing = new[] { given is null ? "given_name" : null, family is null ? "family_name" : null }.OfType<string>();
            return [new(file, 1, string.Format(message("Columns the file lacks: {0}."), string.Join(", ", missing)))];
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
            var consents = new Dictionary<ConsentKind, ConsentStatus>();
            foreach (var (header, name, kind) in consentHeaders)
            {
                var answer = record[header!];
                if (answer.Length == 0) continue;
                if (StudentConsent.Parse(answer) is { } status) consents[kind] = status;
                else errors.Add(new(file, record.Line, string.Format(message("{0}: {1} is not given, refused or unknown."), name, answer)));
            }
            if (errors.Count > before) continue;

            var row = new StudentRow(file, record.Line, null, localId.Length == 0 ? null : localId, givenName, Student.InitialOf(familyName))
            {
                Consents = consents,
            };
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

    /// <summary>A file to fill in, with the columns named in the coordinator's language (the importer reads both).</summary>
    public static string TemplateFor(string language) => language == "es"
        ? "nombre,apellido,codigo,consentimiento_participar,consentimiento_encuestas,consentimiento_fotos,consentimiento_compartir\r\n"
          + "Ana,Pérez,2026-0001,sí,sí,no,\r\nJosé,Muñoz,2026-0002,sí,,,\r\n"
        : "given_name,family_name,student_id,consent_take_part,consent_surveys,consent_photos,consent_sharing\r\n"
          + "Ana,Pérez,2026-0001,given,given,refused,\r\nJosé,Muñoz,2026-0002,given,,,\r\n";
}
