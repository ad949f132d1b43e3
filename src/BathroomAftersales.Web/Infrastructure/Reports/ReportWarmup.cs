namespace BathroomAftersales.Web.Infrastructure.Reports;

/// <summary>
/// Computes and keeps the figures of recent settled periods in the background (ADR 0018): at start-up and every
/// <see cref="Interval"/>, the scorecard, the satisfaction trend row and the quarterly report of each of the last
/// <see cref="Quarters"/> quarters and <see cref="Years"/> years that are settled and not kept yet. A manager's first
/// view of a period then computes only the running period. The running quarter is computed too, but only into this
/// instance's memory (never kept): that compiles every query of the two reports once, so not even the first report
/// after a restart pays for it (on SQLite that was half a second). Off with <c>Reports:WarmUp = false</c>.
/// </summary>
public sealed partial class ReportWarmup(
    ReportCache cache, LocalClock clock, TimeProvider time, IConfiguration configuration, ILogger<ReportWarmup> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    /// <summary>How many quarters back are kept: the scorecard's trend of a quarter and the one before it.</summary>
    public const int Quarters = 8;

    /// <summary>How many years back are kept: a year's scorecard and its trend.</summary>
    public const int Years = 2;

    /// <summary>The settled periods whose figures are kept, newest first.</summary>
    public IReadOnlyList<Period> Periods()
    {
        var current = Period.CurrentQuarter(clock);
        var years = Enumerable.Range(1, Years)
            .Where(back => current.Year - back >= Period.MinYear)
            .Select(back => Period.OfYear(current.Year - back));
        return [.. current.PreviousPeriods(Quarters).Reverse().Concat(years).Where(cache.IsSettled)];
    }

    /// <summary>Makes sure every report of every period of <see cref="Periods"/> is kept; returns how many periods that was.</summary>
    public async Task<int> WarmAsync(CancellationToken cancellationToken)
    {
        var periods = Periods();
        foreach (var period in periods)
        {
            await Scorecard.CachedAsync(cache, period, cancellationToken);
            await QuarterlyReport.CachedAsync(cache, period, cancellationToken);
        }

        var running = Period.CurrentQuarter(clock);
        await Scorecard.CachedAsync(cache, running, cancellationToken);
        await QuarterlyReport.CachedAsync(cache, running, cancellationToken);
        return periods.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Reports:WarmUp", true))
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var started = time.GetTimestamp();
                var count = await WarmAsync(stoppingToken);
                var seconds = time.GetElapsedTime(started).TotalSeconds;
                LogWarmed(logger, count, seconds);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The pages compute what is missing themselves; the next round tries again.
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report figures of {Count} settled periods are kept ({Seconds:F1} s)")]
    private static partial void LogWarmed(ILogger logger, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keeping the figures of settled periods failed; trying again later")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
