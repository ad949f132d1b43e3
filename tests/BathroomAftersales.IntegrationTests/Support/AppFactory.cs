using System.Runtime.CompilerServices;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace BathroomAftersales.IntegrationTests.Support;

/// <summary>
/// The real app in the Development environment (so the demo data is seeded) on its own SQLite file, with a fake clock
/// and its log file and uploads in a temporary folder. One instance per test class (IClassFixture); everything it wrote is deleted
/// on dispose. With BA_TEST_PROVIDER=PostgreSql every factory runs on a fresh PostgreSQL database on the server named by
/// BA_TEST_POSTGRES instead (ba_test_&lt;guid&gt;, migrated on startup, dropped on dispose): scripts/test.sh runs the
/// suite both ways.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    /// <summary>Sqlite (default) or PostgreSql: the database every factory of this test run uses.</summary>
    public const string ProviderVariable = "BA_TEST_PROVIDER";

    private static readonly ConditionalWeakTable<HttpClient, AppFactory> Browsers = new();

    private bool _cleanedUp;
    private bool _postgresDatabaseRequested;
    private readonly bool _ownsPostgresDatabase = true;

    public AppFactory()
    {
        Folder = Path.Combine(Path.GetTempPath(), "ba-integration-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);

        // A browser: no automatic redirects (tests assert on them), cookies kept, https like production.
        ClientOptions.AllowAutoRedirect = false;
        ClientOptions.HandleCookies = true;
        ClientOptions.BaseAddress = new Uri("https://localhost");
    }

    /// <summary>A second instance of the app on the PostgreSQL database <paramref name="postgresDatabaseName"/> of another factory.</summary>
    protected AppFactory(string postgresDatabaseName)
        : this()
    {
        PostgresDatabaseName = postgresDatabaseName;
        _ownsPostgresDatabase = false;
    }

    /// <summary>
    /// The app's clock. Starts at the real time so demo data looks current; tests move it forward. It starts on a whole
    /// second: PostgreSQL keeps microseconds, not .NET's 100 ns ticks, and tests compare stored times with this clock.
    /// </summary>
    public FakeTimeProvider Time { get; } = new(WholeSecond(TimeProvider.System.GetUtcNow()));

    /// <summary>A temporary folder of this factory alone: the database, the logs and the uploads live here.</summary>
    protected string Folder { get; }

    /// <summary>Where the app stores uploaded photos (Files:Root): inside <see cref="Folder"/>, never under src/.</summary>
    public string FilesRoot => Path.Combine(Folder, "files");

    /// <summary>Where the outbox sender writes .eml files in tests (Email:PickupDirectory).</summary>
    public string MailPickup => Path.Combine(Folder, "mail-pickup");

    /// <summary>Where the app's rolling log files go in tests.</summary>
    public string LogFolder => Path.Combine(Folder, "logs");

    protected virtual string EnvironmentName => "Development";

    /// <summary>Whether settled periods' report figures are kept in the database (ADR 0018); off unless a test is about it.</summary>
    protected virtual bool KeepSettledFigures => false;

    /// <summary>The provider chosen for this test run by BA_TEST_PROVIDER, read once.</summary>
    public static DatabaseProvider RunProvider { get; } = ReadRunProvider();

    /// <summary>The database this factory runs on: <see cref="RunProvider"/> unless a subclass insists on one.</summary>
    public virtual DatabaseProvider Provider => RunProvider;

    /// <summary>The PostgreSQL database of this factory (created on startup, dropped on dispose) when it runs on PostgreSQL.</summary>
    public string PostgresDatabaseName { get; } = "ba_test_" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// Skips the calling test, visibly, unless this factory runs on SQLite: for tests of SQLite itself (its file, its
    /// write-ahead log). Everything else must hold on every provider.
    /// </summary>
    public void SkipUnlessSqlite(string reason) =>
        Skip.If(Provider != DatabaseProvider.Sqlite, $"SQLite only ({reason}); this run is on {Provider}");

    /// <summary>Starts the app (migrations and demo data included) if it is not running yet.</summary>
    public void EnsureStarted() => _ = Services;

    /// <summary>A new browser: cookies of its own, redirects not followed.</summary>
    public HttpClient CreateBrowser()
    {
        var browser = CreateClient();
        Browsers.Add(browser, this);
        return browser;
    }

    /// <summary>The factory a browser of <see cref="CreateBrowser"/> belongs to (its clock gives authenticator codes).</summary>
    public static AppFactory? Of(HttpClient browser) => Browsers.TryGetValue(browser, out var factory) ? factory : null;

    /// <summary>A scope with the app's <see cref="AppDbContext"/>; dispose it to release the context.</summary>
    public DbScope OpenDb() => new(Services.CreateAsyncScope());

    /// <summary>Runs a query in a fresh scope (so nothing is served from a change tracker) and returns its result.</summary>
    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = OpenDb();
        return await query(scope.Db);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(EnvironmentName);
        ConfigureDatabase(builder);

        // Serilog: the file sink goes to the temp folder, never into src/; the console only carries problems.
        // Nested Serilog keys go through app configuration: UseSetting would also create empty parent values, which
        // Serilog reads as sinks without a name.
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:WriteTo:File:Args:path"] = Path.Combine(LogFolder, "app-.log"),
            ["Serilog:WriteTo:Console:Args:restrictedToMinimumLevel"] = "Warning",
        }));
        builder.UseSetting("Files:Root", FilesRoot);

        // The background loops stay off: tests run the outbox sender and the escalation job themselves, on the fake clock.
        builder.UseSetting("Email:SenderEnabled", "false");
        builder.UseSetting("Escalation:Enabled", "false");

        // Tests change data between page loads: reports are computed afresh each time (ReportCache has its own tests).
        builder.UseSetting("Reports:OpenPeriodCacheSeconds", "0");
        builder.UseSetting("Reports:SettledPeriodCacheSeconds", "0");
        builder.UseSetting("Reports:KeepSettledFigures", KeepSettledFigures ? "true" : "false");
        builder.UseSetting("Reports:WarmUp", "false");
        builder.UseSetting("Email:PickupDirectory", MailPickup);

        // The tests browse over https: the cookies are the production ones (Secure, __Host-).
        builder.UseSetting("Cookies:RequireHttps", "true");

        // Every test client shares one address: limits no test class can reach (RateLimitTests sets small ones).
        foreach (var policy in RateLimits.Defaults.Keys)
        {
            builder.UseSetting($"{RateLimits.SectionName}:{policy}:PermitLimit", "100000");
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);

            // Hashing is deliberately slow (100,000 PBKDF2 rounds); the tests sign in and seed dozens of times on two
            // cores. The hash records its own round count, so verification is unchanged.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
        });
    }

    protected virtual void ConfigureDatabase(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (Provider == DatabaseProvider.PostgreSql)
        {
            if (!PostgresAppFactory.IsAvailable)
            {
                throw new InvalidOperationException(
                    $"{PostgresAppFactory.EnvironmentVariable} is not set; tests on PostgreSQL need a server (scripts/start-postgres.sh).");
            }

            _postgresDatabaseRequested = true;
            builder.UseSetting("Database:Provider", nameof(DatabaseProvider.PostgreSql));
            builder.UseSetting("Database:ConnectionString", PostgresConnectionString);
            builder.UseSetting("Database:MigrateOnStartup", "true");
            return;
        }

        builder.UseSetting("Database:Provider", nameof(DatabaseProvider.Sqlite));
        builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".db")}");
    }

    private string PostgresConnectionString => $"{PostgresAppFactory.ServerConnectionString};Database={PostgresDatabaseName}";

    private static DateTimeOffset WholeSecond(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), time.Offset);

    private static DatabaseProvider ReadRunProvider()
    {
        var value = Environment.GetEnvironmentVariable(ProviderVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider) && provider != DatabaseProvider.SqlServer
            ? provider
            : throw new InvalidOperationException($"{ProviderVariable}={value}: expected {nameof(DatabaseProvider.Sqlite)} or {nameof(DatabaseProvider.PostgreSql)}.");
    }

    protected override void Dispose(bool disposing)
    {
        // The base class calls this again from DisposeAsync, so the clean-up must be idempotent.
        base.Dispose(disposing);
        if (disposing && !_cleanedUp)
        {
            _cleanedUp = true;
            CleanUp();
        }
    }

    /// <summary>Deletes what the app wrote. Runs after the host has stopped.</summary>
    protected virtual void CleanUp()
    {
        if (_postgresDatabaseRequested && _ownsPostgresDatabase)
        {
            // This database's pooled connections only: other factories run in parallel on the same server.
            using (var pooled = new NpgsqlConnection(PostgresConnectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }

            // A second instance on this database (a protected constructor) leaves the drop to the factory that made it.
            var admin = new NpgsqlConnectionStringBuilder(PostgresAppFactory.ServerConnectionString) { Database = "postgres", Pooling = false };
            using var connection = new NpgsqlConnection(admin.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{PostgresDatabaseName}\" WITH (FORCE)";
            command.ExecuteNonQuery();
        }

        // Pooled connections keep the SQLite file (and its -wal/-shm companions) open.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a straggling logger: the OS temp cleaner gets it later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>A DI scope and its <see cref="AppDbContext"/>.</summary>
public sealed class DbScope(AsyncServiceScope scope) : IAsyncDisposable
{
    public AppDbContext Db { get; } = scope.ServiceProvider.GetRequiredService<AppDbContext>();

    public T Get<T>()
        where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
