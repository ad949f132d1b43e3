using BathroomAftersales.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace BathroomAftersales.IntegrationTests.Support;

/// <summary>
/// The app on a fresh PostgreSQL database (ba_test_&lt;guid&gt;) on the server named by BA_TEST_POSTGRES, migrated on
/// startup and dropped on dispose. Tests using it start with <see cref="SkipUnlessAvailable"/>.
/// </summary>
public class PostgresAppFactory : AppFactory
{
    public const string EnvironmentVariable = "BA_TEST_POSTGRES";

    private bool _databaseRequested;

    public PostgresAppFactory()
    {
        DatabaseName = "ba_test_" + Guid.NewGuid().ToString("N");
    }

    /// <summary>The server connection string without a database, e.g. Host=127.0.0.1;Port=55432;Username=postgres;Password=postgres.</summary>
    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(EnvironmentVariable);

    public static bool IsAvailable => !string.IsNullOrEmpty(ServerConnectionString);

    public string DatabaseName { get; }

    /// <summary>Skips the calling test, visibly, when no PostgreSQL server is configured.</summary>
    public static void SkipUnlessAvailable() =>
        Skip.If(!IsAvailable, $"{EnvironmentVariable} not set: PostgreSQL tests skipped");

    protected override void ConfigureDatabase(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!IsAvailable)
        {
            throw new InvalidOperationException($"{EnvironmentVariable} is not set; call {nameof(SkipUnlessAvailable)}() first.");
        }

        _databaseRequested = true;
        builder.UseSetting("Database:Provider", nameof(DatabaseProvider.PostgreSql));
        builder.UseSetting("Database:ConnectionString", $"{ServerConnectionString};Database={DatabaseName}");
        builder.UseSetting("Database:MigrateOnStartup", "true");
    }

    protected override void CleanUp()
    {
        if (_databaseRequested)
        {
            NpgsqlConnection.ClearAllPools();
            var admin = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false };
            using var connection = new NpgsqlConnection(admin.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)";
            command.ExecuteNonQuery();
        }

        base.CleanUp();
    }
}
