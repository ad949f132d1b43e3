using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Identity;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BathroomAftersales.IntegrationTests.Reports;

/// <summary>
/// The scorecard page, its drill-down lists and their exports, against <see cref="ScorecardFixture"/>'s hand-computed
/// figures (worked out in <see cref="ScorecardTests"/>); the clock is on 1 June 2031.
/// </summary>
public sealed class ScorecardPageTests(ScorecardFixture factory) : IClassFixture<ScorecardFixture>
{
    private const string Q1 = "/Reports/Scorecard?period=2031-Q1";

    [Fact]
    public async Task The_scorecard_shows_each_KPI_of_the_quarter_with_its_value_status_and_count()
    {
        var document = await GetOkAsync(Q1);

        Assert.Equal("2031-Q1", document.QuerySelector("#period-shown")!.TextContent.Trim());
        AssertKpi(document, "response", "60.0%", "Missed", "5 条中 3 条");
        AssertKpi(document, "completion", "80.0%", "Missed", "5 条中 4 条");
        AssertKpi(document, "rating", "3.67", "Missed", "基于 3 条记录");
        AssertKpi(document, "survey-score", "4.00", "Missed", "基于 2 条记录");
        AssertKpi(document, "surveys-held", "1", "Met", null);
        AssertKpi(document, "survey-response", "66.7%", "Shown", "3 条中 2 条");
        AssertKpi(document, "nps", "50.0", "Shown", "2 条中 1 条");
        AssertKpi(document, "complaints", "33.3%", "Missed", "3 条中 1 条");
        AssertKpi(document, "trainings", "1", "AtRisk", null);
        AssertKpi(document, "warranty", "¥91.00", "Shown", "基于 1 条记录");
        AssertKpi(document, "rework", "20.0%", "Shown", "5 条中 1 条");

        // Q1 is over: the archive keeps no history, so its accuracy is not shown for it.
        AssertKpi(document, "archive", "不保留历史期间数据", "not-kept", null);
        Assert.Contains("未达标", Kpi(document, "response").QuerySelector("[data-kpi-status]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("目标：100%", Kpi(document, "response").TextContent, StringComparison.Ordinal);

        // Computed when the page was asked for: 08:00 Beijing time, plus the half-minutes each manager sign-in of this class
        // waited for a new authenticator code (each code works once).
        var asked = factory.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        Assert.Contains("数据截至 " + asked.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), document.QuerySelector("#computed-at")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_trend_shows_the_four_quarters_before_oldest_first()
    {
        var document = await GetOkAsync(Q1);
        var trend = Kpi(document, "complaints").QuerySelector("[data-kpi-trend]")!;

        Assert.Equal(["2030-Q1", "2030-Q2", "2030-Q3", "2030-Q4"], trend.QuerySelectorAll("th").Select(th => th.TextContent.Trim()));

        // C4, received 23:30 on 31 December 2030 Beijing time, is 2030-Q4's only complaint, unresolved: 0 of 1.
        Assert.Equal(["–", "–", "–", "0.0%"], trend.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task Without_a_period_the_scorecard_shows_the_current_quarter_with_archive_accuracy()
    {
        var document = await GetOkAsync("/Reports/Scorecard");

        Assert.Equal("2031-Q2", document.QuerySelector("#period-shown")!.TextContent.Trim());
        AssertKpi(document, "archive", "66.7%", "Missed", "3 条中 2 条");
        AssertKpi(document, "response", "100.0%", "Met", "1 条中 1 条");
        Assert.Equal("/Reports/Scorecard?period=2031-Q1", document.QuerySelector("#previous-period")!.GetAttribute("href"));
        Assert.Equal("/Reports/Scorecard?period=2031-Q3", document.QuerySelector("#next-period")!.GetAttribute("href"));
        Assert.Equal("/Reports/Scorecard?period=2031", document.QuerySelector("#whole-year")!.GetAttribute("href"));
    }

    [Fact]
    public async Task An_empty_quarter_shows_no_data_rather_than_zero_percent()
    {
        var document = await GetOkAsync("/Reports/Scorecard?period=2030-Q2");

        foreach (var slug in new[] { "response", "completion", "rating", "survey-score", "survey-response", "nps", "complaints", "warranty", "rework" })
        {
            var value = Kpi(document, slug).QuerySelector("[data-kpi-value]")!.TextContent.Trim();
            Assert.Equal("暂无数据", value);
            Assert.Equal("NoData", Kpi(document, slug).QuerySelector("[data-kpi-status]")!.GetAttribute("data-kpi-status"));
        }

        Assert.DoesNotContain(document.QuerySelectorAll("[data-kpi-value]"), e => e.TextContent.Contains('%', StringComparison.Ordinal));
        Assert.NotNull(document.QuerySelector("[data-empty=scorecard]"));
    }

    public static TheoryData<string> BadPeriods => new()
    {
        string.Empty,
        "abcd",
        "2026-Q5",
        "2026-Q0",
        "1999",
        "2101-Q1",
        "2026-X1",
        new string('9', 5000),
    };

    [Theory]
    [MemberData(nameof(BadPeriods))]
    public async Task A_bad_period_answers_400_with_a_message_naming_the_accepted_forms(string period)
    {
        var browser = await factory.SignedInAsAsync(Roles.Manager);
        var query = "period=" + Uri.EscapeDataString(period);

        var (page, document) = await browser.GetPageAsync("/Reports/Scorecard?" + query);
        var (records, recordsDocument) = await browser.GetPageAsync("/Reports/Scorecard/Records?kpi=response&" + query);
        using var export = await browser.GetAsync(new Uri("/Reports/Scorecard?handler=Export&table=scorecard&format=csv&" + query, UriKind.Relative));
        using var recordsExport = await browser.GetAsync(new Uri("/Reports/Scorecard/Records?handler=Export&kpi=response&table=records&format=csv&" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("2026-Q4", document.QuerySelector("#period-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, records.StatusCode);
        Assert.Contains("2026-Q4", recordsDocument.QuerySelector("#records-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        Assert.Contains("2026-Q4", await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, recordsExport.StatusCode);
    }

    [Fact]
    public async Task The_response_drill_down_lists_the_misses_and_on_request_everything_counted()
    {
        var misses = await GetOkAsync("/Reports/Scorecard/Records?kpi=response&period=2031-Q1");
        var all = await GetOkAsync("/Reports/Scorecard/Records?kpi=response&period=2031-Q1&all=true");

        Assert.Equal([factory.R2, factory.R3], RecordIds(misses));
        Assert.Equal([factory.R1, factory.R2, factory.R3, factory.R6, factory.R7], RecordIds(all));
        Assert.Contains("统计 5 条，未达标 2 条", misses.QuerySelector("#records-total")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/Staff/Requests/Details/{factory.R2}", misses.QuerySelector("#records tbody tr a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_request_completed_at_23_45_on_31_March_Beijing_time_is_listed_in_Q1_not_Q2()
    {
        var q1 = await GetOkAsync("/Reports/Scorecard/Records?kpi=completion&period=2031-Q1&all=true");
        var q2 = await GetOkAsync("/Reports/Scorecard/Records?kpi=completion&period=2031-Q2&all=true");

        Assert.Equal([factory.R1, factory.R2, factory.R5, factory.R6, factory.R7], RecordIds(q1));
        Assert.DoesNotContain(factory.R5, RecordIds(q2));
        var r5 = q1.QuerySelector($"tr[data-record-id='{factory.R5}']")!;
        Assert.Contains("2031-03-31 23:30", r5.TextContent, StringComparison.Ordinal);
        Assert.Contains("2031-03-31 23:45", r5.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_complaint_and_archive_drill_downs_list_exactly_what_their_KPIs_count()
    {
        var complaints = await GetOkAsync("/Reports/Scorecard/Records?kpi=complaints&period=2031-Q1");
        var archive = await GetOkAsync("/Reports/Scorecard/Records?kpi=archive&period=2031-Q2");
        var warranty = await GetOkAsync("/Reports/Scorecard/Records?kpi=warranty&period=2031-Q1");
        var trainings = await GetOkAsync("/Reports/Scorecard/Records?kpi=trainings&period=2031-Q1");

        Assert.Equal([factory.C2, factory.C3], RecordIds(complaints));
        Assert.Equal($"/Staff/Complaints/Details/{factory.C2}", complaints.QuerySelector("#records tbody tr a")!.GetAttribute("href"));
        Assert.Equal([factory.CustomerWithoutAddress], RecordIds(archive));
        Assert.Equal([factory.WarrantyLine], RecordIds(warranty));
        Assert.Contains("¥91.00", warranty.QuerySelector("#records")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([factory.T1], RecordIds(trainings));
    }

    [Fact]
    public async Task A_long_drill_down_is_paged_by_id_fifty_at_a_time_and_exported_whole()
    {
        var browser = await factory.SignedInAsAsync(Roles.Manager);
        var first = await GetOkAsync("/Reports/Scorecard/Records?kpi=complaints&period=2029-Q3");
        var firstIds = RecordIds(first);
        var next = first.QuerySelector("#next-page")!.GetAttribute("href")!;

        var second = await GetOkAsync(next);
        var csv = await browser.GetByteArrayAsync(new Uri("/Reports/Scorecard/Records?handler=Export&kpi=complaints&period=2029-Q3&table=records&format=csv", UriKind.Relative));

        Assert.Equal(50, firstIds.Count);
        Assert.Equal(firstIds.Order(), firstIds);
        Assert.Contains($"after={firstIds[^1]}", next, StringComparison.Ordinal);
        Assert.Single(RecordIds(second));
        Assert.True(RecordIds(second)[0] > firstIds[^1]);
        Assert.Null(second.QuerySelector("#next-page"));
        Assert.Contains($"统计 {ScorecardFixture.PagingComplaints} 条，未达标 {ScorecardFixture.PagingComplaints} 条", first.QuerySelector("#records-total")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ScorecardFixture.PagingComplaints + 1, Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task An_unknown_KPI_answers_404_with_a_friendly_message()
    {
        var browser = await factory.SignedInAsAsync(Roles.Manager);

        var (response, document) = await browser.GetPageAsync("/Reports/Scorecard/Records?kpi=nonsense&period=2031-Q1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("计分卡中没有该考核指标", document.QuerySelector("#records-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ScorecardKpiCount, document.QuerySelectorAll("#kpi-list a").Length);
    }

    [Fact]
    public async Task The_scorecard_exports_as_CSV_with_a_BOM_and_Chinese_headers_and_as_a_workbook_with_the_same_numbers()
    {
        var browser = await factory.SignedInAsAsync(Roles.Manager);
        var page = await GetOkAsync(Q1);
        var csvLink = page.QuerySelector("[data-report-table=scorecard]")!.Closest("section")!.QuerySelector("a[data-export=csv]")!.GetAttribute("href")!;

        var csv = await browser.GetByteArrayAsync(new Uri(csvLink, UriKind.Relative));
        var xlsx = await browser.GetByteArrayAsync(new Uri(csvLink.Replace("format=csv", "format=xlsx", StringComparison.Ordinal), UriKind.Relative));

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        var lines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("考核指标,数值,目标,状态,统计数,达标数,2030-Q1,2030-Q2,2030-Q3,2030-Q4", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("24 小时响应率,60.0%,100%,未达标,5,3,", StringComparison.Ordinal));
        Assert.Contains("投诉处理率,33.3%,100%,未达标,3,1,,,,0.0%", lines);

        var rows = WorkbookRows(xlsx);
        Assert.Equal(lines.Length, rows.Count);
        Assert.Equal(["24 小时响应率", "60.0%", "100%", "未达标", "5", "3", "", "", "", ""], rows.Single(r => r[0] == "24 小时响应率"));
    }

    [Fact]
    public async Task A_drill_down_exports_its_whole_list_as_CSV_and_as_a_workbook()
    {
        var browser = await factory.SignedInAsAsync(Roles.Manager);
        const string url = "/Reports/Scorecard/Records?handler=Export&kpi=response&period=2031-Q1&all=true&table=records&format=";
        var numbers = await factory.QueryAsync(db => Task.FromResult(db.ServiceRequests
            .Where(r => r.Id == factory.R2 || r.Id == factory.R3).OrderBy(r => r.Id).Select(r => r.Number).ToList()));

        using var csvResponse = await browser.GetAsync(new Uri(url + "csv", UriKind.Relative));
        var csv = await csvResponse.Content.ReadAsByteArrayAsync();
        var xlsx = await browser.GetByteArrayAsync(new Uri(url + "xlsx", UriKind.Relative));

        Assert.Equal("scorecard-response-2031-Q1-all.csv", csvResponse.Content.Headers.ContentDisposition!.FileNameStar ?? csvResponse.Content.Headers.ContentDisposition.FileName);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        var lines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("工单编号,客户,已提交,响应期限,响应时间", lines[0]);
        Assert.Equal(6, lines.Length);
        Assert.Contains(lines, l => l.StartsWith(numbers[1] + ",王建国,2031-02-01 09:00,2031-02-02 09:00,", StringComparison.Ordinal));

        var rows = WorkbookRows(xlsx);
        Assert.Equal(6, rows.Count);
        Assert.Equal(numbers, rows.Where(r => numbers.Contains(r[0])).Select(r => r[0]).Order().ToList());
    }

    [Fact]
    public async Task Exporting_an_empty_period_goes_back_to_the_page_with_a_message()
    {
        var browser = await factory.SignedInAsAsync(Roles.Manager);

        using var scorecard = await browser.GetAsync(new Uri("/Reports/Scorecard?handler=Export&period=2030-Q2&table=scorecard&format=xlsx", UriKind.Relative));
        using var records = await browser.GetAsync(new Uri("/Reports/Scorecard/Records?handler=Export&kpi=response&period=2030-Q2&table=records&format=csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, scorecard.StatusCode);
        Assert.Equal("/Reports/Scorecard?period=2030-Q2", scorecard.RedirectTarget());
        Assert.Equal(HttpStatusCode.Redirect, records.StatusCode);
        var page = await (await browser.FollowRedirectAsync(scorecard)).ReadDocumentAsync();
        Assert.Contains("2030-Q2 没有可导出的数据。", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Reports/Scorecard?handler=Export&period=2031-Q1&table=scorecard&format=pdf", HttpStatusCode.BadRequest)]
    [InlineData("/Reports/Scorecard?handler=Export&period=2031-Q1&table=nonsense&format=csv", HttpStatusCode.NotFound)]
    [InlineData("/Reports/Scorecard/Records?handler=Export&kpi=response&period=2031-Q1&table=records", HttpStatusCode.BadRequest)]
    [InlineData("/Reports/Scorecard/Records?handler=Export&kpi=response&period=2031-Q1&table=nonsense&format=csv", HttpStatusCode.NotFound)]
    [InlineData("/Reports/Scorecard/Records?handler=Export&kpi=nonsense&period=2031-Q1&table=records&format=csv", HttpStatusCode.NotFound)]
    public async Task An_export_of_an_unknown_format_or_table_is_refused(string url, HttpStatusCode expected)
    {
        var browser = await factory.SignedInAsAsync(Roles.Manager);

        using var response = await browser.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    public static TheoryData<string> ScorecardUrls => new()
    {
        "/Reports/Scorecard",
        "/Reports/Scorecard/Records?kpi=response",
        "/Reports/Scorecard?handler=Export&period=2031-Q1&table=scorecard&format=csv",
        "/Reports/Scorecard/Records?handler=Export&kpi=response&period=2031-Q1&table=records&format=csv",
    };

    [Theory]
    [MemberData(nameof(ScorecardUrls))]
    public async Task Only_managers_may_open_the_scorecard_and_its_exports(string url)
    {
        foreach (var role in new[] { Roles.CrmAgent, Roles.Technician, Roles.Customer })
        {
            var browser = await factory.SignedInAsAsync(role);
            using var response = await browser.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role} on {url}: {(int)response.StatusCode}");
        }

        using var anonymous = await factory.CreateBrowser().GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login?ReturnUrl=", anonymous.RedirectTarget(), StringComparison.Ordinal);
    }

    private const int ScorecardKpiCount = 12;

    private async Task<IHtmlDocument> GetOkAsync(string url)
    {
        var browser = await factory.SignedInAsAsync(Roles.Manager);
        var (response, document) = await browser.GetPageAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {string.Join(" | ", document.ErrorMessages())}");
        return document;
    }

    private static AngleSharp.Dom.IElement Kpi(IHtmlDocument document, string slug) =>
        document.QuerySelector($"section[data-kpi='{slug}']") ?? throw new InvalidOperationException($"No KPI {slug} on the page.");

    private static void AssertKpi(IHtmlDocument document, string slug, string value, string status, string? hits)
    {
        var kpi = Kpi(document, slug);
        Assert.Equal(value, kpi.QuerySelector("[data-kpi-value]")!.TextContent.Trim());
        Assert.Equal(status, kpi.QuerySelector("[data-kpi-status]")!.GetAttribute("data-kpi-status"));
        Assert.Equal(hits, kpi.QuerySelector("[data-kpi-hits]")?.TextContent.Trim());
    }

    private static List<int> RecordIds(IHtmlDocument document) =>
        [.. document.QuerySelectorAll("#records tbody tr").Select(tr => int.Parse(tr.GetAttribute("data-record-id")!, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The first sheet's rows as the texts a reader sees (numbers as stored, inline strings as written).</summary>
    private static List<string[]> WorkbookRows(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        return [.. sheet.Descendants<Row>().Select(row => row.Elements<Cell>()
            .Select(cell => cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? string.Empty)
            .ToArray())];
    }
}
