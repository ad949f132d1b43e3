using System.Data.Common;
using System.Net;
using BathroomAftersales.IntegrationTests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit.Abstractions;

namespace BathroomAftersales.IntegrationTests.Faults;

/// <summary>
/// kill -9 of the app while customers submit requests: after a restart on the same database every request the app had
/// acknowledged is there, with its number, and no request is half-written. Runs the real built app as a child process.
/// </summary>
[Collection(FaultTestsDefinition.Name)]
[Trait(TestTraits.Database, TestTraits.OwnDatabase)]
public sealed class KillDuringWritesTests(ITestOutputHelper output)
{
    private const int Workers = 6;
    private const int AcknowledgedBeforeKill = 40;

    [SkippableFact]
    public async Task Killing_the_app_during_submissions_on_SQLite_loses_no_acknowledged_request()
    {
        AppProcess.SkipUnlessBuilt();
        var folder = NewFolder();
        var file = Path.Combine(folder, "app.db");
        try
        {
            await KillDuringLoadAndCheckAsync(
                folder,
                new Dictionary<string, string>
                {
                    ["Database:Provider"] = "Sqlite",
                    ["Database:ConnectionString"] = $"Data Source={file}",
                },
                () => new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False"));

            // The database is in write-ahead-log mode: that is what the app relies on to survive the kill.
            await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TryDelete(folder);
        }
    }

    [SkippableFact]
    public async Task Killing_the_app_during_submissions_on_PostgreSQL_loses_no_acknowledged_request()
    {
        AppProcess.SkipUnlessBuilt();
        PostgresAppFactory.SkipUnlessAvailable();
        var folder = NewFolder();
        var database = "ba_faults_" + Guid.NewGuid().ToString("N");
        var connectionString = $"{PostgresAppFactory.ServerConnectionString};Database={database}";
        try
        {
            await KillDuringLoadAndCheckAsync(
                folder,
                new Dictionary<string, string>
                {
                    ["Database:Provider"] = "PostgreSql",
                    ["Database:ConnectionString"] = connectionString,
                    ["Database:MigrateOnStartup"] = "true",
                },
                () => new NpgsqlConnection(connectionString + ";Pooling=false"));
        }
        finally
        {
            await DropDatabaseAsync(database);
            TryDelete(folder);
        }
    }

    private async Task KillDuringLoadAndCheckAsync(string folder, Dictionary<string, string> settings, Func<DbConnection> connect)
    {
        await using var app = await AppProcess.StartAsync(folder, settings);
        using var load = await SubmissionLoad.PrepareAsync(app, Workers);
        load.Start();
        await load.WaitForAcknowledgedAsync(AcknowledgedBeforeKill, TimeSpan.FromSeconds(90));

        // kill -9 while every browser has a submission on its way.
        app.Kill();
        await load.WaitUntilEveryBrowserSeesTheAppGoneAsync(TimeSpan.FromSeconds(30));

        output.WriteLine($"{load.Sent} sent, {load.Acknowledged.Count} acknowledged, {load.Unanswered.Count} cut off by the kill, {load.Refused.Count} refused");
        Assert.Empty(load.Refused);
        Assert.NotEmpty(load.Unanswered);

        await using (var restarted = await AppProcess.StartAsync(folder, settings))
        {
            StoredRequests stored;
            await using (var connection = connect())
            {
                await connection.OpenAsync();
                stored = await StoredRequests.ReadAsync(connection);
            }

            var lost = load.Acknowledged.Where(a => !stored.ByKey.TryGetValue(a.Key, out var row) || row.Id != a.Value).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} acknowledged requests missing after the restart, e.g. key {lost.FirstOrDefault().Key}");
            Assert.Empty(stored.HalfWritten(load.Acknowledged.Keys.Concat(load.Unanswered)));
            var numbers = load.Acknowledged.Keys.Select(k => stored.ByKey[k].Number).ToList();
            Assert.Equal(numbers.Count, numbers.Distinct().Count());

            // The customer sees them: the restarted app serves an acknowledged request with its number.
            using var browser = restarted.CreateBrowser();
            await browser.SignInAsync(Web.Data.Seed.DemoData.CustomerEmail);
            var last = load.Acknowledged.MaxBy(a => a.Value);
            var (response, page) = await browser.GetPageAsync($"/Portal/Requests/Details/{last.Value}");
            using (response)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(stored.ByKey[last.Key].Number, page.QuerySelector("h1")?.TextContent.Trim());
            }
        }
    }

    internal static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ba-faults", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    internal static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static async Task DropDatabaseAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(PostgresAppFactory.ServerConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>The fault tests run the app as child processes and load it: one at a time, not beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultTestsDefinition
{
    public const string Name = "Faults";
}
