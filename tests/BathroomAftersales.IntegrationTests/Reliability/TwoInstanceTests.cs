using System.Net;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Desk;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Reliability;

/// <summary>
/// Two app instances on one PostgreSQL database (skipped, visibly, without BA_TEST_POSTGRES): a browser may reach either
/// one on every request, and both run the outbox sender and the escalation job.
/// </summary>
[Trait(TestTraits.Database, TestTraits.OwnDatabase)]
public sealed class TwoInstanceTests(TwoInstancesFixture instances) : IClassFixture<TwoInstancesFixture>
{
    private static readonly Uri Site = new("https://localhost");

    [SkippableFact]
    public async Task A_form_loaded_from_one_instance_posts_to_the_other_and_a_sign_in_on_one_holds_on_the_other()
    {
        PostgresAppFactory.SkipUnlessAvailable();
        var (onFirst, onSecond) = OneBrowserOnBothInstances();
        using (onFirst)
        using (onSecond)
        {
            // The sign-in form comes from the second instance and is posted to the first.
            var (loginPage, loginDocument) = await onSecond.GetPageAsync("/Account/Login");
            Assert.Equal(HttpStatusCode.OK, loginPage.StatusCode);
            var login = Browser.FindForm(loginDocument, loginPage.RequestMessage!.RequestUri!, ["Input.Login", "Input.Password"])
                .Fill(new Dictionary<string, string?> { ["Input.Login"] = DemoData.CustomerEmail, ["Input.Password"] = Accounts.Password });
            using var signedIn = await onFirst.SubmitAsync(login);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

            // The cookie the first instance issued is accepted by the second.
            using var portal = await onSecond.GetAsync(new Uri("/Portal", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, portal.StatusCode);

            // A request form loaded from the first instance (antiforgery token and cookie made there) posts to the second.
            var before = await instances.First.QueryAsync(db => db.ServiceRequests.CountAsync());
            var (newPage, newDocument) = await onFirst.GetPageAsync("/Portal/Requests/New");
            Assert.Equal(HttpStatusCode.OK, newPage.StatusCode);
            var form = Browser.FindForm(newDocument, newPage.RequestMessage!.RequestUri!, ["Input.Description"])
                .Fill(new Dictionary<string, string?> { ["Input.Description"] = "两台服务器之间提交的报修：淋浴房门关不严。" });
            using var submitted = await onSecond.SubmitAsync(form);

            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
            Assert.StartsWith("/Portal/Requests/Details/", submitted.RedirectTarget(), StringComparison.Ordinal);
            Assert.Equal(before + 1, await instances.Second.QueryAsync(db => db.ServiceRequests.CountAsync()));
        }
    }

    [SkippableFact]
    public async Task Both_instances_sending_the_outbox_at_once_deliver_each_message_exactly_once()
    {
        PostgresAppFactory.SkipUnlessAvailable();
        const int count = 12;
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var id = await instances.First.SubmitNowAsync(DemoData.CustomerEmail);
            ids.Add(await instances.First.OutboxIdAsync($"RequestReceived:{id}"));
        }

        instances.AlignClocks();
        await Task.WhenAll(
            instances.First.Sender().SendDueAsync(CancellationToken.None),
            instances.Second.Sender().SendDueAsync(CancellationToken.None),
            instances.First.Sender().SendDueAsync(CancellationToken.None),
            instances.Second.Sender().SendDueAsync(CancellationToken.None));

        foreach (var messageId in ids)
        {
            var delivered = (await instances.First.PickedUpAsync(messageId)).Count + (await instances.Second.PickedUpAsync(messageId)).Count;
            Assert.True(delivered == 1, $"outbox message {messageId} was delivered {delivered} times");
        }

        Assert.Equal(count, await instances.Second.QueryAsync(db => db.OutboxMessages.CountAsync(m => ids.Contains(m.Id) && m.SentAt != null)));
    }

    [SkippableFact]
    public async Task Both_instances_running_the_escalation_job_at_once_escalate_each_breach_once()
    {
        PostgresAppFactory.SkipUnlessAvailable();
        var requests = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            requests.Add(await instances.First.SubmitNowAsync(DemoData.CustomerEmail));
        }

        var complaint = await instances.First.CreateComplaintAsync(DemoData.CustomerEmail);
        instances.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        await Task.WhenAll(
            instances.First.Escalation().RunOnceAsync(CancellationToken.None),
            instances.Second.Escalation().RunOnceAsync(CancellationToken.None),
            instances.First.Escalation().RunOnceAsync(CancellationToken.None),
            instances.Second.Escalation().RunOnceAsync(CancellationToken.None));

        var managers = await ManagerCountAsync();
        foreach (var id in requests)
        {
            Assert.Equal(1, await instances.First.QueryAsync(db => db.RequestEvents.CountAsync(e => e.ServiceRequestId == id && e.Kind == RequestEventKind.Escalated)));
            Assert.Equal(managers, await instances.First.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.DeduplicationKey!.StartsWith($"Escalation:Response:{id}:"))));
        }

        Assert.Equal(1, await instances.First.QueryAsync(db => db.ComplaintEvents.CountAsync(e => e.ComplaintId == complaint && e.Kind == ComplaintEventKind.Escalated)));
        Assert.Equal(managers, await instances.First.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.DeduplicationKey!.StartsWith($"ComplaintEscalation:Acknowledge:{complaint}:"))));
    }

    private Task<int> ManagerCountAsync() => instances.First.QueryAsync(db =>
        (from user in db.Users
         join userRole in db.UserRoles on user.Id equals userRole.UserId
         join role in db.Roles on userRole.RoleId equals role.Id
         where role.Name == BathroomAftersales.Web.Identity.Roles.Manager && user.IsActive
         select user.Id).Distinct().CountAsync());

    /// <summary>One browser (one cookie jar) whose requests go to either instance, as behind a load balancer.</summary>
    private (HttpClient OnFirst, HttpClient OnSecond) OneBrowserOnBothInstances()
    {
        var cookies = new CookieContainer();
        return (
            instances.First.CreateDefaultClient(Site, new CookieContainerHandler(cookies)),
            instances.Second.CreateDefaultClient(Site, new CookieContainerHandler(cookies)));
    }
}
