using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BathroomAftersales.Web.Infrastructure.Notifications;

/// <summary>Configuration section "Escalation".</summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    public bool Enabled { get; set; } = true;

    public int IntervalSeconds { get; set; } = 60;

    public int BatchSize { get; set; } = 200;
}

/// <summary>
/// Flags requests whose response or completion target was missed, and complaints whose acknowledge or resolve deadline
/// was missed, records the escalation on the timeline and tells the managers: once per breach. The request's own mark (ResponseEscalatedAt / CompletionEscalatedAt) and its
/// concurrency token make it safe to run as often as wanted and on several instances: the instance that saves second
/// gets a conflict and skips the request, which the first one already reported.
/// </summary>
public sealed partial class EscalationJob(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<EscalationOptions> options,
    ILogger<EscalationJob> logger) : BackgroundService
{
    /// <summary>One pass over the overdue requests and complaints; returns how many breaches were escalated.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken) =>
        await RequestsOnceAsync(cancellationToken) + await ComplaintsOnceAsync(cancellationToken);

    private async Task<int> ComplaintsOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        List<int> ids;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            ids = await db.Complaints.AsNoTracking()
                .Where(c => c.Status == ComplaintStatus.Received || c.Status == ComplaintStatus.Acknowledged || c.Status == ComplaintStatus.Investigating)
                .Where(c => (c.AcknowledgedAt == null && c.AcknowledgeEscalatedAt == null && c.AcknowledgeBy < now)
                    || (c.ResolveEscalatedAt == null && c.ResolveBy < now))
                .OrderBy(c => c.Id)
                .Select(c => c.Id)
                .Take(Math.Max(1, options.Value.BatchSize))
                .ToListAsync(cancellationToken);
        }

        var escalated = 0;
        foreach (var id in ids)
        {
            escalated += await EscalateComplaintAsync(id, now, cancellationToken);
        }

        return escalated;
    }

    private async Task<int> EscalateComplaintAsync(int id, DateTime now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var notifier = scope.ServiceProvider.GetRequiredService<INotificationService>();
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (complaint is null)
        {
            return 0;
        }

        var count = 0;
        if (complaint.EscalateAcknowledgeIfOverdue(now))
        {
            await notifier.ComplaintEscalated(complaint, ComplaintEscalationKind.Acknowledge, cancellationToken);
            count++;
        }

        if (complaint.EscalateResolveIfOverdue(now))
        {
            await notifier.ComplaintEscalated(complaint, ComplaintEscalationKind.Resolve, cancellationToken);
            count++;
        }

        if (count == 0)
        {
            return 0;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            LogEscalated(logger, complaint.Number, count);
            return count;
        }
        catch (DbUpdateException exception)
        {
            LogConflict(logger, exception, complaint.Number);
            return 0;
        }
    }

    private async Task<int> RequestsOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        List<int> ids;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            ids = await db.ServiceRequests.AsNoTracking()
                .Where(r => r.Status != RequestStatus.Closed && r.Status != RequestStatus.Cancelled)
                .Where(r => (r.RespondedAt == null && r.ResponseEscalatedAt == null && r.ResponseDueAt < now)
                    || (r.CompletedAt == null && r.CompletionEscalatedAt == null && r.CompletionDueAt < now))
                .OrderBy(r => r.Id)
                .Select(r => r.Id)
                .Take(Math.Max(1, options.Value.BatchSize))
                .ToListAsync(cancellationToken);
        }

        var escalated = 0;
        foreach (var id in ids)
        {
            escalated += await EscalateAsync(id, now, cancellationToken);
        }

        return escalated;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.IntervalSeconds));
        await PeriodicRounds.RunAsync(RunOnceAsync, interval, time, exception => LogRoundFailed(logger, exception), stoppingToken);
    }

    /// <summary>One request in a scope of its own, so a conflict on it leaves the others untouched.</summary>
    private async Task<int> EscalateAsync(int id, DateTime now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var notifier = scope.ServiceProvider.GetRequiredService<INotificationService>();
        var request = await db.ServiceRequests.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return 0;
        }

        var count = 0;
        if (request.EscalateResponseIfOverdue(now))
        {
            await notifier.RequestEscalated(request, EscalationKind.Response, cancellationToken);
            count++;
        }

        if (request.EscalateCompletionIfOverdue(now))
        {
            await notifier.RequestEscalated(request, EscalationKind.Completion, cancellationToken);
            count++;
        }

        if (count == 0)
        {
            return 0;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            LogEscalated(logger, request.Number, count);
            return count;
        }
        catch (DbUpdateException exception)
        {
            // Another instance escalated (or staff changed) the request meanwhile: its mark or its message is already
            // there; the next round looks again with fresh data.
            LogConflict(logger, exception, request.Number);
            return 0;
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Escalated {Count} missed target(s) of {Number}")]
    private static partial void LogEscalated(ILogger logger, string number, int count);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Escalation of {Number} skipped: changed by someone else")]
    private static partial void LogConflict(ILogger logger, Exception exception, string number);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "Escalation round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
