using System.Text;
using BathroomAftersales.Web.Infrastructure.Reports;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace BathroomAftersales.UnitTests.Reports;

/// <summary>A report table written as CSV and as a workbook reads back with the page's numbers and text.</summary>
public sealed class ReportExportTests
{
    private static readonly ReportTable Table = new(
        "by-model",
        "按型号",
        [
            new ReportColumn("型号", ReportValueKind.Text),
            new ReportColumn("工单数", ReportValueKind.Count),
            new ReportColumn("24小时响应率", ReportValueKind.Percent),
            new ReportColumn("平均评分", ReportValueKind.Stars),
            new ReportColumn("保修费用", ReportValueKind.Money),
            new ReportColumn("日期", ReportValueKind.Date),
        ],
        [
            ["智能马桶 X1, \"旗舰\"", 1234, 0.97549m, 4.567m, 1234.5m, new DateOnly(2026, 3, 31)],
            ["=HYPERLINK(\"http://x\")", 0, null, null, 0m, null],
        ]);

    [Fact]
    public void Csv_starts_with_the_utf8_byte_order_mark_so_excel_reads_chinese()
    {
        var bytes = ReportExport.Csv(Table);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith("型号,工单数,24小时响应率", Encoding.UTF8.GetString(bytes[3..]), StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_rows_hold_the_numbers_as_the_page_rounds_them_quoting_commas_and_quotes()
    {
        var lines = Encoding.UTF8.GetString(ReportExport.Csv(Table)[3..]).Split("\r\n");

        Assert.Equal("\"智能马桶 X1, \"\"旗舰\"\"\",1234,97.5%,4.57,1234.50,2026-03-31", lines[1]);
        Assert.Equal("97.5%", ReportFormat.Display(0.97549m, ReportValueKind.Percent));
        Assert.Equal("¥1,234.50", ReportFormat.Display(1234.5m, ReportValueKind.Money));
    }

    [Fact]
    public void A_text_cell_that_looks_like_a_formula_is_made_inert_and_no_data_is_left_empty()
    {
        var lines = Encoding.UTF8.GetString(ReportExport.Csv(Table)[3..]).Split("\r\n");

        Assert.Equal("\"'=HYPERLINK(\"\"http://x\"\")\",0,,,0.00,", lines[2]);
    }

    [Fact]
    public void The_workbook_has_one_sheet_named_after_the_table_with_typed_cells()
    {
        using var stream = new MemoryStream(ReportExport.Xlsx(Table));
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheet = Assert.Single(workbook.Workbook.Sheets!.Elements<Sheet>());
        Assert.Equal("按型号", sheet.Name?.Value);

        var rows = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(["型号", "工单数", "24小时响应率", "平均评分", "保修费用", "日期"], rows[0].Elements<Cell>().Select(c => c.InnerText));

        var cells = rows[1].Elements<Cell>().ToList();
        Assert.Equal("智能马桶 X1, \"旗舰\"", cells[0].InnerText);
        Assert.Equal(CellValues.Number, cells[1].DataType!.Value);
        Assert.Equal("1234", cells[1].CellValue!.Text);
        Assert.Equal("0.975", cells[2].CellValue!.Text);
        Assert.Equal("4.57", cells[3].CellValue!.Text);
        Assert.Equal(1234.50m, decimal.Parse(cells[4].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new DateTime(2026, 3, 31), DateTime.FromOADate(double.Parse(cells[5].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Sheet_names_excel_refuses_are_cleaned()
    {
        var table = Table with { Title = "Warranty cost / model [2026-Q1]: a very long title indeed" };
        using var stream = new MemoryStream(ReportExport.Xlsx(table));
        using var document = SpreadsheetDocument.Open(stream, false);

        var name = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single().Name!.Value!;
        Assert.True(name.Length <= 31);
        Assert.DoesNotContain('/', name);
        Assert.DoesNotContain('[', name);
    }

    [Fact]
    public void The_workbook_is_valid_Open_XML_so_Excel_opens_it_without_a_repair_prompt()
    {
        using var stream = new MemoryStream(ReportExport.Xlsx(Table));
        using var document = SpreadsheetDocument.Open(stream, false);

        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.PartUri} {e.Description}").ToList();

        Assert.Empty(errors);
        Assert.Equal(9, document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().Count());
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task A_long_list_is_exported_from_a_file_written_as_the_rows_arrive_and_the_file_goes_with_the_download(string format)
    {
        const int count = 5_000;

        var result = await ReportExport.FileAsync(Table.Title, Table.Columns, RowsAsync(count), format, "records", CancellationToken.None);

        Assert.NotNull(result);
        Assert.Equal("records." + format, result.FileDownloadName);
        var path = ((FileStream)result.FileStream).Name;
        Assert.True(File.Exists(path));
        using var copy = new MemoryStream();
        await using (result.FileStream)
        {
            await result.FileStream.CopyToAsync(copy);
        }

        Assert.False(File.Exists(path));
        var lastNumber = $"BR-{count - 1:D6}";
        if (format == "csv")
        {
            var lines = Encoding.UTF8.GetString(copy.ToArray()[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(count + 1, lines.Length);
            Assert.StartsWith(lastNumber + ",", lines[^1], StringComparison.Ordinal);
        }
        else
        {
            copy.Position = 0;
            using var document = SpreadsheetDocument.Open(copy, false);
            var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
            Assert.Equal(count + 1, rows.Count);
            Assert.Equal(lastNumber, rows[^1].Elements<Cell>().First().InnerText);
        }
    }

    [Theory]
    [InlineData(20, 10, new[] { 0, 3, 6, 9 })]
    [InlineData(7, 10, new[] { 0, 3, 6 })]
    [InlineData(6, 10, new[] { 0, 3, 6 })]
    public async Task A_list_is_read_in_batches_after_the_last_id_up_to_the_cap(int length, int cap, int[] afters)
    {
        var asked = new List<int>();
        Task<List<int>> Load(int after, int take, CancellationToken _)
        {
            asked.Add(after);
            return Task.FromResult(Enumerable.Range(1, length).Where(id => id > after).Take(take).ToList());
        }

        var read = await ReportExport.InBatchesAsync(Load, id => id, 3, cap).ToListAsync();

        Assert.Equal(Enumerable.Range(1, Math.Min(length, cap)), read);
        Assert.Equal(afters, asked);
    }

    [Fact]
    public async Task An_export_with_no_rows_gives_no_file()
    {
        var result = await ReportExport.FileAsync(Table.Title, Table.Columns, RowsAsync(0), "xlsx", "records", CancellationToken.None);

        Assert.Null(result);
    }

    [Theory]
    [InlineData("csv", "csv")]
    [InlineData(" XLSX ", "xlsx")]
    [InlineData("pdf", null)]
    [InlineData(null, null)]
    public void Only_csv_and_xlsx_are_export_formats(string? text, string? expected) =>
        Assert.Equal(expected, ReportExport.ParseFormat(text));

    private static async IAsyncEnumerable<IReadOnlyList<object?>> RowsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return [$"BR-{i:D6}", i, 0.5m, 4.5m, 100m, new DateOnly(2026, 1, 1).AddDays(i % 365)];
        }
    }
}
