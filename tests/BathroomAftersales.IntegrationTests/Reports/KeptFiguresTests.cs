using System.Net;
using AngleSharp.Html.Dom;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Identity;
using BathroomAftersales.Web.Infrastructure.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BathroomAftersales.IntegrationTests.Reports;

/// <summary><see cref="ScorecardFixture"/>'s year with settled periods' figures kept in the database (ADR 0018).</summary>
public sealed class KeptFiguresFixture : ScorecardFixture
{
    protected override bool KeepSettledFigures => true;
}

/// <summary>
/// Figures of settled periods are computed once, kept in the database and read from there (by every instance, after
/// every restart) until a manager has them computed again; the running period is always computed. The clock is on
/// 1 June 2031: 2031-Q1 ended 61 days ago and is settled, 2031-Q2 runs.
/// </summary>
public sealed class KeptFiguresTests(KeptFiguresFixture factory) : IClassFixture<KeptFiguresFixture>
{
    private static readonly Period Q1 = Period.OfQuarter(2031, 1);

    [Fact]
    public async Task A_settled_quarter_is_read_from_its_kept_figures_until_a_manager_has_them_computed_again()
    {
        await ForgetAsync(Q1);
        var browser = await factory.SignedInAsAsync(Roles.Manager);
        var first = await GetOkAsync(browser, "/Reports/Scorecard?period=2031-Q1");
        Assert.Equal("1", Value(first, "trainings"));
        Assert.True(await IsKeptAsync(Scorecard.Report, Q1));

        // A late correction: the March training is recorded as held. The kept figures do not see it...
        await using (var scope = factory.OpenDb())
        {
            var planned = await scope.Db.TrainingEvents.SingleAsync(t => t.Topic == "浴室柜防潮");
            planned.MarkHeld(ScorecardFixture.Local(3, 20, 17));
            await scope.Db.SaveChangesAsync();
        }

        var again = await GetOkAsync(browser, "/Reports/Scorecard?period=2031-Q1");
        Assert.Equal("1", Value(again, "trainings"));

        // ...until the manager presses "compute again" on the page.
        var recompute = await browser.SubmitAsync(Browser.FindForm(again, new Uri("https://localhost/Reports/Scorecard?period=2031-Q1"), [], "handler=Recompute"));
        Assert.Equal(HttpStatusCode.Redirect, recompute.StatusCode);
        var after = await (await browser.FollowRedirectAsync(recompute)).ReadDocumentAsync();
        Assert.Equal("2", Value(after, "trainings"));
        Assert.Contains("已根据记录重新计算 2031-Q1 的数据", after.VisibleText(), StringComparison.Ordinal);
        Assert.True(await IsKeptAsync(Scorecard.Report, Q1));

        await using (var scope = factory.OpenDb())
        {
            var planned = await scope.Db.TrainingEvents.SingleAsync(t => t.Topic == "浴室柜防潮");
            scope.Db.Entry(planned).Property(t => t.Status).CurrentValue = BathroomAftersales.Domain.Training.TrainingEventStatus.Planned;
            await scope.Db.SaveChangesAsync();
        }

        await ForgetAsync(Q1);
    }

    [Fact]
    public async Task Kept_figures_show_the_same_report_as_figures_computed_from_the_records()
    {
        await ForgetAsync(Q1);
        var browser = await factory.SignedInAsAsync(Roles.Manager);

        var computed = await GetOkAsync(browser, "/Reports/Quarterly?period=2031-Q1");
        Assert.True(await IsKeptAsync(QuarterlyReport.Report, Q1));
        var kept = await GetOkAsync(browser, "/Reports/Quarterly?period=2031-Q1");

        Assert.Equal(MainContent(computed), MainContent(kept));
        Assert.NotEmpty(computed.QuerySelectorAll("table tbody tr"));
    }

    [Fact]
    public async Task The_running_quarter_is_computed_on_each_view_and_never_kept()
    {
        var browser = await factory.SignedInAsAsync(Roles.Manager);
        var running = await GetOkAsync(browser, "/Reports/Scorecard?period=2031-Q2");
        var settled = await GetOkAsync(browser, "/Reports/Scorecard?period=2031-Q1");

        Assert.False(await IsKeptAsync(Scorecard.Report, Period.OfQuarter(2031, 2)));
        Assert.Null(running.QuerySelector("form[data-recompute]"));
        Assert.NotNull(settled.QuerySelector("form[data-recompute]"));
    }

