using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Infrastructure;

/// <summary>
/// The SLA targets in force: the Manager's settings row when there is one, else the "ServiceLevels" configuration
/// section, else the contract's defaults. Read once per request (scoped), so a page computes every due time from the
/// same targets even if a Manager saves new ones meanwhile. The row itself is kept by <see cref="ServiceLevelPolicyCache"/>
/// for a few seconds: every request form and desk page asks for it.
/// </summary>
public sealed class ServiceLevelPolicyProvider(AppDbContext db, IConfiguration configuration, ServiceLevelPolicyCache cache)
{
    private ServiceLevelPolicy? _current;

    /// <summary>The targets before any Manager changed them.</summary>
    public ServiceLevelPolicy Fallback =>
        configuration.GetSection("ServiceLevels").Get<ServiceLevelPolicy>() ?? ServiceLevelPolicy.Default;

    public ServiceLevelPolicy Current() =>
        _current ??= cache.Get(() => db.ServiceLevelSettings.AsNoTracking()
            .Where(s => s.Id == ServiceLevelSettings.SingletonId)
            .AsEnumerable()
            .Select(s => s.ToPolicy())
            .FirstOrDefault()) ?? Fallback;

    /// <summary>A Manager saved new targets through this instance: the next request reads them.</summary>
    public void Changed() => cache.Changed();
}

/// <summary>
/// The Manager's SLA settings row, kept for at most <see cref="MaxAge"/> per instance. A save through this instance
/// drops it at once (<see cref="ServiceLevelPolicyProvider.Changed"/>); another instance's save applies here within
/// <see cref="MaxAge"/>.
/// </summary>
public sealed class ServiceLevelPolicyCache(TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly KeptValue<ServiceLevelPolicy?> _kept = new(time, MaxAge);
    private long _version;

    public void Changed() => Interlocked.Increment(ref _version);

    /// <summary>The kept row's targets (null: no row), or <paramref name="read"/>'s when none is kept or it is too old.</summary>
    public ServiceLevelPolicy? Get(Func<ServiceLevelPolicy?> read) => _kept.Get(Interlocked.Read(ref _version), read);
}
