using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

using AngleSharp.Html.Dom;

using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Infrastructure.Reports;

using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BathroomAftersales.IntegrationTests.Reports;

/// <summary>
/// The quarterly report against <see cref="QuarterlyFixture"/> (its table of requests gives every number); the clock
/// is on 1 June 2032 and the report is for 2032-Q1.
/// </summary>
public sealed class QuarterlyReportTests(QuarterlyFixture factory) : IClassFixture<QuarterlyFixture>
{
    private const string Url = "/Reports/Quarterly?period=2032-Q1";

    private static readonly Period Q1 = Period.OfQuarter(2032, 1);

    [Fact]
    public void Nearest_rank_percentiles_take_the_smallest_value_reaching_the_rank()
    {
        MinuteCount[] odd = [new(15, 1), new(60, 1), new(240, 1)];
        MinuteCount[] even = [new(120, 1), new(30, 1), new(90, 1), new(60, 1)];

        Assert.Equal(60, Percentiles.NearestRank(odd, 0.5m));
        Assert.Equal(240, Percentiles.NearestRank(odd, 0.9m));
        Assert.Equal(60, Percentiles.NearestRank(even, 0.5m));
        Assert.Equal(120, Percentiles.NearestRank(even, 0.9m));
        Assert.Equal(10, Percentiles.NearestRank([new(10, 9), new(20, 1)], 0.9m));
        Assert.Null(Percentiles.NearestRank([], 0.5m));
    }

    [Fact]
    public async Task Volumes_count_each_step_in_the_quarter_including_23_30_on_31_March()
    {
        var figures = await ComputeAsync(Q1);

        // Submitted U1 U2 U3 X1 R1–R5 = 9 (U3 at 23:30 on 31 March); responded and completed U1 U2 U3 R1 R2 R3 R5 = 7;
        // closed U1 U2 R1 R3 = 4 (U3 closed at 00:30 on 1 April: Q2); cancelled X1; one emergency (R2).
        var v = figures.Volumes;
        Assert.Equal((9, 7, 7, 4, 1, 1), (v.Submitted, v.Responded, v.Completed, v.Closed, v.Cancelled, v.Emergencies));

        // Response minutes 15 30 60 60 90 120 120 (7): median the 4th = 60, p90 the 7th = 120.
        Assert.Equal(new Durations(1m, 2m, 7), v.Response);

        // Completion minutes 15 60 240 360 1440 1500 5760 (7): median the 4th = 360, p90 the 7th = 5760.
        Assert.Equal(new Durations(6m, 96m, 7), v.Completion);
    }

    [Fact]
    public async Task By_type_medians_use_the_lower_middle_value_of_an_even_count()
    {
        var figures = await ComputeAsync(Q1);
        var usage = figures.ByType.Single(t => t.Type == Domain.ServiceRequests.RequestType.UsageQuestion);
        var repair = figures.ByType.Single(t => t.Type == Domain.ServiceRequests.RequestType.Repair);

        // Usage questions: U1 U2 U3 X1; rated 5 and 1; response 15 60 120, completion 15 60 240 (odd: the middle one).
        Assert.Equal((4, 0, 2, 3m), (usage.Submitted, usage.Emergencies, usage.Rated, usage.AverageRating));
        Assert.Equal(new Durations(1m, 2m, 3), usage.Response);
        Assert.Equal(new Durations(1m, 4m, 3), usage.Completion);

        // Repairs: R1–R5, R2 an emergency; rated 2 and 1; response 30 60 90 120 → 60 (not 75), p90 the 4th = 120;
        // completion 360 1440 1500 5760 → 1440, p90 5760.
        Assert.Equal((5, 1, 2, 1.5m), (repair.Submitted, repair.Emergencies, repair.Rated, repair.AverageRating));
        Assert.Equal(new Durations(1m, 2m, 4), repair.Response);
        Assert.Equal(new Durations(24m, 96m, 4), repair.Completion);
    }

