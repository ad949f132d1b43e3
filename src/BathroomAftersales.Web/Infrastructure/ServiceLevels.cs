using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Infrastructure;

/// <summary>
/// The SLA targets in force: the Manager's settings row when there is one, else the "ServiceLevels" configuration
/// section, else the contract's defaults. Read once per request (scoped), so a page computes every due time from the
/// same targets even if a Manager saves new ones meanwhile.
/// </summary>
public sealed class ServiceLevelPolicyProvider(AppDbContext db, IConfiguration configuration)
{
    private ServiceLevelPolicy? _current;

    /// <summary>The targets before any Manager changed them.</summary>
    public ServiceLevelPolicy Fallback =>
        configuration.GetSection("ServiceLevels").Get<ServiceLevelPolicy>() ?? ServiceLevelPolicy.Default;

    public ServiceLevelPolicy Current() =>
        _current ??= db.ServiceLevelSettings.AsNoTracking()
            .Where(s => s.Id == ServiceLevelSettings.SingletonId)
            .AsEnumerable()
            .Select(s => s.ToPolicy())
            .FirstOrDefault() ?? Fallback;
}
