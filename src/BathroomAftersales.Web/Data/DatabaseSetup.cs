using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace BathroomAftersales.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Empty for SQLite means App_Data/bathroom-aftersales.db under the content root.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>On by default for SQLite; servers are migrated with the idempotent scripts (see README).</summary>
    public bool? MigrateOnStartup { get; set; }

    public bool ShouldMigrateOnStartup => MigrateOnStartup ?? Provider == DatabaseProvider.Sqlite;

    /// <summary>
    /// SQLite's <c>synchronous</c> setting (ADR 0020): Normal (default) syncs the write-ahead log at checkpoints, so a
    /// commit survives the app's crash but the last ones may not survive the machine's; Full syncs at every commit.
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Normal;
}

public enum SqliteSynchronous
{
    Normal,
    Full,
}

public static class DatabaseSetup
{
    /// <summary>
    /// The most contexts an instance keeps for reuse: more than its busiest moment needs at once (the benchmark's 32
    /// connections borrow up to two each), few enough that the kept ones stay small in a 64 MB heap (ADR 0024). A
    /// request that finds none free gets a new one, disposed after it.
    /// </summary>
    public const int ContextPoolSize = 64;

    /// <summary>How long one statement of a migration applied at start-up may run.</summary>
    public static readonly TimeSpan MigrationCommandTimeout = TimeSpan.FromMinutes(30);

    public static DatabaseOptions AddAppDatabase(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = options.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (options.Provider != DatabaseProvider.Sqlite && !EF.IsDesignTime)
            {
                throw new InvalidOperationException($"Database:ConnectionString is required for {options.Provider}.");
            }

            // Creating or checking migrations needs no server: the design-time tools never connect.
            var dataFolder = Path.Combine(builder.Environment.ContentRootPath, "App_Data");
            Directory.CreateDirectory(dataFolder);
            connectionString = options.Provider switch
            {
                DatabaseProvider.SqlServer => "Server=127.0.0.1;Database=design-time",
                DatabaseProvider.PostgreSql => "Host=127.0.0.1;Database=design-time",
                _ => $"Data Source={Path.Combine(dataFolder, "bathroom-aftersales.db")}",
            };
        }

        if (options.Provider == DatabaseProvider.PostgreSql)
        {
            connectionString = WithPostgresDefaults(connectionString);
        }

        options.ConnectionString = connectionString;
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<SqliteWriteGate>();
        builder.Services.AddSingleton<AuditInterceptor>();
        builder.Services.AddSingleton<Infrastructure.Desk.QueueChanges>();
        builder.Services.AddSingleton<Infrastructure.Desk.QueueSummaryCache>();
        builder.Services.AddSingleton<Infrastructure.Desk.QueueChangeInterceptor>();

        // Contexts are pooled (ADR 0025): a request borrows one whose EF services are already built and gives it back
        // reset, instead of building them per request. So the options, and the interceptors in them, are the app's,
        // not a request's: nothing here may depend on a scoped service.
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.Services.AddDbContextPool<AppDbContext, SqliteAppDbContext>((sp, o) => o
                    .UseSqlite(connectionString)
                    .AddInterceptors(new SqlitePragmas(options.SqliteSynchronous))
                    .AddInterceptors(SaveInterceptors(sp)),
                    ContextPoolSize);
                break;
            case DatabaseProvider.SqlServer:
                builder.Services.AddDbContextPool<AppDbContext, SqlServerAppDbContext>((sp, o) => o
                    .UseSqlServer(connectionString, s => s.EnableRetryOnFailure())
                    .AddInterceptors(SaveInterceptors(sp)),
                    ContextPoolSize);
                break;
            case DatabaseProvider.PostgreSql:
                builder.Services.AddDbContextPool<AppDbContext, PostgresAppDbContext>((sp, o) => o
                    .UseNpgsql(connectionString, s => s.EnableRetryOnFailure())
                    .AddInterceptors(SaveInterceptors(sp)),
                    ContextPoolSize);
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {options.Provider}.");
        }

        return options;

        // Every provider: the audit rows in the same save, and the desk queue's kept header dropped by a save that touches it.
        static IInterceptor[] SaveInterceptors(IServiceProvider sp) =>
            [sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<Infrastructure.Desk.QueueChangeInterceptor>()];
    }

    /// <summary>
    /// The statements a PostgreSQL connection runs most are prepared on the server once and reused (Npgsql's
    /// <c>Max Auto Prepare</c>), which cut the server's CPU per submission by a third or more in the benchmark. A connection string that sets the
    /// option keeps its value: 0 turns it off, for a pooler that cannot carry prepared statements between clients.
    /// </summary>
    public static string WithPostgresDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare"))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = PostgresMaxAutoPrepare }.ConnectionString;
    }

    /// <summary>How many statements each PostgreSQL connection keeps prepared when the connection string is silent.</summary>
    public const int PostgresMaxAutoPrepare = 64;

    /// <summary>Applies pending migrations when configured to, and turns on SQLite's write-ahead log.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<DatabaseOptions>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers and a writer work at once and survives a crash mid-write; the mode persists in the file.
            // An in-memory database cannot use it and keeps its default.
            var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
            if (builder.Mode != SqliteOpenMode.Memory && !builder.DataSource.Contains("mode=memory", StringComparison.OrdinalIgnoreCase))
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
                try
                {
                    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                }
                finally
                {
                    await db.Database.CloseConnectionAsync();
                }
            }
        }

        if (options.ShouldMigrateOnStartup)
        {
            // A migration that fills a new column rewrites every row it concerns: at a million requests that takes
            // minutes on a server, far beyond the 30 s a page's command may take.
            db.Database.SetCommandTimeout(MigrationCommandTimeout);
            await db.Database.MigrateAsync(cancellationToken);
        }
    }
}
