using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;

using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Storage.Internal.Mapping;

namespace BathroomAftersales.Web.Data.Generation;

/// <summary>
/// Writes rows with explicit ids straight to the tables EF maps, much faster than SaveChanges: COPY (binary) on
/// PostgreSQL, prepared multi-row INSERTs in one transaction per batch on SQLite, SqlBulkCopy on SQL Server.
/// Rows of one batch are written table by table in the order given, so foreign keys always point backwards.
/// </summary>
internal abstract class BulkWriter(AppDbContext db) : IAsyncDisposable
{
    protected AppDbContext Db { get; } = db;

    protected DbConnection Connection => Db.Database.GetDbConnection();

    public static BulkWriter Create(AppDbContext db, DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteBulkWriter(db),
        DatabaseProvider.PostgreSql => new PostgresBulkWriter(db),
        DatabaseProvider.SqlServer => new SqlServerBulkWriter(db),
        _ => throw new InvalidOperationException($"Unknown database provider {provider}."),
    };

    public virtual async Task BeginAsync(CancellationToken cancellationToken) => await Db.Database.OpenConnectionAsync(cancellationToken);

    public abstract Task WriteAsync(IReadOnlyList<(TableMap Table, IReadOnlyList<object> Rows)> batch, CancellationToken cancellationToken);

    /// <summary>After the load: identity sequences past the written ids, statistics for the planner.</summary>
    public abstract Task CompleteAsync(IEnumerable<TableMap> tables, CancellationToken cancellationToken);

    public virtual async ValueTask DisposeAsync()
    {
        await Db.Database.CloseConnectionAsync();
        GC.SuppressFinalize(this);
    }

    protected async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected static string Quote(string identifier, char open = '"', char close = '"') => open + identifier + close;
}

internal sealed class SqliteBulkWriter(AppDbContext db) : BulkWriter(db)
{
    // Microsoft.Data.Sqlite binds each parameter by name and SQLite finds a name by a linear search, so binding costs
    // grow with the square of the parameter count: a few rows per statement is fastest.
    private const int MaxParameters = 250;

    private readonly Dictionary<(string Table, int Rows), DbCommand> _commands = [];
    private string _synchronous = "2";

    public override async Task BeginAsync(CancellationToken cancellationToken)
    {
        await base.BeginAsync(cancellationToken);
        await using (var command = Connection.CreateCommand())
        {
            command.CommandText = "PRAGMA synchronous;";
            _synchronous = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) ?? "2";
        }

