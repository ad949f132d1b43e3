using System.Collections.Concurrent;

namespace BathroomAftersales.Web.Infrastructure.Reports;

/// <summary>A computed report with the time it was computed, so the page can say how fresh its figures are.</summary>
public sealed record Computed<T>(T Value, DateTime ComputedAtUtc);

/// <summary>
/// Keeps computed report figures for a short while, per app instance, so a manager paging between reports does not
/// recompute a million-row aggregate on every click. A period still running (or ended less than
/// <see cref="SettledAfter"/> ago: requests can be reopened, complaints resolved late) is kept for
/// <c>Reports:OpenPeriodCacheSeconds</c> (60 by default); a settled period for <c>Reports:SettledPeriodCacheSeconds</c>
/// (900). Zero turns caching off. Expiry is read from the injected clock, so tests control it.
/// <para>
/// The figures of a settled period are also kept in the database (<see cref="ReportSnapshotStore"/>, ADR 0018) when the
/// cache has a scope factory and <c>Reports:KeepSettledFigures</c> is on (the default): computed once, then read by
/// every instance and after every restart, until a manager asks for them to be computed again (<see cref="ForgetAsync"/>).
/// </para>
/// </summary>
public sealed class ReportCache(LocalClock clock, IConfiguration configuration, IServiceScopeFactory? scopes = null)
{
    /// <summary>How long after its end a period's figures may still change: the reopen window and then some.</summary>
    public static readonly TimeSpan SettledAfter = TimeSpan.FromDays(31);

    private readonly ConcurrentDictionary<string, Lazy<Task<Kept>>> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _openLifetime = TimeSpan.FromSeconds(configuration.GetValue("Reports:OpenPeriodCacheSeconds", 60));
    private readonly TimeSpan _settledLifetime = TimeSpan.FromSeconds(configuration.GetValue("Reports:SettledPeriodCacheSeconds", 900));
    private readonly bool _keepSettled = configuration.GetValue("Reports:KeepSettledFigures", true) && scopes is not null;

    /// <summary>Whether <paramref name="period"/> ended long enough ago that its figures no longer change.</summary>
    public bool IsSettled(Period period) => period.EndUtc(clock.TimeZone) + SettledAfter <= clock.UtcNow;

    /// <summary>
    /// Like <see cref="GetAsync{T}(string, Period, Func{CancellationToken, Task{T}}, CancellationToken)"/>, computed by
    /// a <typeparamref name="TService"/> of its own DI scope (its own database connection): several periods can then be
    /// computed at once, and a computation other requests wait for does not depend on the request that started it.
    /// </summary>
    public Task<Computed<T>> GetAsync<TService, T>(
        string report, Period period, Func<TService, Period, CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(compute);
        var factory = scopes ?? throw new InvalidOperationException("This cache was made without a scope factory.");
        return GetAsync(report, period, async token =>
        {
            await using var scope = factory.CreateAsyncScope();
            return await compute(scope.ServiceProvider.GetRequiredService<TService>(), period, token);
        }, cancellationToken);
    }

    /// <summary>
    /// The figures of <paramref name="report"/> for <paramref name="period"/>: kept ones while fresh, otherwise
    /// <paramref name="compute"/>d (once, however many requests ask at the same moment). A failed computation is not kept.
    /// </summary>
    public async Task<Computed<T>> GetAsync<T>(string report, Period period, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var settled = IsSettled(period);
        Func<CancellationToken, Task<Computed<T>>> load = settled && _keepSettled
            ? token => KeptOrComputedAsync(ReportSnapshotStore.KeyOf(report, period), compute, token)
            : async token => new Computed<T>(await compute(token), clock.UtcNow);
        var lifetime = settled ? _settledLifetime : _openLifetime;
        if (lifetime <= TimeSpan.Zero)
        {
            return await load(cancellationToken);
        }

        var key = report + "|" + period;
        while (true)
        {
            var entry = _entries.GetOrAdd(key, _ => new Lazy<Task<Kept>>(async () =>
                new Kept(await load(CancellationToken.None), clock.UtcNow)));
            Kept kept;
            try
            {
                kept = await entry.Value.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _entries.TryRemove(new KeyValuePair<string, Lazy<Task<Kept>>>(key, entry));
                throw;
            }

            if (clock.UtcNow - kept.KeptAtUtc < lifetime)
            {
                return (Computed<T>)kept.Figures;
            }

            _entries.TryRemove(new KeyValuePair<string, Lazy<Task<Kept>>>(key, entry));
        }
    }

    /// <summary>
    /// Forgets every report's figures of <paramref name="period"/>, in this instance and in the database, so that the
    /// next view computes them from the records (after a late correction to a settled period). Other instances drop
    /// their copy when it expires.
    /// </summary>
    public async Task ForgetAsync(Period period, CancellationToken cancellationToken)
    {
        var suffix = "|" + period;
        foreach (var key in _entries.Keys.Where(k => k.EndsWith(suffix, StringComparison.Ordinal)))
        {
            _entries.TryRemove(key, out _);
        }

        if (scopes is not null)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReportSnapshotStore>().ForgetAsync(period, cancellationToken);
        }
    }

    private async Task<Computed<T>> KeptOrComputedAsync<T>(string key, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
    {
        await using var scope = scopes!.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ReportSnapshotStore>();
        if (await store.ReadAsync<T>(key, cancellationToken) is { } kept)
        {
            return kept;
        }

        var computed = new Computed<T>(await compute(cancellationToken), clock.UtcNow);
        await store.WriteAsync(key, computed, cancellationToken);
        return computed;
    }

    /// <summary>Figures (a <see cref="Computed{T}"/>) and when this instance took them, which is what expiry counts from.</summary>
    private sealed record Kept(object Figures, DateTime KeptAtUtc);
}