    [Fact]
    public async Task Models_and_categories_group_requests_ratings_and_supplier_paid_lines_only()
    {
        var figures = await ComputeAsync(Q1);
        var byModel = figures.ByModel.ToDictionary(m => m.Sku ?? "-");

        // M1: U1 U2 rated 5 and 1. M2: R1 R3 rated 2 and 1; warranty R1's two lines 91 + 80 (R3's fee is the customer's).
        // M3: R2; its part moved to the supplier (60), its fee stays the customer's. No product: U3 X1 R4 R5; R5's fee 50.
        Assert.Equal((2, 2, 3m, 0, 0m), Figures(byModel["QT-M1"]));
        Assert.Equal((2, 2, 1.5m, 2, 171m), Figures(byModel["QT-M2"]));
        Assert.Equal((1, 0, (decimal?)null, 1, 60m), Figures(byModel["QT-F1"]));
        Assert.Equal((4, 0, (decimal?)null, 1, 50m), Figures(byModel["-"]));
        Assert.Null(byModel["-"].ModelId);

        var toilets = figures.ByCategory.Single(c => c.Category == Domain.Products.ProductCategory.Toilet);
        Assert.Equal(new CategoryRow(Domain.Products.ProductCategory.Toilet, 4, 4, 2.25m, 171m), toilets);
        Assert.Equal(new CategoryRow(Domain.Products.ProductCategory.Faucet, 1, 0, null, 60m), figures.ByCategory.Single(c => c.Category == Domain.Products.ProductCategory.Faucet));
        Assert.Equal(new CategoryRow(null, 4, 0, null, 50m), figures.ByCategory.Single(c => c.Category is null));

        static (int, int, decimal?, int, decimal) Figures(ModelRow m) => (m.Submitted, m.Rated, m.AverageRating, m.WarrantyLines, m.WarrantyCost);
    }

    [Fact]
    public async Task Technicians_show_completions_on_time_ratings_and_median_completion()
    {
        var figures = await ComputeAsync(Q1);

        // 刘师傅: R1 (25h of 72) and R2 (6h of 24), both on time; R1 rated 2; minutes 360 1500 → 360.
        // 周师傅: R3 (96h of 72: late) and R5; R3 rated 1; minutes 1440 5760 → 1440.
        Assert.Collection(
            figures.ByTechnician,
            liu =>
            {
                Assert.Equal(("刘师傅", 2, 1m, 1, 2m, 6m), (liu.Name, liu.Completed, liu.OnTimeRate, liu.Rated, liu.AverageRating, liu.Completion.MedianHours));
            },
            zhou =>
            {
                Assert.Equal(("周师傅", 2, 0.5m, 1, 1m, 24m), (zhou.Name, zhou.Completed, zhou.OnTimeRate, zhou.Rated, zhou.AverageRating, zhou.Completion.MedianHours));
            });
    }

    [Fact]
    public async Task The_lowest_ratings_with_a_comment_come_first_and_newest_first_within_a_rating()
    {
        var figures = await ComputeAsync(Q1);

        // Rated 1: R3 (6 March) before U2 (12 January); then R1 (2), U1 (5). U3's comment was closed in Q2.
        Assert.Equal(
            [(factory.R3Number, 1, "修了四天"), (factory.U2Number, 1, "回复太慢"), (factory.R1Number, 2, "师傅迟到"), (factory.U1Number, 5, "很好")],
            figures.LowestRated.Select(c => (c.Number, c.Rating, c.Comment)));
        Assert.Equal(["等太久", "很好"], figures.LowestSurveyComments.Select(c => c.Comment));
    }

    [Fact]
    public async Task The_trend_shows_ratings_survey_score_and_NPS_for_five_quarters()
    {
        var figures = await ComputeAsync(Q1);

        // 2031-Q1 … 2031-Q4, 2032-Q1. Y was rated 4 in 2031-Q4. 2032-Q1: ratings 5 1 2 1 = 2.25; survey 2 5 4 = 11/3;
        // NPS: promoters 10 and 9, a detractor 3, of 3 = 33.3 points.
        Assert.Equal(["2031-Q1", "2031-Q2", "2031-Q3", "2031-Q4", "2032-Q1"], figures.Trend.Select(t => t.Period.ToString()));
        Assert.All(figures.Trend.Take(3), t => Assert.Equal(new SatisfactionRow(t.Period, null, 0, null, 0, null), t));
        Assert.Equal((4m, 1, (decimal?)null), (figures.Trend[3].AverageRating, figures.Trend[3].Rated, figures.Trend[3].SurveyScore));
        var q1 = figures.Trend[4];
        Assert.Equal((2.25m, 4, 3), (q1.AverageRating, q1.Rated, q1.SurveyResponses));
        Assert.Equal(11m / 3, q1.SurveyScore!.Value, 6);
        Assert.Equal(33.3m, q1.NetPromoterScore);
    }