        // A generated database can simply be generated again: no fsync per transaction during the load.
        await ExecuteAsync("PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;", cancellationToken);
    }

    public override async Task WriteAsync(IReadOnlyList<(TableMap Table, IReadOnlyList<object> Rows)> batch, CancellationToken cancellationToken)
    {
        await using var transaction = await Connection.BeginTransactionAsync(cancellationToken);
        foreach (var (table, rows) in batch)
        {
            var perStatement = Math.Max(1, MaxParameters / table.Columns.Count);
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                var count = Math.Min(perStatement, rows.Count - start);
                var command = Command(table, count);
                command.Transaction = transaction;
                var parameters = command.Parameters;
                var p = 0;
                for (var i = start; i < start + count; i++)
                {
                    var row = rows[i];
                    foreach (var column in table.Columns)
                    {
                        parameters[p++].Value = column.Read(row) ?? DBNull.Value;
                    }
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public override async Task CompleteAsync(IEnumerable<TableMap> tables, CancellationToken cancellationToken)
    {
        // Rowid tables (no AUTOINCREMENT, so no sqlite_sequence) continue after the largest id by themselves.
        await ExecuteAsync($"PRAGMA synchronous={_synchronous}; PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private DbCommand Command(TableMap table, int rows)
    {
        if (_commands.TryGetValue((table.Table, rows), out var cached))
        {
            return cached;
        }

        var command = Connection.CreateCommand();
        var sql = new StringBuilder()
            .Append("INSERT INTO ").Append(Quote(table.Table)).Append(" (")
            .AppendJoin(", ", table.Columns.Select(c => Quote(c.Name)))
            .Append(") VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@p{r}_{c}");
                sql.Append(c == 0 ? name : ", " + name);

                // EF's own mapping configures the parameter (a Guid as TEXT, as EF writes it); values are set per row.
                command.Parameters.Add(table.Columns[c].Mapping.CreateParameter(command, name, null, nullable: true));
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        command.Prepare();
        _commands[(table.Table, rows)] = command;
        return command;
    }
}

internal sealed class PostgresBulkWriter(AppDbContext db) : BulkWriter(db)
{
    public override async Task WriteAsync(IReadOnlyList<(TableMap Table, IReadOnlyList<object> Rows)> batch, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)Connection;
        foreach (var (table, rows) in batch)
        {
            if (rows.Count == 0)
            {
                continue;
            }

            var copy = $"COPY {Quote(table.Table)} ({string.Join(", ", table.Columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
            await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                foreach (var column in table.Columns)
                {
                    var value = column.Read(row);
                    if (value is null)
                    {
                        await importer.WriteNullAsync(cancellationToken);
                    }
                    else if (column.Mapping is NpgsqlTypeMapping npgsql)
                    {
                        await importer.WriteAsync(value, npgsql.NpgsqlDbType, cancellationToken);
                    }
                    else
                    {
                        // Strings (varchar/text) and the other plain CLR mappings: Npgsql infers the type from the value.
                        await importer.WriteAsync(value, cancellationToken);
                    }
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }
    }

    public override async Task CompleteAsync(IEnumerable<TableMap> tables, CancellationToken cancellationToken)
    {
        foreach (var table in tables)
        {
            if (table.IdentityColumn is { } id)
            {
                var name = Quote(table.Table);
                await ExecuteAsync(
                    $"SELECT setval(pg_get_serial_sequence('{name}', '{id}'), COALESCE((SELECT MAX({Quote(id)}) FROM {name}), 0) + 1, false);",
                    cancellationToken);
            }

            // VACUUM as well: a bulk load leaves the visibility map empty, and without it the reports' index-only
            // scans would visit the table for every row (docs/performance.md).
            await ExecuteAsync($"VACUUM (ANALYZE) {Quote(table.Table)};", cancellationToken);
        }
    }
}

/// <summary>Not run on this project's machines (no SQL Server there); kept to the same shape as the other writers.</summary>
internal sealed class SqlServerBulkWriter(AppDbContext db) : BulkWriter(db)
{
    public override async Task WriteAsync(IReadOnlyList<(TableMap Table, IReadOnlyList<object> Rows)> batch, CancellationToken cancellationToken)
    {
        var connection = (SqlConnection)Connection;
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (table, rows) in batch)
        {
            using var data = new DataTable(table.Table) { Locale = CultureInfo.InvariantCulture };
            foreach (var column in table.Columns)
            {
                data.Columns.Add(column.Name, typeof(object));
            }

            foreach (var row in rows)
            {
                data.Rows.Add([.. table.Columns.Select(c => c.Read(row) switch
                {
                    null => DBNull.Value,
                    DateOnly date => date.ToDateTime(TimeOnly.MinValue),
                    var value => value,
                })]);
            }

            using var copy = new SqlBulkCopy(connection, SqlBulkCopyOptions.KeepIdentity | SqlBulkCopyOptions.CheckConstraints, transaction)
            {
                DestinationTableName = Quote(table.Table, '[', ']'),
                BatchSize = 0,
                BulkCopyTimeout = 0,
            };
            foreach (var column in table.Columns)
            {
                copy.ColumnMappings.Add(column.Name, column.Name);
            }

            await copy.WriteToServerAsync(data, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public override Task CompleteAsync(IEnumerable<TableMap> tables, CancellationToken cancellationToken) =>

        // KeepIdentity inserts move each IDENTITY's current value past the largest id written.
        Task.CompletedTask;
}
