using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Great.Web.Pages.Reports;

/// <summary>
/// The report pack as an Excel workbook: a cover sheet (scope, period, as of), then one sheet per table with its
/// header row frozen and bold, numbers stored as numbers with their formats (counts with thousands, shares as
/// percentages), and "&lt;10" as the text it is.
/// </summary>
public static class Workbook
{
    private const uint Plain = 0, Header = 1, CountFormat = 2, PercentFormat = 3, DecimalFormat = 4;

    public static byte[] Create(IReadOnlyList<(string Label, string Value)> cover, string coverTitle, IReadOnlyList<ReportTable> tables)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

            AddSheet(workbookPart, sheets, names, coverTitle, [], cover.Select(c => (IReadOnlyList<ReportCell>)[ReportCell.Of(c.Label), ReportCell.Of(c.Value)]).ToList());
            foreach (var table in tables)
            {
                var rows = table.Rows.ToList();
                if (table.Note is { } note) rows.Add([ReportCell.Of(note)]);
                AddSheet(workbookPart, sheets, names, table.Title, table.Headers, rows);
            }
        }
        return stream.ToArray();
    }

    private static void AddSheet(WorkbookPart workbookPart, Sheets sheets, HashSet<string> names, string title, IReadOnlyList<string> headers,
        IReadOnlyList<IReadOnlyList<ReportCell>> rows)
    {
        var part = workbookPart.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        uint rowIndex = 0;
        if (headers.Count > 0) data.Append(Row(++rowIndex, headers.Select(ReportCell.Of).ToList(), header: true));
        foreach (var row in rows) data.Append(Row(++rowIndex, row, header: false));

        var columnCount = Math.Max(headers.Count, rows.Count == 0 ? 0 : rows.Max(r => r.Count));
        var columns = new Columns();
        for (var c = 0; c < columnCount; c++)
        {
            var widest = headers.ElementAtOrDefault(c)?.Length ?? 0;
            foreach (var row in rows.Where(r => r.Count > 1)) widest = Math.Max(widest, row.ElementAtOrDefault(c)?.Csv.Length ?? 0);
            columns.Append(new Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = Math.Clamp(widest + 3, 10, 80), CustomWidth = true });
        }
        var worksheet = new Worksheet();
        if (headers.Count > 0)
        {
            worksheet.Append(new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
            }) { WorkbookViewId = 0 }));
        }
        if (columnCount > 0) worksheet.Append(columns);
        worksheet.Append(data);
        part.Worksheet = worksheet;
        sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = (uint)sheets.Count() + 1, Name = SheetName(title, names) });
    }

    private static Row Row(uint index, IReadOnlyList<ReportCell> cells, bool header)
    {
        var row = new Row { RowIndex = index };
        for (var c = 0; c < cells.Count; c++)
        {
            var cell = cells[c];
            var reference = ColumnName(c) + index;
            row.Append(cell.Number is { } number
                ? new Cell
                {
                    CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(number),
                    StyleIndex = cell.Kind switch { CellKind.Percent => PercentFormat, CellKind.Decimal => DecimalFormat, _ => CountFormat },
                }
                : new Cell
                {
                    CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(cell.Text ?? "")),
                    StyleIndex = header ? Header : Plain,
                });
        }
        return row;
    }

    /// <summary>A, B, … Z, AA: a column's letters.</summary>
    internal static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26) name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }

    /// <summary>Excel's rules for a sheet's name: at most 31 characters, none of []:*?/\, unique in the workbook.</summary>
    internal static string SheetName(string title, HashSet<string> taken)
    {
        var clean = new string(title.Where(ch => !"[]:*?/\\".Contains(ch)).ToArray()).Trim();
        if (clean.Length == 0) clean = "Sheet";
        var name = clean.Length > 31 ? clean[..31] : clean;
        for (var n = 2; !taken.Add(name); n++)
        {
            var suffix = $" ({n})";
            name = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }
        return name;
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0" }) { Count = 1 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 9, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true }) { Count = 5 });
}
