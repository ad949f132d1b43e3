using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Data;

public static class TransactionExtensions
{
    /// <summary>
    /// Runs several saves (an account, its role, its customer record) as one: all of them or none. Goes through the
    /// provider's execution strategy, which the server providers need for retries on transient faults.
    /// </summary>
    /// <remarks>
    /// After a transient fault <paramref name="work"/> runs again, whole, after the rollback. It must therefore build
    /// the entities it saves itself, on each run: one saved by the failed attempt keeps its key and its saved state, and
    /// is then skipped or inserted with a key the database no longer has (SQL Server refuses that). The tracker is not
    /// cleared here because callers still change entities loaded before the call (see docs/architecture.md).
    /// </remarks>
    public static Task<IdentityResult> InTransactionAsync(this AppDbContext db, Func<Task<IdentityResult>> work)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var result = await work();
            if (result.Succeeded)
            {
                await transaction.CommitAsync();
            }
            else
            {
                await transaction.RollbackAsync();
                db.ChangeTracker.Clear();
            }

            return result;
        });
    }

    /// <summary>Runs <paramref name="work"/> in one transaction through the execution strategy: all of it or none.</summary>
    /// <remarks>A retry runs <paramref name="work"/> again, whole: the same rule as the other overload applies.</remarks>
    public static Task InTransactionAsync(this AppDbContext db, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await work();
            await transaction.CommitAsync();
        });
    }
}