    [Fact]
    public async Task Kept_figures_that_cannot_be_read_are_computed_again_instead_of_failing_the_page()
    {
        var browser = await factory.SignedInAsAsync(Roles.Manager);
        await GetOkAsync(browser, "/Reports/Scorecard?period=2030-Q4");
        await using (var scope = factory.OpenDb())
        {
            var key = ReportSnapshotStore.KeyOf(Scorecard.Report, Period.OfQuarter(2030, 4));
            var row = await scope.Db.ReportSnapshots.SingleAsync(s => s.Key == key);
            row.Figures = "{\"ResponseRate\": [broken";
            await scope.Db.SaveChangesAsync();
        }

        var document = await GetOkAsync(browser, "/Reports/Scorecard?period=2030-Q4");

        // C4, received 23:30 on 31 December 2030 Beijing time, is 2030-Q4's only complaint, unresolved: 0 of 1.
        Assert.Equal("0.0%", Value(document, "complaints"));
    }

    [Fact]
    public async Task Warm_up_keeps_the_last_eight_settled_quarters_and_two_years()
    {
        var warmup = factory.Services.GetRequiredService<ReportWarmup>();

        var count = await warmup.WarmAsync(CancellationToken.None);

        Assert.Equal(10, count);
        string[] expected =
        [
            "2029-Q2", "2029-Q3", "2029-Q4", "2030-Q1", "2030-Q2", "2030-Q3", "2030-Q4", "2031-Q1", "2029", "2030",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), warmup.Periods().Select(p => p.ToString()).Order(StringComparer.Ordinal));
        foreach (var period in expected)
        {
            Assert.Equal(PeriodError.None, Period.TryParse(period, out var p));
            Assert.True(await IsKeptAsync(Scorecard.Report, p), $"scorecard {period}");
            Assert.True(await IsKeptAsync(QuarterlyReport.Report, p), $"quarterly {period}");
            Assert.True(await IsKeptAsync(QuarterlyReport.SatisfactionReport, p), $"satisfaction {period}");
        }

        Assert.False(await IsKeptAsync(Scorecard.Report, Period.OfQuarter(2031, 2)));

        // The running quarter is computed too (its queries compiled), into memory only: never kept.
        var running = Period.CurrentQuarter(factory.Services.GetRequiredService<LocalClock>());
        Assert.False(await IsKeptAsync(Scorecard.Report, running));
        Assert.False(await IsKeptAsync(QuarterlyReport.Report, running));
    }

    [Fact]
    public async Task Computing_again_a_period_that_is_not_a_period_answers_400_with_the_accepted_forms()
    {
        var browser = await factory.SignedInAsAsync(Roles.Manager);

        var response = await browser.PostWithTokenAsync("/Reports/Scorecard?handler=Recompute&period=2031-Q9", "/Reports/Scorecard", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("2026-Q4", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task ForgetAsync(Period period) =>
        await factory.Services.GetRequiredService<ReportCache>().ForgetAsync(period, CancellationToken.None);

    private Task<bool> IsKeptAsync(string report, Period period)
    {
        var key = ReportSnapshotStore.KeyOf(report, period);
        return factory.QueryAsync(db => db.ReportSnapshots.AnyAsync(s => s.Key == key));
    }

    private static async Task<IHtmlDocument> GetOkAsync(HttpClient browser, string url)
    {
        var (response, document) = await browser.GetPageAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {string.Join(" | ", document.ErrorMessages())}");
        return document;
    }

    private static string Value(IHtmlDocument document, string slug) =>
        document.QuerySelector($"section[data-kpi='{slug}'] [data-kpi-value]")!.TextContent.Trim();

    /// <summary>The page's content without its antiforgery tokens, which differ on every render.</summary>
    private static string MainContent(IHtmlDocument document)
    {
        foreach (var token in document.QuerySelectorAll("input[name=__RequestVerificationToken]"))
        {
            token.Remove();
        }

        return document.QuerySelector("main")!.InnerHtml;
    }
}
