using System.Data.Common;
using BathroomAftersales.Web.Data;

using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BathroomAftersales.Web.Infrastructure;

public static class HealthChecks
{
    /// <summary>A probe answers within this even when the database hangs: an unanswered probe tells a load balancer nothing.</summary>
    public static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(3);

    private const string Ready = "ready";

    public static void AddAppHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", HealthStatus.Unhealthy, [Ready], DatabaseTimeout);

    /// <summary>/health/live answers while the process runs; /health/ready only while the database answers too.</summary>
    public static void MapAppHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous();
    }
}

/// <summary>
/// Opens a connection and runs <c>SELECT 1</c>, once. Not through EF's execution strategy (as DbContext.CanConnectAsync
/// is): with retries on failure a probe would wait a minute for a database that is down instead of answering 503 now.
/// </summary>
internal sealed class DatabaseReadyCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (DbException exception)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The database does not answer.", exception);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }
}
