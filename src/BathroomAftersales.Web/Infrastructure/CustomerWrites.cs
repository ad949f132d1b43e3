using BathroomAftersales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Infrastructure;

/// <summary>
/// Check-then-insert rules about one customer's records (the same complaint twice, overlapping contracts) that no
/// unique index can hold: run them one at a time per customer.
/// </summary>
public static class CustomerWrites
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction that first takes a write lock on the customer's row with a no-op
    /// UPDATE (a row lock on PostgreSQL and SQL Server, the database write lock on SQLite), held until commit: a second
    /// caller for the same customer waits and then sees what the first one saved. Goes through the execution strategy;
    /// an exception rolls everything back.
    /// </summary>
    public static Task<T> ForCustomerAsync<T>(this AppDbContext db, int customerId, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Customers.Where(c => c.Id == customerId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, c => c.Version), cancellationToken);
            var result = await work();
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }
}
