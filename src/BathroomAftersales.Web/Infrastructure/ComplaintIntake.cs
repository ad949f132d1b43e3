using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Infrastructure;

/// <summary>
/// Files a complaint once, however often its form arrives: a double tap, a browser retry or two posts at the same
/// moment. Complaints carry no idempotency key (ADR 0012 keys service requests), so a complaint counts as the same
/// when its customer, request, category and text match one received within <see cref="Window"/>. The check and the
/// insert run in one transaction that first takes a write lock on the customer's row (a no-op UPDATE: a row lock on
/// the server providers, the database write lock on SQLite), so two posts of one customer cannot both pass the check.
/// </summary>
public static class ComplaintIntake
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>Adds <paramref name="complaint"/> unless the same complaint is already on file; returns the id on file and whether it is new.</summary>
    public static Task<(int Id, bool Created)> ReceiveOnceAsync(AppDbContext db, Complaint complaint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(complaint);
        var since = complaint.ReceivedAt - Window;
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Customers.Where(c => c.Id == complaint.CustomerId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, c => c.Version), cancellationToken);
            var existing = await db.Complaints.AsNoTracking()
                .Where(c => c.CustomerId == complaint.CustomerId && c.ServiceRequestId == complaint.ServiceRequestId
                    && c.Category == complaint.Category && c.Description == complaint.Description && c.ReceivedAt >= since)
                .OrderBy(c => c.Id)
                .Select(c => (int?)c.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (existing is { } id)
            {
                await transaction.RollbackAsync(cancellationToken);
                return (id, false);
            }

            db.Complaints.Add(complaint);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (complaint.Id, true);
        });
    }
}