    [Fact]
    public async Task The_page_renders_every_table_and_chart_with_the_figures()
    {
        var client = await SignedInAsync(QuarterlyFixture.ManagerLogin);

        var (response, document) = await client.GetPageAsync(Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var name in new[] { "satisfaction", "volumes", "times", "by-type", "by-category", "by-model", "by-technician", "warranty-by-model", "lowest-rated", "survey-comments" })
        {
            Assert.NotNull(document.QuerySelector($"table[data-report-table='{name}']"));
        }

        Assert.Equal(["使用问题", "4", "0", "3.00", "2", "1.0", "2.0", "1.0", "4.0"], Row(document, "by-type", 1));
        Assert.Contains("数据截至", document.QuerySelector("[data-figures-as-of]")!.TextContent, StringComparison.Ordinal);

        var charts = document.QuerySelectorAll("canvas[data-chart]").ToList();
        Assert.Equal(4, charts.Count);
        Assert.All(charts, c => Assert.False(string.IsNullOrWhiteSpace(c.GetAttribute("aria-label"))));
        using var trend = JsonDocument.Parse(charts[0].GetAttribute("data-chart")!);
        Assert.Equal("line", trend.RootElement.GetProperty("kind").GetString());
        Assert.Equal("2032-Q1", trend.RootElement.GetProperty("labels")[4].GetString());
        Assert.Equal(2.25m, trend.RootElement.GetProperty("series")[0].GetProperty("data")[4].GetDecimal());
        Assert.Equal(JsonValueKind.Null, trend.RootElement.GetProperty("series")[0].GetProperty("data")[0].ValueKind);
        using var warranty = JsonDocument.Parse(charts[3].GetAttribute("data-chart")!);
        Assert.Equal([171m, 60m, 50m], warranty.RootElement.GetProperty("series")[0].GetProperty("data").EnumerateArray().Select(e => e.GetDecimal()));
        Assert.Contains(document.QuerySelectorAll("script"), s => (s.GetAttribute("src") ?? string.Empty).Contains("/lib/chart.js/", StringComparison.Ordinal));
        Assert.DoesNotContain(document.QuerySelectorAll("script"), s => string.IsNullOrWhiteSpace(s.GetAttribute("src")));
    }

    [Fact]
    public async Task Comments_are_shown_as_text()
    {
        var client = await SignedInAsync(QuarterlyFixture.ManagerLogin);
        var (_, document) = await client.GetPageAsync(Url);

        Assert.Contains("修了四天", Row(document, "lowest-rated", 0));
        Assert.Empty(document.QuerySelectorAll("table[data-report-table='lowest-rated'] td *"));
    }

