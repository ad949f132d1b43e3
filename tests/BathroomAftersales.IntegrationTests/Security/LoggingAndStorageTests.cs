using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BathroomAftersales.IntegrationTests.Security;

public sealed class LoggingAndStorageTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Sign_in_attempts_are_logged_without_the_passwords()
    {
        const string wrongPassword = "Wrong-Secret-Xyz-4711";
        var client = factory.CreateBrowser();

        await client.LoginAsync(Accounts.Customer.Login, wrongPassword);
        await client.LoginAsync(Accounts.Customer.Login, Accounts.Password);

        var log = LogFiles.Read(factory);
        Assert.True(log.Contains("Sign-in failed", StringComparison.Ordinal), log);
        Assert.Contains("signed in", log, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongPassword, log, StringComparison.Ordinal);
        Assert.DoesNotContain(Accounts.Password, log, StringComparison.Ordinal);
    }

    [SkippableFact]
    [Trait(TestTraits.Database, TestTraits.OwnDatabase)]
    public async Task The_embedded_database_runs_in_write_ahead_log_mode()
    {
        factory.SkipUnlessSqlite("the write-ahead log is a setting of the SQLite file");
        factory.EnsureStarted();
        var options = factory.Services.GetRequiredService<DatabaseOptions>();

        await using var connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        var mode = (string?)await command.ExecuteScalarAsync();

        Assert.Equal("wal", mode);
    }

    [SkippableFact]
    [Trait(TestTraits.Database, TestTraits.OwnDatabase)]
    public async Task The_apps_connections_to_the_embedded_database_sync_the_log_at_checkpoints()
    {
        factory.SkipUnlessSqlite("synchronous is a setting of SQLite connections");
        await using var scope = factory.OpenDb();
        var connection = scope.Db.Database.GetDbConnection();
        await scope.Db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";

        // 1 = NORMAL (ADR 0020); SQLite's own default would be 2 = FULL.
        Assert.Equal(1L, (long?)await command.ExecuteScalarAsync());
    }
}
