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
    /// After a transient fault <paramref name="work"/> runs again, whole, after the rollback, and each attempt starts
    /// from an empty change tracker: whatever an earlier attempt saved, added or changed (an account
    /// <see cref="UserManager{TUser}"/> created, audit rows, a record marked saved with a key the database no longer
    /// has) is forgotten. <paramref name="work"/> must therefore load, build and change the entities it saves itself,
    /// on each run; an entity loaded or changed before the call is no longer tracked inside it and its changes are
    /// not saved.
    /// </remarks>
    public static Task<IdentityResult> InTransactionAsync(this AppDbContext db, Func<Task<IdentityResult>> work)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
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
    /// <remarks>
    /// Each attempt starts from an empty change tracker and a retry runs <paramref name="work"/> again, whole: the same
    /// rule as the other overload applies (load and change the entities inside <paramref name="work"/>).
    /// </remarks>
    public static Task InTransactionAsync(this AppDbContext db, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await work();
            await transaction.CommitAsync();
        });
    }
}
