using System.Text.Json;

using BathroomAftersales.Web.Infrastructure;
using BathroomAftersales.Web.Infrastructure.Reports;

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Reports;

/// <summary>
/// The quarterly satisfaction report: <c>?period=2026-Q4</c> (or a year), this quarter by default. Every block is a
/// <see cref="ReportTable"/>; the charts are drawn from the same tables and each table exports as CSV or .xlsx.
/// </summary>
public sealed class QuarterlyModel(ReportCache cache, LocalClock clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Period Period { get; private set; }

    /// <summary>The text entered, echoed in the form only when it was accepted (a refused one may be anything).</summary>
    public string PeriodText { get; private set; } = string.Empty;

    public string? PeriodErrorMessage { get; private set; }

    /// <summary>When the figures were computed, local time (the date too when that was not today).</summary>
    public string FiguresAsOf { get; private set; } = string.Empty;

    /// <summary>Whether the period's figures are kept rather than computed on each view (a settled period, ADR 0018).</summary>
    public bool IsSettled => cache.IsSettled(Period);

    public QuarterlyTables Tables { get; private set; } = null!;

    public IDictionary<string, string> RouteValues => new Dictionary<string, string> { ["period"] = Period.ToString() };

    public async Task<IActionResult> OnGetAsync(string? period, CancellationToken cancellationToken)
    {
        if (!TryReadPeriod(period))
        {
            Period = Period.CurrentQuarter(clock);
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Forgets the kept figures of a settled period so that the page computes them again (ADR 0018).</summary>
    public Task<IActionResult> OnPostRecomputeAsync(string? period, CancellationToken cancellationToken) =>
        ReportPeriod.RecomputeAsync(this, cache, period, localizer, cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(string? period, string? table, string? format, CancellationToken cancellationToken)
    {
        var fileFormat = ReportExport.ParseFormat(format);
        if (fileFormat is null)
        {
            return ReportDownload.BadFormat(localizer);
        }

        if (!TryReadPeriod(period))
        {
            return ReportDownload.Refuse(StatusCodes.Status400BadRequest, PeriodErrorMessage!);
        }

        if (table is null || !QuarterlyTables.Names.Contains(table))
        {
            return ReportDownload.UnknownTable(localizer);
        }

        await LoadAsync(cancellationToken);
        var chosen = Tables.All.Single(t => t.Name == table);
        return ReportDownload.Send(this, chosen, fileFormat, $"quarterly-{Period}-{chosen.Name}", Period, new { period = Period.ToString() }, localizer);
    }

    /// <summary>A chart's data as JSON for the canvas's data attribute (drawn by wwwroot/js/reports.js).</summary>
    public static string ChartJson(ChartData chart) => JsonSerializer.Serialize(chart, ChartData.JsonOptions);

    /// <summary>The period from the query (ReportPeriod: the current quarter when none is given), or the message why not.</summary>
    private bool TryReadPeriod(string? text)
    {
        var error = ReportPeriod.Resolve(Request, text, clock, out var period);
        if (error is PeriodError.None)
        {
            Period = period;
            PeriodText = period.ToString();
            return true;
        }

        PeriodText = ReportPeriod.Echo(text) ?? string.Empty;
        PeriodErrorMessage = ReportPeriod.Message(localizer, error);
        return false;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var period = Period;
        var computed = await QuarterlyReport.CachedAsync(cache, period, cancellationToken);
        FiguresAsOf = ReportPeriod.AsOf(clock, computed.ComputedAtUtc);
        Tables = QuarterlyTables.Build(computed.Value, localizer, clock);
    }
}
