using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.Contracts;
using BathroomAftersales.Domain.ServiceRequests;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Data;

/// <summary>
/// Hands out SR-yyyyMMdd-NNNN request numbers, CP-yyyyMMdd-NNNN complaint numbers, INV-yyyyMM-NNNNN invoice numbers and SC-yyyy-NNNNN contract numbers, the date being the local
/// (Shanghai) day. Each number is taken by its own short increment of the counter in the database, so
/// concurrent submissions on several instances never share one. A number taken by a submission that then fails is simply skipped:
/// gaps are fine, duplicates are not.
/// </summary>
public sealed class RequestNumberAllocator(IServiceScopeFactory scopes, LocalClock clock, SqliteWriteGate writes)
{
    private const int MaxAttempts = 20;

    public Task<string> NextAsync(CancellationToken cancellationToken = default) => NextAsync(clock.Today, cancellationToken);

    /// <summary>The next number for a given local day (imports and demo data keep the day a request was made).</summary>
    public async Task<string> NextAsync(DateOnly day, CancellationToken cancellationToken = default) =>
        RequestNumber.Format(day, await NextValueAsync(RequestNumber.Scope(day), cancellationToken));

    public Task<string> NextInvoiceNumberAsync(CancellationToken cancellationToken = default) =>
        NextInvoiceNumberAsync(clock.Today, cancellationToken);

    /// <summary>The next invoice number of the local month of <paramref name="day"/>.</summary>
    public async Task<string> NextInvoiceNumberAsync(DateOnly day, CancellationToken cancellationToken = default) =>
        InvoiceNumber.Format(day, await NextValueAsync(InvoiceNumber.Scope(day), cancellationToken));

    /// <summary>The next service contract number of the current local year.</summary>
    public async Task<string> NextContractNumberAsync(CancellationToken cancellationToken = default) =>
        ContractNumber.Format(clock.Today, await NextValueAsync(ContractNumber.Scope(clock.Today), cancellationToken));

    /// <summary>The next CP-yyyyMMdd-NNNN complaint number of the local day.</summary>
    public async Task<string> NextComplaintNumberAsync(CancellationToken cancellationToken = default) =>
        ComplaintNumber.Format(clock.Today, await NextValueAsync(ComplaintNumber.Scope(clock.Today), cancellationToken));

    private async Task<int> NextValueAsync(string key, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // A fresh context per attempt: the caller's context stays untouched and a failed attempt leaves nothing behind.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            try
            {
                using var passage = await writes.EnterAsync(cancellationToken);
                return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
                {
                    db.ChangeTracker.Clear();
                    if (await IncrementAsync(db, key, cancellationToken) is { } next)
                    {
                        return next;
                    }

                    // The first number of its scope (a new day, month or year).
                    db.NumberSequences.Add(new NumberSequence { Scope = key, LastValue = 1 });
                    await db.SaveChangesAsync(cancellationToken);
                    return 1;
                });
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // The first number of a new day, started by two submissions at once: the primary key let one in; the
                // other increments the row it made.
            }
        }
    }

    /// <summary>Adds one to the counter of <paramref name="key"/> and returns the new value; null when it has no counter yet.</summary>
    private static async Task<int?> IncrementAsync(AppDbContext db, string key, CancellationToken cancellationToken)
    {
        // SQLite and PostgreSQL: one statement increments the counter and hands back the new value, one round trip and
        // no transaction of its own (the statement is atomic).
        if (!db.Database.IsSqlServer())
        {
            var taken = await db.Database
                .SqlQuery<int>($"UPDATE \"NumberSequences\" SET \"LastValue\" = \"LastValue\" + 1 WHERE \"Scope\" = {key} RETURNING \"LastValue\" AS \"Value\"")
                .ToListAsync(cancellationToken);
            return taken is [var next] ? next : null;
        }

        // SQL Server: the increment, read back inside the same transaction: the row stays locked by this transaction until
        // it commits, so no other submission can take or see the value in between. (Read, add one and save with a
        // concurrency check made 32 simultaneous submissions retry each other.)
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var incremented = await db.NumberSequences
            .Where(s => s.Scope == key)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastValue, x => x.LastValue + 1).SetProperty(x => x.Version, Guid.NewGuid()), cancellationToken);
        if (incremented == 0)
        {
            return null;
        }

        var value = await db.NumberSequences.Where(s => s.Scope == key).Select(s => s.LastValue).SingleAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return value;
    }
}
