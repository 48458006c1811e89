using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;

namespace Great.Web.Pages;

/// <summary>CSV downloads: UTF-8 with a BOM (so spreadsheets keep the accents), cells safe against formula injection.</summary>
public static class CsvFile
{
    public static FileContentResult Create(string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var cell in header) csv.WriteField(Escape(cell));
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row) csv.WriteField(Escape(cell));
                csv.NextRecord();
            }
        }
        return new FileContentResult(buffer.ToArray(), "text/csv; charset=utf-8") { FileDownloadName = fileName };
    }

    /// <summary>
    /// A cell a spreadsheet would read as a formula (=, +, -, @, tab, carriage return first) is prefixed with an
    /// apostrophe, so it shows as text and never runs.
    /// </summary>
    public static string Escape(string? value) =>
        string.IsNullOrEmpty(value) ? "" : value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
