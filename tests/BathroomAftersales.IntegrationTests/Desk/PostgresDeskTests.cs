using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Desk;

/// <summary>The outbox claim and the escalation job on a real PostgreSQL server (skipped without one).</summary>
[Trait(TestTraits.Database, TestTraits.OwnDatabase)]
public sealed class PostgresDeskTests(PostgresAppFactory factory) : IClassFixture<PostgresAppFactory>
{
    [SkippableFact]
    public async Task On_PostgreSQL_two_senders_at_once_send_each_message_once()
    {
        PostgresAppFactory.SkipUnlessAvailable();
        var ids = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            var id = await factory.SubmitNowAsync(DemoData.CustomerEmail);
            ids.Add(await factory.OutboxIdAsync($"RequestReceived:{id}"));
        }

        await Task.WhenAll(factory.Sender().SendDueAsync(CancellationToken.None), factory.Sender().SendDueAsync(CancellationToken.None));

        foreach (var messageId in ids)
        {
            Assert.Single(await factory.PickedUpAsync(messageId));
        }
    }

    [SkippableFact]
    public async Task On_PostgreSQL_a_missed_response_is_escalated_once()
    {
        PostgresAppFactory.SkipUnlessAvailable();
        var id = await factory.SubmitNowAsync(DemoData.CustomerEmail);
        factory.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        var job = factory.Escalation();
        await Task.WhenAll(job.RunOnceAsync(CancellationToken.None), job.RunOnceAsync(CancellationToken.None));

        Assert.Equal(1, await factory.QueryAsync(db => db.RequestEvents.CountAsync(e => e.ServiceRequestId == id && e.Kind == RequestEventKind.Escalated)));
        Assert.Equal(1, await factory.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.DeduplicationKey!.StartsWith($"Escalation:Response:{id}:"))));
    }
}
