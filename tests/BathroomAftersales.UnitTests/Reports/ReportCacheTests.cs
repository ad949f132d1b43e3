using BathroomAftersales.Web;
using BathroomAftersales.Web.Infrastructure.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace BathroomAftersales.UnitTests.Reports;

public sealed class ReportCacheTests
{
    // 1 June 2031, 08:00 in Shanghai: 2031-Q2 runs; 2031-Q1 ended 61 days ago, more than the 31 days after which it is settled.
    private static readonly DateTimeOffset Now = new(2031, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Period Running = Period.OfQuarter(2031, 2);
    private static readonly Period Settled = Period.OfQuarter(2031, 1);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly ReportCache _cache;
    private int _computations;

    public ReportCacheTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reports:OpenPeriodCacheSeconds"] = "60",
            ["Reports:SettledPeriodCacheSeconds"] = "900",
        }).Build();
        _cache = new ReportCache(new LocalClock(_time, configuration), configuration);
    }

    [Fact]
    public async Task Figures_are_kept_while_fresh_and_say_when_they_were_computed()
    {
        var first = await GetAsync(Running);
        _time.Advance(TimeSpan.FromSeconds(59));
        var second = await GetAsync(Running);

        Assert.Equal(1, _computations);
        Assert.Same(first, second);
        Assert.Equal(Now.UtcDateTime, second.ComputedAtUtc);
    }

    [Fact]
    public async Task Figures_of_a_running_period_are_computed_again_after_a_minute()
    {
        await GetAsync(Running);
        _time.Advance(TimeSpan.FromSeconds(60));
        var again = await GetAsync(Running);

        Assert.Equal(2, _computations);
        Assert.Equal(2, again.Value);
        Assert.Equal(Now.UtcDateTime.AddSeconds(60), again.ComputedAtUtc);
    }

    [Fact]
    public async Task Figures_of_a_settled_period_are_kept_for_fifteen_minutes()
    {
        await GetAsync(Settled);
        _time.Advance(TimeSpan.FromMinutes(14));
        await GetAsync(Settled);
        Assert.Equal(1, _computations);

        _time.Advance(TimeSpan.FromMinutes(1));
        await GetAsync(Settled);
        Assert.Equal(2, _computations);
    }

    [Fact]
    public async Task Periods_and_reports_are_kept_apart()
    {
        await GetAsync(Running);
        await GetAsync(Settled);
        await _cache.GetAsync("other", Running, _ => Task.FromResult(-1), CancellationToken.None);

        Assert.Equal(2, _computations);
    }

    [Fact]
    public async Task A_failed_computation_is_not_kept()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _cache.GetAsync<int>("scorecard", Running, _ => throw new InvalidOperationException("database down"), CancellationToken.None));

        var result = await GetAsync(Running);

        Assert.Equal(1, result.Value);
    }

    [Fact]
    public async Task Concurrent_requests_share_one_computation()
    {
        var release = new TaskCompletionSource<int>();
        var computations = 0;
        Task<int> Compute(CancellationToken _)
        {
            Interlocked.Increment(ref computations);
            return release.Task;
        }

        var first = _cache.GetAsync("scorecard", Running, Compute, CancellationToken.None);
        var second = _cache.GetAsync("scorecard", Running, Compute, CancellationToken.None);
        release.SetResult(7);

        Assert.Equal(7, (await first).Value);
        Assert.Equal(7, (await second).Value);
        Assert.Equal(1, computations);
    }

    [Fact]
    public async Task A_lifetime_of_zero_turns_caching_off()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reports:OpenPeriodCacheSeconds"] = "0",
            ["Reports:SettledPeriodCacheSeconds"] = "0",
        }).Build();
        var cache = new ReportCache(new LocalClock(_time, configuration), configuration);

        await cache.GetAsync("scorecard", Settled, Count, CancellationToken.None);
        await cache.GetAsync("scorecard", Settled, Count, CancellationToken.None);

        Assert.Equal(2, _computations);
    }

    private Task<Computed<int>> GetAsync(Period period) => _cache.GetAsync("scorecard", period, Count, CancellationToken.None);

    private Task<int> Count(CancellationToken cancellationToken) => Task.FromResult(Interlocked.Increment(ref _computations));
}
