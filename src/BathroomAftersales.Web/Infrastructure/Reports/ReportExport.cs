using System.Globalization;
using System.Text;

using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

using Microsoft.AspNetCore.Mvc;

namespace BathroomAftersales.Web.Infrastructure.Reports;

/// <summary>
/// Writes a <see cref="ReportTable"/> as CSV (UTF-8 with a BOM, so Excel shows Chinese; CRLF; RFC 4180 quoting) or as
/// an .xlsx workbook with typed cells (numbers as numbers with the page's number formats, dates as dates).
/// </summary>
public static class ReportExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>"csv" or "xlsx" (any case); null for anything else.</summary>
    public static string? ParseFormat(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        "csv" => "csv",
        "xlsx" => "xlsx",
        _ => null,
    };

    /// <summary>The download: <paramref name="fileStem"/>.csv or .xlsx. <paramref name="format"/> must come from <see cref="ParseFormat"/>.</summary>
    public static FileContentResult File(ReportTable table, string format, string fileStem)
    {
        ArgumentNullException.ThrowIfNull(table);
        return format switch
        {
            "csv" => new FileContentResult(Csv(table), CsvContentType) { FileDownloadName = fileStem + ".csv" },
            "xlsx" => new FileContentResult(Xlsx(table), XlsxContentType) { FileDownloadName = fileStem + ".xlsx" },
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Use ParseFormat first."),
        };
    }

    public static byte[] Csv(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder();
        AppendCsvRow(text, table.Columns.Select(c => c.Header));
        foreach (var row in table.Rows)
        {
            AppendCsvRow(text, table.Columns.Select((column, i) => CsvCell(row[i], column.Kind)));
        }

        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        return [.. encoding.GetPreamble(), .. encoding.GetBytes(text.ToString())];
    }

    public static byte[] Xlsx(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();

            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheetPart))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                WriteRow(writer, table.Columns.Select(c => (object?)c.Header).ToList(), table.Columns.Select(_ => ReportValueKind.Text).ToList(), header: true);
                var kinds = table.Columns.Select(c => c.Kind).ToList();
                foreach (var row in table.Rows)
                {
                    WriteRow(writer, row, kinds, header: false);
                }

                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName(table.Title) });
            workbookPart.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static string CsvCell(object? value, ReportValueKind kind)
    {
        var text = ReportFormat.Plain(value, kind);

        // A text cell starting like a formula is made inert (CSV injection): Excel would otherwise evaluate it.
        return kind == ReportValueKind.Text && text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            ? "'" + text
            : text;
    }

    private static void AppendCsvRow(StringBuilder text, IEnumerable<string> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                text.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                text.Append(cell);
            }
        }

        text.Append("\r\n");
    }

    // Cell formats, by index: 0 default, 1 header (bold), 2 count, 3 percent, 4 two places, 5 money, 6 one place,
    // 7 date, 8 date and time.
    private static uint StyleOf(ReportValueKind kind) => kind switch
    {
        ReportValueKind.Count => 2,
        ReportValueKind.Percent => 3,
        ReportValueKind.Stars => 4,
        ReportValueKind.Money => 5,
        ReportValueKind.Hours or ReportValueKind.Points => 6,
        ReportValueKind.Date => 7,
        ReportValueKind.DateTime => 8,
        _ => 0,
    };

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0%" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "0.0" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = 167, FormatCode = "yyyy-mm-dd hh:mm" })
        { Count = 4 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
        { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 2, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 4, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 166, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 167, ApplyNumberFormat = true })
        { Count = 9 });

    private static void WriteRow(OpenXmlWriter writer, IReadOnlyList<object?> values, List<ReportValueKind> kinds, bool header)
    {
        writer.WriteStartElement(new Row());
        for (var i = 0; i < kinds.Count; i++)
        {
            var value = values[i];
            var kind = kinds[i];
            if (value is null)
            {
                writer.WriteElement(new Cell());
                continue;
            }

            var style = header ? 1u : StyleOf(kind);
            writer.WriteElement(value switch
            {
                string text => new Cell(new InlineString(new Text(Sanitize(text)) { Space = SpaceProcessingModeValues.Preserve }))
                {
                    DataType = CellValues.InlineString,
                    StyleIndex = style,
                },
                DateOnly day => NumberCell(day.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture), style),
                DateTime time => NumberCell(time.ToOADate().ToString(CultureInfo.InvariantCulture), style),
                _ => NumberCell(ReportFormat.Round(ReportFormat.ToDecimal(value), kind).ToString(CultureInfo.InvariantCulture), style),
            });
        }

        writer.WriteEndElement();
    }

    private static Cell NumberCell(string number, uint style) =>
        new(new CellValue(number)) { DataType = CellValues.Number, StyleIndex = style };

    // XML 1.0 cannot carry most control characters; a workbook with one would not open.
    private static string Sanitize(string text) =>
        text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            ? new string([.. text.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r')])
            : text;

    // Excel refuses sheet names over 31 characters or with : \ / ? * [ ].
    private static string SheetName(string title)
    {
        var name = new string([.. title.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']'))]).Trim();
        if (name.Length == 0)
        {
            name = "Sheet1";
        }

        return name.Length <= 31 ? name : name[..31];
    }
}
