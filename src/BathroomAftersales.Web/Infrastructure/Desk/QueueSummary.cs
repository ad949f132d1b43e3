using System.Data.Common;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.Notifications;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Domain.Technicians;
using BathroomAftersales.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BathroomAftersales.Web.Infrastructure.Desk;

/// <summary>The desk queue's header: open requests per status, open emergencies, and the technicians of its filter.</summary>
public sealed record QueueSummary(IReadOnlyDictionary<RequestStatus, int> Counts, int OpenEmergencies, IReadOnlyList<QueueTechnician> Technicians)
{
    public static async Task<QueueSummary> ReadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);

        // The counts read one index each and never the table (at a million requests a table read here cost 0.4 s, see
        // docs/performance.md): "open" is exactly the open statuses, searched in the (Status, ResponseDueAt, Id) index,
        // and an open emergency is exactly QueueRank = Emergency.
        var counts = await db.ServiceRequests.AsNoTracking()
            .Where(r => new[]
            {
                RequestStatus.Submitted, RequestStatus.Acknowledged, RequestStatus.Scheduled,
                RequestStatus.InProgress, RequestStatus.Completed, RequestStatus.Reopened,
            }.Contains(r.Status))
            .GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var emergencies = counts.Count == 0
            ? 0
            : await db.ServiceRequests.CountAsync(r => r.QueueRank == ServiceRequest.QueueRankEmergency, cancellationToken);
        var technicians = await db.Technicians.AsNoTracking()
            .OrderBy(t => t.Name).Select(t => new QueueTechnician(t.Id, t.Name, t.Active))
            .ToListAsync(cancellationToken);
        return new QueueSummary(counts.ToDictionary(c => c.Key, c => c.Count), emergencies, technicians);
    }
}

public sealed record QueueTechnician(int Id, string Name, bool Active);

/// <summary>
/// Keeps the <see cref="QueueSummary"/> for at most <see cref="MaxAge"/> (ADR 0019). At a million requests the counts
/// read tens of thousands of index entries, a third of a queue page's work, and a busy desk asks for them on every page
/// view. A change of the queue saved through this instance (see <see cref="QueueChanges"/>) makes the kept summary
/// stale at once, so no one sees their own change late; another instance's change shows within <see cref="MaxAge"/>.
/// </summary>
public sealed class QueueSummaryCache(TimeProvider time, QueueChanges changes)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly KeptValue<QueueSummary> _kept = new(time, MaxAge);

    public Task<QueueSummary> GetAsync(AppDbContext db, CancellationToken cancellationToken) =>
        _kept.GetAsync(changes.Version, () => QueueSummary.ReadAsync(db, cancellationToken));
}

/// <summary>
/// Tells <see cref="QueueChanges"/> whenever a save adds, changes or removes what the desk queue's page shows: a request,
/// a technician, a customer, a notification (the badge in the navigation). It tells before the write and again after
/// it, or after the commit when the save is part of a longer transaction.
/// </summary>
public sealed class QueueChangeInterceptor(QueueChanges changes) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>The contexts whose current save or transaction touches the queue: told once more when that is done.</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _touching = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Done(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Done(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Done(eventData.Context);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Done(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData);
        return Task.CompletedTask;
    }

    private void Check(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is ServiceRequest or Technician or Customer or Notification))
        {
            changes.Changed();
            _touching.AddOrUpdate(context, context);
        }
    }

    /// <summary>
    /// Again after the write: a reader that read between the first notice and the write must not be kept. Inside a
    /// longer transaction the write is seen by others only at its commit, so the notice waits for that.
    /// </summary>
    private void Done(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null && _touching.Remove(context))
        {
            changes.Changed();
        }
    }

    private void Ended(TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && _touching.Remove(context))
        {
            changes.Changed();
        }
    }
}
