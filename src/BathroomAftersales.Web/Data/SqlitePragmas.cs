using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BathroomAftersales.Web.Data;

/// <summary>
/// Sets SQLite's per-connection <c>synchronous</c> mode and busy timeout on every connection the app opens (ADR 0020). The write-ahead
/// log itself is set once, in the file (<see cref="DatabaseSetup.PrepareDatabaseAsync"/>).
/// </summary>
public sealed class SqlitePragmas(SqliteSynchronous synchronous) : DbConnectionInterceptor
{
    /// <summary>
    /// Also a busy timeout: a writer that finds the database locked waits inside SQLite, which retries with sleeps
    /// growing from 1 ms to 100 ms, instead of returning "busy" to the ADO.NET provider and its own retry loop of 150 ms
    /// sleeps. The request forms do not wait here at all: they take turns in the process first (ADR 0022).
    /// </summary>
    private readonly string _pragma = $"PRAGMA synchronous={synchronous.ToString().ToUpperInvariant()}; PRAGMA busy_timeout=30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
