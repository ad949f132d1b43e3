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
/// </summary>
public sealed class ReportCache(LocalClock clock, IConfiguration configuration, IServiceScopeFactory? scopes = null)
{
    /// <summary>How long after its end a period's figures may still change: the reopen window and then some.</summary>
    public static readonly TimeSpan SettledAfter = TimeSpan.FromDays(31);

    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _openLifetime = TimeSpan.FromSeconds(configuration.GetValue("Reports:OpenPeriodCacheSeconds", 60));
    private readonly TimeSpan _settledLifetime = TimeSpan.FromSeconds(configuration.GetValue("Reports:SettledPeriodCacheSeconds", 900));

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
        var lifetime = period.EndUtc(clock.TimeZone) + SettledAfter <= clock.UtcNow ? _settledLifetime : _openLifetime;
        if (lifetime <= TimeSpan.Zero)
        {
            return new Computed<T>(await compute(cancellationToken), clock.UtcNow);
        }

        var key = report + "|" + period;
        while (true)
        {
            var entry = _entries.GetOrAdd(key, _ => new Lazy<Task<object>>(async () =>
                new Computed<T>(await compute(CancellationToken.None), clock.UtcNow)));
            Computed<T> result;
            try
            {
                result = (Computed<T>)await entry.Value.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _entries.TryRemove(new KeyValuePair<string, Lazy<Task<object>>>(key, entry));
                throw;
            }

            if (clock.UtcNow - result.ComputedAtUtc < lifetime)
            {
                return result;
            }

            _entries.TryRemove(new KeyValuePair<string, Lazy<Task<object>>>(key, entry));
        }
    }
}
