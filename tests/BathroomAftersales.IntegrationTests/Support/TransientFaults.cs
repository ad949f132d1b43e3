using System.Data.Common;
using BathroomAftersales.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BathroomAftersales.IntegrationTests.Support;

/// <summary>
/// Fails one chosen INSERT, UPDATE or COMMIT with a serialization failure (SQLSTATE 40001), which Npgsql reports as
/// transient, so the app's execution strategy retries the whole block it belongs to. Armed per test with
/// <see cref="FailOnce"/>, <see cref="FailOnceOnUpdate"/> or <see cref="FailOnceAtCommit"/>.
/// </summary>
public sealed class TransientFaultInjector : DbCommandInterceptor, IDbTransactionInterceptor
{
    private const string Commit = "COMMIT";
    private readonly Lock _lock = new();
    private string? _statement;
    private int _remaining;

    /// <summary>How many faults were thrown since the fault was armed.</summary>
    public int Injected { get; private set; }

    /// <summary>The <paramref name="nth"/> command inserting into <paramref name="table"/> from now on fails, once.</summary>
    public void FailOnce(string table, int nth = 1) => Arm($"INSERT INTO \"{table}\"", nth);

    /// <summary>The <paramref name="nth"/> command updating <paramref name="table"/> from now on fails, once.</summary>
    public void FailOnceOnUpdate(string table, int nth = 1) => Arm($"UPDATE \"{table}\"", nth);

    /// <summary>
    /// The <paramref name="nth"/> commit of a transaction from now on fails, once, before it reaches the server: the
    /// transaction is then rolled back, as after a serialization failure reported at commit.
    /// </summary>
    public void FailOnceAtCommit(int nth = 1) => Arm(Commit, nth);

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        Check(Commit);
        return result;
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Check(Commit);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    private void Arm(string statement, int nth)
    {
        lock (_lock)
        {
            _statement = statement;
            _remaining = nth;
            Injected = 0;
        }
    }

    private void Check(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Check(command.CommandText);
    }

    private void Check(string sql)
    {
        lock (_lock)
        {
            var matches = _statement == Commit ? sql == Commit : _statement is not null && sql.Contains(_statement, StringComparison.Ordinal);
            if (!matches || --_remaining > 0)
            {
                return;
            }

            _statement = null;
            Injected++;
        }

        throw new PostgresException("injected transient fault", "ERROR", "ERROR", PostgresErrorCodes.SerializationFailure);
    }
}

/// <summary>The app on PostgreSQL with <see cref="Faults"/> added to its DbContext's interceptors.</summary>
public sealed class TransientFaultAppFactory : PostgresAppFactory
{
    public TransientFaultInjector Faults { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<PostgresAppDbContext>((_, options) => options.AddInterceptors(Faults)));
    }
}