    [Fact]
    public async Task An_empty_quarter_shows_no_data_rather_than_zero()
    {
        var client = await SignedInAsync(QuarterlyFixture.ManagerLogin);

        var (response, document) = await client.GetPageAsync("/Reports/Quarterly?period=2030-Q1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(document.QuerySelectorAll("table[data-report-table]"));
        Assert.Empty(document.QuerySelectorAll("canvas"));
        Assert.Equal(10, document.QuerySelectorAll("[data-empty]").Length);
        Assert.DoesNotContain("0%", document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2032-Q5", "Q1 至 Q4")]
    [InlineData("1999-Q1", "2000 至 2100")]
    [InlineData("Q1-2032", "2026-Q4")]
    [InlineData("2032-Q1-extra-text-that-is-long", "2026-Q4")]
    public async Task A_bad_period_is_refused_with_a_message_naming_the_accepted_forms(string period, string expected)
    {
        var client = await SignedInAsync(QuarterlyFixture.ManagerLogin);

        var (response, document) = await client.GetPageAsync("/Reports/Quarterly?period=" + Uri.EscapeDataString(period));
        var export = await client.GetAsync("/Reports/Quarterly?handler=Export&table=by-type&format=csv&period=" + Uri.EscapeDataString(period));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, document.QuerySelector("[data-period-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        Assert.Contains(expected, await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_period_is_refused_with_a_message_not_an_error()
    {
        var client = await SignedInAsync(QuarterlyFixture.ManagerLogin);

        var (response, document) = await client.GetPageAsync("/Reports/Quarterly?period=" + new string('9', 4000));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(document.QuerySelector("[data-period-error]"));
    }

    [Fact]
    public async Task The_CSV_export_has_a_BOM_Chinese_headers_and_the_page_numbers()
    {
        var client = await SignedInAsync(QuarterlyFixture.ManagerLogin);
        var (_, document) = await client.GetPageAsync(Url);

        var response = await client.GetAsync("/Reports/Quarterly?handler=Export&period=2032-Q1&table=by-type&format=csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("quarterly-2032-Q1-by-type.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("请求类型,", lines[0], StringComparison.Ordinal);
        Assert.Equal(string.Join(",", Row(document, "by-type", 0)), lines[1]);
        Assert.Equal(string.Join(",", Row(document, "by-type", 1)), lines[2]);
    }

    [Fact]
    public async Task The_Excel_export_has_the_same_numbers_as_the_page()
    {
        var client = await SignedInAsync(QuarterlyFixture.ManagerLogin);

        var response = await client.GetAsync("/Reports/Quarterly?handler=Export&period=2032-Q1&table=by-technician&format=xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var workbook = SpreadsheetDocument.Open(stream, false);
        var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(CellText).ToList()).ToList();
        Assert.Equal("技术人员", rows[0][0]);
        Assert.Equal(["刘师傅", "2", "1", "2", "1", "6"], rows[1]);
        Assert.Equal(["周师傅", "2", "0.5", "1", "1", "24"], rows[2]);
    }

    [Fact]
    public async Task Export_refuses_an_unknown_table_and_format()
    {
        var client = await SignedInAsync(QuarterlyFixture.ManagerLogin);

        var unknown = await client.GetAsync("/Reports/Quarterly?handler=Export&period=2032-Q1&table=salaries&format=csv");
        var format = await client.GetAsync("/Reports/Quarterly?handler=Export&period=2032-Q1&table=by-type&format=pdf");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);
        Assert.Contains("csv", await format.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exporting_an_empty_table_returns_to_the_page_with_a_message()
    {
        var client = await SignedInAsync(QuarterlyFixture.ManagerLogin);

        var response = await client.GetAsync("/Reports/Quarterly?handler=Export&period=2030-Q1&table=by-model&format=xlsx");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.FollowRedirectAsync(response);
        var document = await page.ReadDocumentAsync();
        Assert.Contains("2030-Q1 没有可导出的数据", document.QuerySelector("[role='status']")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(QuarterlyFixture.AgentLogin)]
    [InlineData(QuarterlyFixture.TechnicianLogin)]
    [InlineData(QuarterlyFixture.CustomerLogin)]
    public async Task Other_roles_are_forbidden(string login)
    {
        var client = await SignedInAsync(login);

        var page = await client.GetAsync(Url);
        var export = await client.GetAsync("/Reports/Quarterly?handler=Export&period=2032-Q1&table=by-type&format=csv");

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var client = factory.CreateBrowser();

        var page = await client.GetAsync(Url);
        var export = await client.GetAsync("/Reports/Quarterly?handler=Export&period=2032-Q1&table=by-type&format=csv");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/Login", page.RedirectTarget(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, export.StatusCode);
        Assert.Contains("/Account/Login", export.RedirectTarget(), StringComparison.Ordinal);
    }

    private static List<string> Row(IHtmlDocument document, string table, int index) =>
        [.. document.QuerySelectorAll($"table[data-report-table='{table}'] tbody tr")[index].QuerySelectorAll("td").Select(td => td.TextContent.Trim())];

    private static string CellText(Cell cell) =>
        cell.InlineString?.Text?.Text
        ?? (cell.CellValue?.Text is { } value
            ? double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
            : string.Empty);

    private async Task<HttpClient> SignedInAsync(string login)
    {
        var client = factory.CreateBrowser();
        await client.SignInAsync(login);
        return client;
    }

    private async Task<QuarterlyFigures> ComputeAsync(Period period)
    {
        await using var scope = factory.OpenDb();
        return await scope.Get<QuarterlyReport>().ComputeAsync(period);
    }
}
