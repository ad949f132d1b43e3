using System.Globalization;
using System.Text.RegularExpressions;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web;
using BathroomAftersales.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace BathroomAftersales.IntegrationTests.Data;

public sealed partial class RequestNumberTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Twenty_parallel_allocations_on_SQLite_give_twenty_distinct_numbers_of_the_day()
    {
        var today = factory.Services.GetRequiredService<LocalClock>().Today;

        var numbers = await RequestNumbers.AllocateInParallelAsync(factory.Services, 20);

        Assert.Equal(20, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.Matches(NumberFormat(), n));
        Assert.All(numbers, n => Assert.StartsWith($"SR-{today.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-", n, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Twenty_parallel_first_allocations_of_a_new_day_give_twenty_distinct_numbers()
    {
        // No sequence row exists yet for the day: all twenty race to insert it, and the losers must retry.
        factory.EnsureStarted();
        factory.Time.Advance(TimeSpan.FromDays(30));
        var today = factory.Services.GetRequiredService<LocalClock>().Today;

        var numbers = await RequestNumbers.AllocateInParallelAsync(factory.Services, 20);

        var day = today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        Assert.Equal(
            Enumerable.Range(1, 20).Select(n => $"SR-{day}-{n:D4}"),
            numbers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Numbers_follow_the_Shanghai_calendar_day_and_restart_each_day()
    {
        // 16:30 UTC is 00:30 the next day in Shanghai: a new day, a new sequence. (Started first: the demo data takes
        // numbers of the day the app starts on.)
        factory.EnsureStarted();
        var utcDay = factory.Time.GetUtcNow().UtcDateTime.Date.AddDays(3);
        factory.Time.SetUtcNow(new DateTimeOffset(utcDay.AddHours(16).AddMinutes(30), TimeSpan.Zero));
        var shanghaiDay = utcDay.AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        await using var scope = factory.OpenDb();
        var allocator = scope.Get<RequestNumberAllocator>();

        var first = await allocator.NextAsync();
        var second = await allocator.NextAsync();

        Assert.Equal($"SR-{shanghaiDay}-0001", first);
        Assert.Equal($"SR-{shanghaiDay}-0002", second);
    }

    [GeneratedRegex(@"^SR-\d{8}-\d{4}$")]
    private static partial Regex NumberFormat();
}

public static class RequestNumbers
{
    /// <summary>Runs <paramref name="count"/> allocations at once, each in its own DI scope like concurrent requests.</summary>
    public static async Task<string[]> AllocateInParallelAsync(IServiceProvider services, int count)
    {
        using var start = new SemaphoreSlim(0, count);
        var tasks = Enumerable.Range(0, count).Select(_ => Task.Run(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            var allocator = scope.ServiceProvider.GetRequiredService<RequestNumberAllocator>();
            await start.WaitAsync();
            return await allocator.NextAsync();
        })).ToList();
        start.Release(count);
        return await Task.WhenAll(tasks);
    }
}
