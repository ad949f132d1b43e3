using System.Text;

using BathroomAftersales.Web.Infrastructure.Reports;

using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

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

    [Theory]
    [InlineData("csv", "csv")]
    [InlineData(" XLSX ", "xlsx")]
    [InlineData("pdf", null)]
    [InlineData(null, null)]
    public void Only_csv_and_xlsx_are_export_formats(string? text, string? expected) =>
        Assert.Equal(expected, ReportExport.ParseFormat(text));
}
