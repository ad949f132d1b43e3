using System.Net;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Desk;

/// <summary>The escalation job: once per breach, however often and on however many instances it runs.</summary>
public sealed class EscalationTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_missed_response_is_escalated_once_with_one_message_to_the_manager()
    {
        var id = await factory.SubmitNowAsync(DemoData.CustomerEmail);
        var job = factory.Escalation();

        factory.Time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        await job.RunOnceAsync(CancellationToken.None);
        Assert.Equal(0, await EscalatedEventsAsync(id));

        factory.Time.Advance(TimeSpan.FromSeconds(2));
        await job.RunOnceAsync(CancellationToken.None);
        await job.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, await EscalatedEventsAsync(id));
        var messages = await factory.QueryAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.DeduplicationKey!.StartsWith($"Escalation:Response:{id}:")).ToListAsync());
        var message = Assert.Single(messages);
        Assert.Equal(DemoData.ManagerEmail, message.To);
        Assert.Equal(factory.InChinese("Response overdue: service request {0}", await factory.RequestNumberAsync(id)), message.Subject);
        Assert.NotNull(await factory.QueryAsync(db => db.ServiceRequests.Where(r => r.Id == id).Select(r => r.ResponseEscalatedAt).SingleAsync()));
    }

    [Fact]
    public async Task Two_instances_running_at_once_escalate_a_missed_completion_once()
    {
        var id = await factory.SubmitNowAsync(DemoData.CustomerEmail);
        await factory.ChangeRequestAsync(id, (r, now) => r.Acknowledge(PortalData.Desk, now));
        factory.Time.Advance(TimeSpan.FromHours(ServiceLevelPolicy.Default.RepairCompletionHours) + TimeSpan.FromSeconds(1));

        var job = factory.Escalation();
        await Task.WhenAll(job.RunOnceAsync(CancellationToken.None), job.RunOnceAsync(CancellationToken.None));
        await job.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, await EscalatedEventsAsync(id));
        Assert.Equal(1, await factory.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.DeduplicationKey!.StartsWith($"Escalation:Completion:{id}:"))));
        Assert.Equal(0, await factory.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.DeduplicationKey!.StartsWith($"Escalation:Response:{id}:"))));
    }

    [Fact]
    public async Task The_manager_reads_the_escalation_in_the_desk_notifications_and_an_agent_does_not_see_it()
    {
        var id = await factory.SubmitNowAsync(DemoData.CustomerEmail);
        factory.Time.Advance(TimeSpan.FromHours(25));
        await factory.Escalation().RunOnceAsync(CancellationToken.None);
        var title = factory.InChinese("Response overdue: service request {0}", await factory.RequestNumberAsync(id));

        using var manager = factory.CreateBrowser();
        await manager.SignInAsync(DemoData.ManagerEmail);
        var (response, page) = await manager.GetPageAsync("/Staff/Notifications");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = Assert.Single(page.QuerySelectorAll("main li a"), a => a.TextContent.Trim() == title);
        Assert.Equal($"/Staff/Requests/Details/{id}", link.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("[data-testid=unread-notifications]"));

        using var agent = factory.CreateBrowser();
        await agent.SignInAsync(DemoData.AgentEmail);
        var (_, agentPage) = await agent.GetPageAsync("/Staff/Notifications");
        Assert.DoesNotContain(agentPage.QuerySelectorAll("main li a"), a => a.TextContent.Trim() == title);
    }

    private Task<int> EscalatedEventsAsync(int id) =>
        factory.QueryAsync(db => db.RequestEvents.CountAsync(e => e.ServiceRequestId == id && e.Kind == RequestEventKind.Escalated));
}
