using System.Globalization;
using BathroomAftersales.Web.Infrastructure;
using BathroomAftersales.Web.Infrastructure.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Reports;

/// <summary>
/// The contract scorecard of a quarter or a year: every KPI with its target, status, the four periods before as a
/// trend, and a link to the records behind it. Each period's figures come from <see cref="Scorecard.ComputeAsync"/>
/// through <see cref="ReportCache"/>, so a page view costs at most five computations and usually none.
/// </summary>
public sealed class ScorecardModel(Scorecard scorecard, ReportCache cache, LocalClock clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string TableName = "scorecard";
    public const int TrendLength = 4;

    public Period Period { get; private set; }

    /// <summary>The period text as typed, for the form.</summary>
    public string? PeriodText { get; private set; }

    /// <summary>Why the period was refused; null when it was fine.</summary>
    public string? PeriodMessage { get; private set; }

    public IReadOnlyList<Period> TrendPeriods { get; private set; } = [];

    public IReadOnlyList<KpiLine> Lines { get; private set; } = [];

    public DateTime ComputedAtUtc { get; private set; }

    /// <summary>Whether now falls in <see cref="Period"/>: archive accuracy is shown for it only.</summary>
    public bool IsCurrent { get; private set; }

    public ReportTable Table { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? period, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(period, cancellationToken))
        {
            return Refused();
        }

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

        if (!string.Equals(table, TableName, StringComparison.Ordinal))
        {
            return ReportDownload.UnknownTable(localizer);
        }

        if (!await LoadAsync(period, cancellationToken))
        {
            return ReportDownload.Refuse(StatusCodes.Status400BadRequest, PeriodMessage ?? string.Empty);
        }

        return ReportDownload.Send(this, Table, fileFormat, $"{TableName}-{Period}", Period, new { period = Period.ToString() }, localizer);
    }

    private PageResult Refused()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    private async Task<bool> LoadAsync(string? text, CancellationToken cancellationToken)
    {
        PeriodText = ReportPeriod.Echo(text);
        var error = ReportPeriod.Resolve(Request, text, clock, out var period);
        if (error != PeriodError.None)
        {
            PeriodMessage = ReportPeriod.Message(localizer, error);
            return false;
        }

        Period = period;
        PeriodText ??= period.ToString();
        IsCurrent = scorecard.IsCurrent(period);
        TrendPeriods = period.PreviousPeriods(TrendLength);

        // The period and its trend are computed at once, each with its own connection (ReportCache gives each a scope).
        var computed = await Task.WhenAll(TrendPeriods.Append(period).Select(p =>
            Scorecard.CachedAsync(cache, p, cancellationToken)));
        var current = computed[^1];
        var trend = computed[..^1].Select(c => c.Value).ToList();

        ComputedAtUtc = current.ComputedAtUtc;
        // The archive's state is not kept: a past period has no figure for it, a period still to come simply none yet.
        var past = period.EndUtc(clock.TimeZone) <= clock.UtcNow;
        Lines = [.. ScorecardKpis.All.Select(kpi => new KpiLine(
            kpi,
            kpi.IsCurrentStateOnly && !IsCurrent ? null : kpi.Select(current.Value),
            kpi.IsCurrentStateOnly && past,
            [.. trend.Select(f => kpi.IsCurrentStateOnly ? null : kpi.Select(f))]))];
        Table = BuildTable();
        return true;
    }

    /// <summary>
    /// The scorecard as a table: value, target and trend cells are the page's text (each KPI reads differently), counts
    /// are numbers. Empty when nothing at all was counted in the period, so there is nothing to export.
    /// </summary>
    private ReportTable BuildTable()
    {
        var columns = new List<ReportColumn>
        {
            new(localizer["KPI"], ReportValueKind.Text),
            new(localizer["Value"], ReportValueKind.Text),
            new(localizer["Target"], ReportValueKind.Text),
            new(localizer["Status"], ReportValueKind.Text),
            new(localizer["Counted"], ReportValueKind.Count),
            new(localizer["Met the promise"], ReportValueKind.Count),
        };
        columns.AddRange(TrendPeriods.Select(p => new ReportColumn(p.ToString(), ReportValueKind.Text)));

        var anything = Lines.Any(l => !l.Kpi.IsCurrentStateOnly && l.Result is { Counted: > 0 });
        var rows = !anything
            ? []
            : Lines.Select(line =>
            {
                var row = new List<object?>
                {
                    localizer[line.Kpi.Name].Value,
                    ValueText(line),
                    ScorecardKpis.TargetText(line.Kpi, line.Result),
                    StatusText(line),
                    line.Result?.Counted,
                    line.Result?.Hits,
                };
                row.AddRange(line.Trend.Select(t => t is { Value: { } v } ? ReportFormat.Display(v, line.Kpi.Kind) : null));
                return (IReadOnlyList<object?>)row;
            }).ToList();
        return new ReportTable(TableName, localizer["Scorecard {0}", Period.ToString()], columns, rows);
    }

    /// <summary>The value as the page shows it: "无数据" rather than 0% when nothing was counted.</summary>
    public string ValueText(KpiLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.NotKept)
        {
            return localizer["Not kept for past periods"];
        }

        return line.Result is { Value: { } value } ? ReportFormat.Display(value, line.Kpi.Kind) : localizer["No data"];
    }

    public string StatusText(KpiLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.NotKept ? localizer["Not kept for past periods"] : localizer[ScorecardKpis.StatusText(line.Result?.Status ?? KpiStatus.NoData)];
    }

    public string ComputedAtText => ReportPeriod.AsOf(clock, ComputedAtUtc);

    /// <summary>Whether the period's figures are kept rather than computed on each view (a settled period, ADR 0018).</summary>
    public bool IsSettled => cache.IsSettled(Period);

    /// <summary>A KPI of the period, the four periods before it (oldest first), and whether the period has no figure by nature.</summary>
    public sealed record KpiLine(ScorecardKpi Kpi, KpiResult? Result, bool NotKept, IReadOnlyList<KpiResult?> Trend);
}
