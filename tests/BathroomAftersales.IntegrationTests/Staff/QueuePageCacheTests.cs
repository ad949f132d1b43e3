using System.Net;
using AngleSharp.Html.Dom;
using BathroomAftersales.Domain.Notifications;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using BathroomAftersales.Web.Infrastructure.Desk;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Staff;

/// <summary>
/// The queue's page is kept for a couple of seconds per browser session (ADR 0021): a refresh that nothing saved through
/// this instance has changed is answered from memory; a save through this instance shows at once; a change this
/// instance did not save (another instance's) within <see cref="QueuePagePolicy.MaxAge"/>; no one is ever served a
/// page kept for someone else.
/// </summary>
public sealed class QueuePageCacheTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_change_written_by_another_instance_shows_once_the_kept_page_is_older_than_its_maximum_age()
    {
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var url = await FinishedElsewhereAfterItsPageWasKeptAsync(agent);

        factory.Time.Advance(QueuePagePolicy.MaxAge - TimeSpan.FromSeconds(1));
        Assert.Empty((await QueueAsync(agent, url)).QueueIds());
    }

    [Fact]
    public async Task A_hard_refresh_shows_another_instances_change_at_once()
    {
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var url = await FinishedElsewhereAfterItsPageWasKeptAsync(agent);

        using var hardRefresh = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        hardRefresh.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
        using var response = await agent.SendAsync(hardRefresh);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await response.ReadDocumentAsync()).QueueIds());
    }

    [Fact]
    public async Task A_change_saved_through_this_instance_shows_on_the_next_view_at_once()
    {
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var customer = await factory.CreateCustomerAsync();
        var first = await factory.SubmitAsync(customer);
        var url = "/Staff/Requests?q=" + Uri.EscapeDataString(customer.Name);
        await QueueAsync(agent, url);
        Assert.Equal([first], (await QueueAsync(agent, url)).QueueIds());

        var second = await factory.SubmitAsync(customer, priority: RequestPriority.Emergency);
        Assert.Equal([second, first], (await QueueAsync(agent, url)).QueueIds());

        await factory.ChangeRequestAsync(first, (r, at) => r.Acknowledge(DeskData.Desk, at));
        var page = await QueueAsync(agent, url);
        var row = page.QuerySelector($"tr[data-request-id='{first}']");
        Assert.NotNull(row);
        Assert.Contains(factory.InChinese(RequestStatus.Acknowledged.ToString()), row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_user_and_another_session_of_the_same_user_each_get_their_own_page_and_its_forms_work()
    {
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        using var manager = await factory.SignedInAsync(Accounts.Manager);
        using var secondSession = await factory.SignedInAsync(Accounts.Agent);
        const string url = "/Staff/Requests";
        await QueueAsync(agent, url);
        var agentsPage = await QueueAsync(agent, url);

        var managersPage = await QueueAsync(manager, url);
        Assert.NotEqual(UserName(agentsPage), UserName(managersPage));

        // The same user signed in elsewhere: a page kept for the first session would carry that session's anti-forgery
        // token, which the second session's cookie refuses (400). Its own page signs it out.
        await QueueAsync(secondSession, url);
        using var signedOut = await secondSession.SubmitFormAsync(url, formAction: "/Account/Logout");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        // And the first session's kept page still works for the first session.
        using var agentSignedOut = await agent.SubmitFormAsync(url, formAction: "/Account/Logout");
        Assert.Equal(HttpStatusCode.Redirect, agentSignedOut.StatusCode);
        var (afterSignOut, _) = await agent.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, afterSignOut.StatusCode);
    }

    [Fact]
    public async Task Switching_the_language_shows_the_queue_in_the_new_language_at_once()
    {
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        const string url = "/Staff/Requests";
        await QueueAsync(agent, url);
        Assert.Equal("zh-CN", (await QueueAsync(agent, url)).DocumentElement.GetAttribute("lang"));

        using var switched = await agent.SubmitFormAsync(url, new Dictionary<string, string?> { ["culture"] = "en-US" }, formAction: "/Culture");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);

        var page = await QueueAsync(agent, url);
        Assert.Equal("en-US", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Request queue", page.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Marking_every_notification_read_clears_the_badge_on_the_next_view_of_the_queue()
    {
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        await using (var scope = factory.OpenDb())
        {
            var userId = await scope.Db.Users.Where(u => u.Email == DemoData.AgentEmail).Select(u => u.Id).SingleAsync();
            scope.Db.Notifications.Add(new Notification(userId, "测试通知", null, null, factory.Now()));
            await scope.Db.SaveChangesAsync();
        }

        const string url = "/Staff/Requests";
        await QueueAsync(agent, url);
        Assert.NotNull((await QueueAsync(agent, url)).QuerySelector("[data-testid=unread-notifications]"));

        using var read = await agent.SubmitFormAsync("/Staff/Notifications", formAction: "handler=MarkAllRead");
        Assert.Equal(HttpStatusCode.Redirect, read.StatusCode);

        Assert.Null((await QueueAsync(agent, url)).QuerySelector("[data-testid=unread-notifications]"));
    }

    /// <summary>
    /// A queue page showing one request, kept for <paramref name="agent"/>; then the request is finished by a bulk update,
    /// which goes around this instance's saves as another instance's write does, and a second later the kept page still
    /// shows it. Returns the page's address.
    /// </summary>
    private async Task<string> FinishedElsewhereAfterItsPageWasKeptAsync(HttpClient agent)
    {
        var customer = await factory.CreateCustomerAsync();
        var id = await factory.SubmitAsync(customer);
        var url = "/Staff/Requests?q=" + Uri.EscapeDataString(customer.Name);
        await QueueAsync(agent, url);
        Assert.Equal([id], (await QueueAsync(agent, url)).QueueIds());

        await factory.QueryAsync(db => db.ServiceRequests.Where(r => r.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.QueueRank, ServiceRequest.QueueRankFinished)));
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([id], (await QueueAsync(agent, url)).QueueIds());
        return url;
    }

    private static async Task<IHtmlDocument> QueueAsync(HttpClient client, string url)
    {
        var (response, page) = await client.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return page;
    }

    private static string UserName(IHtmlDocument page) =>
        page.QuerySelector(".user-name")?.TextContent.Trim() ?? throw new InvalidOperationException("No signed-in user shown.");
}
