using BathroomAftersales.Web.Data;

namespace BathroomAftersales.IntegrationTests.Support;

/// <summary>
/// The app on a fresh PostgreSQL database (ba_test_&lt;guid&gt;) on the server named by BA_TEST_POSTGRES, migrated on
/// startup and dropped on dispose, whatever BA_TEST_PROVIDER says. Tests using it start with <see cref="SkipUnlessAvailable"/>.
/// </summary>
public class PostgresAppFactory : AppFactory
{
    public const string EnvironmentVariable = "BA_TEST_POSTGRES";

    public PostgresAppFactory()
    {
    }

    /// <summary>Another app instance on the database of <paramref name="first"/>: two instances behind one load balancer.</summary>
    protected PostgresAppFactory(PostgresAppFactory first)
        : base(first?.DatabaseName ?? throw new ArgumentNullException(nameof(first)))
    {
    }

    /// <summary>The server connection string without a database, e.g. Host=127.0.0.1;Port=55432;Username=postgres;Password=postgres.</summary>
    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(EnvironmentVariable);

    public static bool IsAvailable => !string.IsNullOrEmpty(ServerConnectionString);

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public string DatabaseName => PostgresDatabaseName;

    /// <summary>Skips the calling test, visibly, when no PostgreSQL server is configured.</summary>
    public static void SkipUnlessAvailable() =>
        Skip.If(!IsAvailable, $"{EnvironmentVariable} not set: PostgreSQL tests skipped");
}
