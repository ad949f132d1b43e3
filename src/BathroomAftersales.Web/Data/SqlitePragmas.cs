using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BathroomAftersales.Web.Data;

/// <summary>
/// Sets SQLite's per-connection <c>synchronous</c> mode on every connection the app opens (ADR 0020). The write-ahead
/// log itself is set once, in the file (<see cref="DatabaseSetup.PrepareDatabaseAsync"/>).
/// </summary>
public sealed class SqlitePragmas(SqliteSynchronous synchronous) : DbConnectionInterceptor
{
    private readonly string _pragma = $"PRAGMA synchronous={synchronous.ToString().ToUpperInvariant()};";

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
