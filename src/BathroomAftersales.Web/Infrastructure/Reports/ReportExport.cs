using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
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
        var (contentType, extension) = Kind(format);
        return new FileContentResult(Bytes(table, format), contentType) { FileDownloadName = fileStem + extension };
    }

    /// <summary>
    /// The download of rows read a batch at a time (a drill-down of up to 100,000 records): written to a temporary file as
    /// they arrive, so the list never sits in memory whole, and sent once it is complete, so a failure halfway is an error
    /// page rather than a cut-off file. Null when there were no rows. The file is deleted when the response is done.
    /// </summary>
    public static async Task<FileStreamResult?> FileAsync(
        string title, IReadOnlyList<ReportColumn> columns, IAsyncEnumerable<IReadOnlyList<object?>> rows, string format, string fileStem,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var (contentType, extension) = Kind(format);
        var file = new FileStream(
            Path.Combine(Path.GetTempPath(), "ba-export-" + Path.GetRandomFileName()), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var written = 0;
            using (var sheet = Open(file, format, title, columns))
            {
                await foreach (var row in rows.WithCancellation(cancellationToken))
                {
                    sheet.WriteRow(row);
                    written++;
                }
            }

            if (written == 0)
            {
                await file.DisposeAsync();
                return null;
            }

            await file.FlushAsync(cancellationToken);
            file.Position = 0;
            return new FileStreamResult(file, contentType) { FileDownloadName = fileStem + extension };
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Up to <paramref name="cap"/> items of a list kept in id order, read <paramref name="batchSize"/> at a time:
    /// <paramref name="load"/>(after, take) returns the next items after the key <paramref name="key"/> gives the last one.
    /// </summary>
    public static async IAsyncEnumerable<T> InBatchesAsync<T>(
        Func<int, int, CancellationToken, Task<List<T>>> load, Func<T, int> key, int batchSize, int cap,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var after = 0;
        for (var left = cap; left > 0;)
        {
            var take = Math.Min(batchSize, left);
            var batch = await load(after, take, cancellationToken);
            foreach (var item in batch)
            {
                yield return item;
            }

            if (batch.Count < take)
            {
                yield break;
            }

            left -= batch.Count;
            after = key(batch[^1]);
        }
    }

    public static byte[] Csv(ReportTable table) => Bytes(table, "csv");

    public static byte[] Xlsx(ReportTable table) => Bytes(table, "xlsx");

    private static byte[] Bytes(ReportTable table, string format)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var stream = new MemoryStream();
        using (var sheet = Open(stream, format, table.Title, table.Columns))
        {
            foreach (var row in table.Rows)
            {
                sheet.WriteRow(row);
            }
        }

        return stream.ToArray();
    }

    private static (string ContentType, string Extension) Kind(string format) => format switch
    {
        "csv" => (CsvContentType, ".csv"),
        "xlsx" => (XlsxContentType, ".xlsx"),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Use ParseFormat first."),
    };

    /// <summary>A sheet being written to <paramref name="output"/>: the header row now, one row per call, the end on dispose.</summary>
    private static ISheet Open(Stream output, string format, string title, IReadOnlyList<ReportColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return format switch
        {
            "csv" => new CsvSheet(output, columns),
            "xlsx" => new XlsxSheet(output, title, columns),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Use ParseFormat first."),
        };
    }

    private interface ISheet : IDisposable
    {
        void WriteRow(IReadOnlyList<object?> values);
    }

    private sealed class CsvSheet : ISheet
    {
        private readonly StreamWriter writer;
        private readonly IReadOnlyList<ReportColumn> columns;
        private readonly StringBuilder line = new();

        public CsvSheet(Stream output, IReadOnlyList<ReportColumn> columns)
        {
            writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true);
            this.columns = columns;
            Write(columns.Select(c => c.Header));
        }

        public void WriteRow(IReadOnlyList<object?> values) => Write(columns.Select((column, i) => CsvCell(values[i], column.Kind)));

        public void Dispose() => writer.Dispose();

        private void Write(IEnumerable<string> cells)
        {
            line.Clear();
            AppendCsvRow(line, cells);
            writer.Write(line);
        }
    }

    /// <summary>
    /// The workbook's parts written straight into a zip, the sheet last and row by row, so memory stays flat however long
    /// the sheet (the packaging library keeps a part being written in memory until the package closes).
    /// </summary>
    private sealed class XlsxSheet : ISheet
    {
        private const string Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
        private const string DocumentRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        private const string SpreadsheetMl = "application/vnd.openxmlformats-officedocument.spreadsheetml";

        private readonly ZipArchive zip;
        private readonly Stream sheetStream;
        private readonly OpenXmlWriter writer;
        private readonly List<ReportValueKind> kinds;

        public XlsxSheet(Stream output, string title, IReadOnlyList<ReportColumn> columns)
        {
            zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
            Text("[Content_Types].xml", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{SpreadsheetMl}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SpreadsheetMl}.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="{SpreadsheetMl}.styles+xml"/></Types>
                """);
            Text("_rels/.rels", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="{Relationships}"><Relationship Id="rId1" Type="{DocumentRelationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Text("xl/_rels/workbook.xml.rels", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="{Relationships}"><Relationship Id="rId1" Type="{DocumentRelationships}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{DocumentRelationships}/styles" Target="styles.xml"/></Relationships>
                """);
            Part("xl/workbook.xml", new Workbook(new Sheets(new Sheet { Id = "rId1", SheetId = 1, Name = SheetName(title) })));
            Part("xl/styles.xml", Styles());

            sheetStream = zip.CreateEntry("xl/worksheets/sheet1.xml").Open();
            writer = OpenXmlWriter.Create(sheetStream);
            writer.WriteStartDocument(true);
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            kinds = [.. columns.Select(c => c.Kind)];
            WriteCells(writer, [.. columns.Select(c => (object?)c.Header)], [.. columns.Select(_ => ReportValueKind.Text)], header: true);
        }

        public void WriteRow(IReadOnlyList<object?> values) => WriteCells(writer, values, kinds, header: false);

        public void Dispose()
        {
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.Dispose();
            sheetStream.Dispose();
            zip.Dispose();
        }

        private void Text(string name, string xml)
        {
            using var entry = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            entry.Write(xml);
        }

        private void Part(string name, OpenXmlPartRootElement root)
        {
            using var entry = zip.CreateEntry(name).Open();
            root.Save(entry);
        }
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

    private static void WriteCells(OpenXmlWriter writer, IReadOnlyList<object?> values, List<ReportValueKind> kinds, bool header)
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
