using System.Net;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Npgsql;
using Xunit.Abstractions;

namespace BathroomAftersales.IntegrationTests.Faults;

/// <summary>
/// PostgreSQL stops and starts again while customers submit requests: the readiness probe reports the outage and the
/// recovery, the same app process carries on without a restart, a submission caught by the outage is retried through,
/// and nothing acknowledged is lost or half-written. Uses a PostgreSQL cluster of its own, never the suite's server.
/// </summary>
[Collection(FaultTestsDefinition.Name)]
[Trait(TestTraits.Database, TestTraits.OwnDatabase)]
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task A_PostgreSQL_restart_under_load_turns_readiness_off_and_on_and_the_app_recovers_without_losing_anything()
    {
        AppProcess.SkipUnlessBuilt();
        PostgresCluster.SkipUnlessInstalled();
        var folder = KillDuringWritesTests.NewFolder();
        await using var cluster = await PostgresCluster.StartAsync();
        var connectionString = $"{cluster.ConnectionString};Database=ba_faults";
        try
        {
            await using var app = await AppProcess.StartAsync(folder, new Dictionary<string, string>
            {
                ["Database:Provider"] = "PostgreSql",
                ["Database:ConnectionString"] = connectionString,
                ["Database:MigrateOnStartup"] = "true",
            });

            // A customer who opened the form before the outage and sends it during it.
            using var late = app.CreateBrowser(TimeSpan.FromSeconds(120));
            await late.SignInAsync(DemoData.CustomerEmail);
            var lateForm = await late.GetFormAsync("/Portal/Requests/New", ["Input.Description", "Input.IdempotencyKey"]);
            var lateKey = Guid.Parse(lateForm.Value("Input.IdempotencyKey")!);

            using var load = await SubmissionLoad.PrepareAsync(app, 4);
            load.Start();
            await load.WaitForAcknowledgedAsync(10, TimeSpan.FromSeconds(90));

            await cluster.StopAsync();
            var downAfter = await app.WaitForReadyStatusAsync(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30));
            var lateSubmission = late.SubmitAsync(lateForm.Fill(new Dictionary<string, string?> { ["Input.Description"] = "数据库停机时提交：浴室柜门掉了。" }));

            await cluster.StartAgainAsync();
            var upAfter = await app.WaitForReadyStatusAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(60));
            var acknowledgedAtRecovery = load.Acknowledged.Count;
            await load.WaitForAcknowledgedAsync(acknowledgedAtRecovery + 10, TimeSpan.FromSeconds(90));
            await load.StopAsync();

            // The submission that met the outage was retried until the database answered, and went through.
            using var lateResponse = await lateSubmission;
            Assert.Equal(HttpStatusCode.Redirect, lateResponse.StatusCode);
            var lateId = lateResponse.RequestIdOfRedirect();
            Assert.False(app.HasExited);

            output.WriteLine($"503 after {downAfter.TotalSeconds:0.0} s, 200 again {upAfter.TotalSeconds:0.0} s after the restart; "
                + $"{load.Sent} sent, {load.Acknowledged.Count} acknowledged, {load.Refused.Count} refused "
                + $"({string.Join(", ", load.Refused.Select(r => (int)r.Status).Distinct())}), {load.Unanswered.Count} unanswered");

            await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
            await connection.OpenAsync();
            var stored = await StoredRequests.ReadAsync(connection);
            var lost = load.Acknowledged.Where(a => !stored.ByKey.TryGetValue(a.Key, out var row) || row.Id != a.Value).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} acknowledged requests missing, e.g. key {lost.FirstOrDefault().Key}");
            Assert.Equal(lateId, stored.ByKey[lateKey].Id);
            var everyKey = load.Acknowledged.Keys.Concat(load.Unanswered).Concat(load.Refused.Select(r => r.Key)).Append(lateKey);
            Assert.Empty(stored.HalfWritten(everyKey));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            KillDuringWritesTests.TryDelete(folder);
        }
    }
}
