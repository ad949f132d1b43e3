using BathroomAftersales.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;

namespace BathroomAftersales.IntegrationTests.Reliability;

/// <summary>
/// Two instances of the app on one PostgreSQL database, as behind a load balancer: <see cref="First"/> migrates and
/// seeds the demo data, <see cref="Second"/> starts after it on the same database with a clock, log folder and mail
/// pickup folder of its own. Nothing is started without BA_TEST_POSTGRES (the tests then skip, visibly).
/// </summary>
public sealed class TwoInstancesFixture : IAsyncLifetime, IDisposable
{
    private PostgresAppFactory? _first;
    private SecondInstance? _second;

    public PostgresAppFactory First => _first ?? throw new InvalidOperationException("No PostgreSQL server: call PostgresAppFactory.SkipUnlessAvailable() first.");

    public PostgresAppFactory Second => _second ?? throw new InvalidOperationException("No PostgreSQL server: call PostgresAppFactory.SkipUnlessAvailable() first.");

    /// <summary>Sets both instances' clocks to the same moment, as NTP does for real servers.</summary>
    public void AlignClocks()
    {
        // Fake clocks only move forward: both go to the later one.
        var now = First.Time.GetUtcNow() > Second.Time.GetUtcNow() ? First.Time.GetUtcNow() : Second.Time.GetUtcNow();
        foreach (var clock in new[] { First.Time, Second.Time })
        {
            if (clock.GetUtcNow() < now)
            {
                clock.SetUtcNow(now);
            }
        }
    }

    /// <summary>Moves both instances' clocks forward.</summary>
    public void Advance(TimeSpan by)
    {
        First.Time.Advance(by);
        AlignClocks();
    }

    public Task InitializeAsync()
    {
        if (!PostgresAppFactory.IsAvailable)
        {
            return Task.CompletedTask;
        }

        _first = new PostgresAppFactory();
        _first.EnsureStarted();
        _second = new SecondInstance(_first);
        _second.EnsureStarted();
        AlignClocks();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        // The second instance first: the first one made the database and drops it.
        _second?.Dispose();
        _first?.Dispose();
    }

    private sealed class SecondInstance(PostgresAppFactory first) : PostgresAppFactory(first)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);

            // The first instance seeded the database; the migrations find nothing to do.
            builder.UseSetting("Seed:DemoData", "false");
        }
    }
}
