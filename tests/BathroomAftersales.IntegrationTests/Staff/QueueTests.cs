using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BathroomAftersales.IntegrationTests.Staff;

/// <summary>
/// The desk's queue: open requests, emergencies first, then by the running deadline; every filter; counts per state;
/// keyset paging. Each test works on a customer of its own and finds it by search or by its unique district.
/// </summary>
public sealed class QueueTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Emergencies_come_first_then_the_earliest_running_deadline()
    {
        var customer = await factory.CreateCustomerAsync();
        var now = factory.Now();

        // Response due in 24h from submission unless acknowledged; then the completion target (repair: 72h) runs.
        var normalOld = await factory.SubmitAsync(customer, submittedAt: now.AddHours(-20));          // response due in 4h
        var normalNew = await factory.SubmitAsync(customer, submittedAt: now.AddHours(-1));           // response due in 23h
        var acknowledged = await factory.SubmitAsync(customer, submittedAt: now.AddHours(-60), acknowledgedAt: now.AddHours(-59)); // completion due in 12h
        var emergency = await factory.SubmitAsync(customer, priority: RequestPriority.Emergency, submittedAt: now.AddMinutes(-5));
        var closed = await factory.SubmitAsync(customer, submittedAt: now.AddHours(-30));
        await factory.ChangeRequestAsync(closed, (r, at) => r.Cancel("测试", byCustomer: false, DeskData.Desk, at));

        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var (response, page) = await agent.GetPageAsync("/Staff/Requests?q=" + Uri.EscapeDataString(customer.Name));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([emergency, normalOld, acknowledged, normalNew], page.QueueIds());

        // Unfiltered, the newest emergency of all is on the first page above every non-emergency.
        var (_, all) = await agent.GetPageAsync("/Staff/Requests");
        var ids = all.QueueIds();
        Assert.Contains(emergency, ids);
        var emergencies = await factory.QueryAsync(db => db.ServiceRequests
            .Where(r => r.Priority == RequestPriority.Emergency && r.Status != RequestStatus.Closed && r.Status != RequestStatus.Cancelled)
            .Select(r => r.Id).ToListAsync());
        Assert.All(ids.Take(emergencies.Count), id => Assert.Contains(id, emergencies));
        Assert.NotNull(all.QuerySelector("#emergency-banner"));
    }

    [Fact]
    public async Task The_time_left_and_the_time_overdue_are_shown_on_each_row()
    {
        var customer = await factory.CreateCustomerAsync();
        var now = factory.Now();
        await factory.SubmitAsync(customer, submittedAt: now.AddHours(-25).AddMinutes(-5));
        await factory.SubmitAsync(customer, submittedAt: now.AddHours(-2).AddMinutes(-30));
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        var (_, page) = await agent.GetPageAsync("/Staff/Requests?q=" + Uri.EscapeDataString(customer.Name));

        var text = page.QuerySelector("#queue")!.TextContent;
        Assert.Contains(factory.InChinese("Overdue by {0}h {1}m", 1, 5), text, StringComparison.Ordinal);
        Assert.Contains(factory.InChinese("{0}h {1}m left", 21, 30), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_filter_narrows_the_queue_to_the_matching_requests()
    {
        var customer = await factory.CreateCustomerAsync();
        var other = await factory.CreateCustomerAsync();
        var now = factory.Now();
        var clock = factory.Services.GetRequiredService<LocalClock>();
        var today = clock.Today;

        // Submitted at 23:30 and, an hour later, at 00:30 Shanghai time: a UTC date would put both on the same day.
        var dayOne = today.AddDays(-10);
        var lateEvening = clock.ToUtc(dayOne.ToDateTime(new TimeOnly(23, 30)));
        var justAfterMidnight = clock.ToUtc(dayOne.AddDays(1).ToDateTime(new TimeOnly(0, 30)));
        var repairPhone = await factory.SubmitAsync(customer, RequestType.Repair, RequestPriority.Normal, justAfterMidnight, RequestChannel.Phone);
        var questionWeb = await factory.SubmitAsync(customer, RequestType.UsageQuestion, RequestPriority.Low, lateEvening, RequestChannel.Web);
        var overdueHigh = await factory.SubmitAsync(customer, RequestType.Maintenance, RequestPriority.High, now.AddDays(-2), RequestChannel.OnSite);
        var scheduled = await factory.SubmitAsync(customer, RequestType.PartsReplacement, RequestPriority.Normal, now.AddHours(-3), RequestChannel.Phone, now.AddHours(-2));
        var technicianId = await factory.CreateTechnicianAsync("筛选师傅");
        await factory.DispatchAsync(scheduled, technicianId);
        var otherRequest = await factory.SubmitAsync(other);
        var number = await factory.RequestNumberAsync(questionWeb);
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        async Task<List<int>> QueueAsync(string query)
        {
            var (response, page) = await agent.GetPageAsync("/Staff/Requests?" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return page.QueueIds();
        }

        var mine = "q=" + Uri.EscapeDataString(customer.Name) + "&";
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        Assert.Equal([scheduled], await QueueAsync(mine + "status=Scheduled"));
        Assert.Equal([questionWeb], await QueueAsync(mine + "type=UsageQuestion"));
        Assert.Equal([overdueHigh], await QueueAsync(mine + "priority=High"));
        Assert.Equal([overdueHigh], await QueueAsync(mine + "channel=OnSite"));
        Assert.Equal([scheduled], await QueueAsync("technicianId=" + technicianId.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(new[] { questionWeb, repairPhone, overdueHigh }.Order(), (await QueueAsync(mine + "overdue=true")).Order());
        Assert.Equal([otherRequest], await QueueAsync("district=" + Uri.EscapeDataString(other.District)));
        Assert.Equal([questionWeb], await QueueAsync(mine + "from=" + Day(dayOne) + "&to=" + Day(dayOne)));
        Assert.Equal([repairPhone], await QueueAsync(mine + "from=" + Day(dayOne.AddDays(1)) + "&to=" + Day(dayOne.AddDays(1))));
        Assert.DoesNotContain(questionWeb, await QueueAsync(mine + "from=" + Day(dayOne.AddDays(1))));
        Assert.Equal(new[] { questionWeb, repairPhone }.Order(), (await QueueAsync(mine + "to=" + Day(dayOne.AddDays(1)))).Order());

        Assert.Equal([questionWeb], await QueueAsync("q=" + number));
        Assert.Equal([otherRequest], await QueueAsync("q=" + other.Mobile));
        Assert.Equal(4, (await QueueAsync("q=" + Uri.EscapeDataString(customer.Name))).Count);
    }

    [Fact]
    public async Task The_counts_per_state_are_shown_at_the_top()
    {
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var expected = await factory.QueryAsync(db => db.ServiceRequests.CountAsync(r => r.Status == RequestStatus.Submitted));

        var (_, page) = await agent.GetPageAsync("/Staff/Requests");

        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), page.QuerySelector("[data-status-count=Submitted]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Keyset_paging_returns_every_row_exactly_once_across_pages()
    {
        var customer = await factory.CreateCustomerAsync();
        var now = factory.Now();

        // 120 requests with many equal deadlines (ties broken by id), emergencies and acknowledged ones among them.
        var created = new List<int>();
        for (var i = 0; i < 120; i++)
        {
            var submitted = now.AddHours(-(i % 7));
            var priority = i % 11 == 0 ? RequestPriority.Emergency : RequestPriority.Normal;
            DateTime? acknowledged = i % 5 == 0 ? submitted.AddMinutes(10) : null;
            created.Add(await factory.SubmitAsync(customer, priority: priority, submittedAt: submitted, acknowledgedAt: acknowledged));
        }

        var expected = await factory.QueryAsync(db => db.ServiceRequests
            .Where(r => r.CustomerId == customer.Id)
            .Select(r => new { r.Id, Group = r.Priority == RequestPriority.Emergency ? 0 : 1, Due = r.RespondedAt == null ? r.ResponseDueAt : r.CompletionDueAt })
            .ToListAsync());
        var expectedOrder = expected.OrderBy(x => x.Group).ThenBy(x => x.Due).ThenBy(x => x.Id).Select(x => x.Id).ToList();
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        var seen = new List<int>();
        var pages = 0;
        string? url = "/Staff/Requests?q=" + Uri.EscapeDataString(customer.Name);
        while (url is not null)
        {
            var (response, page) = await agent.GetPageAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var ids = page.QueueIds();
            Assert.InRange(ids.Count, 1, 50);
            seen.AddRange(ids);
            pages++;
            url = page.QuerySelector("#next-page")?.GetAttribute("href");
            Assert.True(pages <= 3, "More pages than 120 rows need.");
        }

        Assert.Equal(3, pages);
        Assert.Equal(expectedOrder, seen);
        Assert.Equal(created.Order(), seen.Order());
    }

    [Fact]
    public async Task A_malformed_cursor_is_a_bad_request_not_an_error()
    {
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        var (response, _) = await agent.GetPageAsync("/Staff/Requests?after=abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("Technician")]
    [InlineData("Customer")]
    public async Task Technicians_and_customers_are_forbidden_the_queue_and_the_detail(string role)
    {
        var account = role == "Technician" ? Accounts.Technician : Accounts.Customer;
        using var browser = await factory.SignedInAsync(account);
        var id = await factory.QueryAsync(db => db.ServiceRequests.Select(r => r.Id).FirstAsync());

        var (queue, _) = await browser.GetPageAsync("/Staff/Requests");
        var (details, _) = await browser.GetPageAsync(DeskData.Details(id));

        Assert.Equal(HttpStatusCode.Forbidden, queue.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, details.StatusCode);
    }
}
