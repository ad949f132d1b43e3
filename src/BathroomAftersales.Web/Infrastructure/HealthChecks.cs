using BathroomAftersales.Web.Data;

using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace BathroomAftersales.Web.Infrastructure;

public static class HealthChecks
{
    private const string Ready = "ready";

    public static void AddAppHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: [Ready]);

    /// <summary>/health/live answers while the process runs; /health/ready only while the database answers too.</summary>
    public static void MapAppHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous();
    }
}
