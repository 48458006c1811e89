using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;
using CsvHelper.Configuration;

namespace Great.Web.Imports;

/// <summary>A problem in an uploaded file, where a person can find it.</summary>
public sealed record ImportError(string File, int Line, string Message);

/// <summary>
/// One CSV file read the forgiving way real exports need (BOM, CRLF, quoted commas and line breaks, blank trailing
/// lines, extra columns, headers in any case) and the strict way an import needs (UTF-8 only, commas only,
/// every row as wide as the header, every problem with its line).
/// </summary>
public sealed class CsvTable
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public required string File { get; init; }
    public required IReadOnlyList<string> Header { get; init; }
    public required IReadOnlyList<CsvRecord> Rows { get; init; }

    public sealed record CsvRecord(int Line, IReadOnlyDictionary<string, string> Values)
    {
        /// <summary>The trimmed value of a column ("" when the file has no such column).</summary>
        public string this[string column] => Values.TryGetValue(column, out var v) ? v.Trim() : "";
    }

    /// <summary>Columns present in the file that <paramref name="used"/> does not name.</summary>
    public IReadOnlyList<string> ColumnsOtherThan(IEnumerable<string> used)
    {
        var known = used.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Header.Where(h => !known.Contains(h)).ToList();
    }

    public bool Has(string column) => Header.Contains(column, StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the file, or returns why it cannot be read (then <paramref name="table"/> is null).</summary>
    public static IReadOnlyList<ImportError> TryRead(string file, byte[] content, IReadOnlyList<string> requiredColumns,
        Func<string, string> message, out CsvTable? table)
    {
        table = null;
        var bytes = content.AsSpan();
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        var status = Utf8.ToUtf16(bytes, new char[bytes.Length], out var read, out _, replaceInvalidSequences: false);
        if (status != System.Buffers.OperationStatus.Done)
        {
            var line = bytes[..read].Count((byte)'\n') + 1;
            return [new(file, line, message("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again."))];
        }
        var text = Encoding.UTF8.GetString(bytes);
        if (string.IsNullOrWhiteSpace(text)) return [new(file, 1, message("The file is empty."))];

        var firstLine = text.Split('\n')[0];
        if (!firstLine.Contains(',') && (firstLine.Contains(';') || firstLine.Contains('\t')))
        {
            return [new(file, 1, message("The columns are separated by semicolons or tabs: save the file with commas."))];
        }

        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false, IgnoreBlankLines = true, BadDataFound = null, DetectColumnCountChanges = false,
        };
        var errors = new List<ImportError>();
        var rows = new List<CsvRecord>();
        string[]? header = null;
        using var reader = new StringReader(text);
        using var parser = new CsvParser(reader, config);
        try
        {
            while (parser.Read())
            {
                var fields = parser.Record ?? [];
                var line = parser.RawRow;
                if (fields.All(string.IsNullOrWhiteSpace)) continue;
                if (header is null)
                {
                    header = fields.Select(h => h.Trim()).ToArray();
                    var missing = requiredColumns.Where(c => !header.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
                    if (missing.Count > 0)
                    {
                        return [new(file, line, string.Format(message("Columns the file lacks: {0}."), string.Join(", ", missing)))];
                    }
                    continue;
                }
                if (fields.Length != header.Length)
                {
                    errors.Add(new(file, line, string.Format(message("{0} values where the header has {1} columns."), fields.Length, header.Length)));
                    continue;
                }
                var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < header.Length; i++) values.TryAdd(header[i], fields[i]);
                rows.Add(new CsvRecord(line, values));
            }
        }
        catch (CsvHelperException e)
        {
            errors.Add(new(file, e.Context?.Parser?.RawRow ?? 0, message("The file is not well-formed CSV here (an unclosed quote?).")));
        }
        if (header is null) return [new(file, 1, message("The file is empty."))];
        table = new CsvTable { File = file, Header = header, Rows = rows };
        return errors;
    }
}
