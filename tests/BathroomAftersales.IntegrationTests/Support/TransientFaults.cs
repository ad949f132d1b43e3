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
/// Fails one chosen INSERT with a serialization failure (SQLSTATE 40001), which Npgsql reports as transient, so the
/// app's execution strategy retries the whole block it belongs to. Armed per test with <see cref="FailOnce"/>.
/// </summary>
public sealed class TransientFaultInjector : DbCommandInterceptor
{
    private readonly Lock _lock = new();
    private string? _insert;
    private int _remaining;

    /// <summary>How many faults were thrown since the last <see cref="FailOnce"/>.</summary>
    public int Injected { get; private set; }

    /// <summary>The <paramref name="nth"/> command inserting into <paramref name="table"/> from now on fails, once.</summary>
    public void FailOnce(string table, int nth = 1)
    {
        lock (_lock)
        {
            _insert = $"INSERT INTO \"{table}\"";
            _remaining = nth;
            Injected = 0;
        }
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

    private void Check(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        lock (_lock)
        {
            if (_insert is null || !command.CommandText.Contains(_insert, StringComparison.Ordinal) || --_remaining > 0)
            {
                return;
            }

            _insert = null;
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
