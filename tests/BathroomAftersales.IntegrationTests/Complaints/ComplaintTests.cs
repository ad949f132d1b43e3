using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Desk;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Complaints;

/// <summary>Complaints over HTTP: from the portal or the desk through to accept or dispute; escalation; isolation.</summary>
public sealed class ComplaintTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static string PortalPage(int id) => string.Create(CultureInfo.InvariantCulture, $"/Portal/Complaints/Details/{id}");

    private static string StaffPage(int id) => string.Create(CultureInfo.InvariantCulture, $"/Staff/Complaints/Details/{id}");

    [Fact]
    public async Task A_portal_complaint_is_acknowledged_investigated_resolved_and_accepted()
    {
        var requestId = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Closed);
        using var customer = factory.CreateBrowser();
        await customer.SignInAsync(DemoData.CustomerEmail);

        using var filed = await customer.SubmitFormAsync("/Portal/Complaints/New", new Dictionary<string, string?>
        {
            ["Input.Category"] = nameof(ComplaintCategory.Timeliness),
            ["Input.ServiceRequestId"] = requestId.ToString(CultureInfo.InvariantCulture),
            ["Input.Description"] = "师傅迟到了两个小时，也没有提前打电话。",
        });
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        var id = int.Parse(filed.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        var received = await factory.ComplaintAsync(id);
        Assert.Equal(ComplaintStatus.Received, received.Status);
        Assert.Equal(ComplaintChannel.Web, received.Channel);
        Assert.Equal(requestId, received.ServiceRequestId);
        Assert.StartsWith("CP-", received.Number, StringComparison.Ordinal);

        using var agent = factory.CreateBrowser();
        await agent.SignInAsync(DemoData.AgentEmail);
        var (_, list) = await agent.GetPageAsync("/Staff/Complaints");
        Assert.NotNull(list.QuerySelector($"#complaints tr[data-complaint-id='{id}']"));

        Assert.Equal(HttpStatusCode.Redirect, (await agent.SubmitFormAsync(StaffPage(id), formAction: "handler=Acknowledge")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await agent.SubmitFormAsync(StaffPage(id), new Dictionary<string, string?>
        {
            ["Input.Note"] = "与师傅核实：前一单超时。",
        }, "handler=Note")).StatusCode);
        Assert.Equal(ComplaintStatus.Investigating, (await factory.ComplaintAsync(id)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await agent.SubmitFormAsync(StaffPage(id), new Dictionary<string, string?>
        {
            ["Input.Resolution"] = "已向您致歉，今后上门前一小时电话确认。",
        }, "handler=Resolve")).StatusCode);

        var (_, page) = await customer.GetPageAsync(PortalPage(id));
        Assert.Contains("今后上门前一小时电话确认", page.QuerySelector("#resolution")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("与师傅核实", page.Body!.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await customer.SubmitFormAsync(PortalPage(id), formAction: "handler=Accept")).StatusCode);
        var accepted = await factory.ComplaintAsync(id);
        Assert.Equal(ComplaintStatus.Accepted, accepted.Status);
        Assert.NotNull(accepted.ClosedAt);

        var keys = await factory.QueryAsync(db => db.OutboxMessages.Where(m => m.DeduplicationKey!.StartsWith("Complaint")).Select(m => m.DeduplicationKey!).ToListAsync());
        Assert.Contains($"ComplaintAcknowledged:{id}", keys);
        Assert.Contains(keys, k => k.StartsWith($"ComplaintResolved:{id}:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dispute_reopens_the_complaint_with_a_new_resolve_deadline()
    {
        var id = await factory.CreateComplaintAsync(DemoData.CustomerEmail, ComplaintStatus.Resolved);
        factory.Time.Advance(TimeSpan.FromDays(2));
        using var customer = factory.CreateBrowser();
        await customer.SignInAsync(DemoData.CustomerEmail);

        using var refused = await customer.SubmitFormAsync(PortalPage(id), new Dictionary<string, string?> { ["Input.Reason"] = "" }, "handler=Dispute");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(ComplaintStatus.Resolved, (await factory.ComplaintAsync(id)).Status);

        using var response = await customer.SubmitFormAsync(PortalPage(id), new Dictionary<string, string?>
        {
            ["Input.Reason"] = "道歉不够，希望免除上门费。",
        }, "handler=Dispute");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var complaint = await factory.ComplaintAsync(id);
        Assert.Equal(ComplaintStatus.Investigating, complaint.Status);
        Assert.Equal(factory.Time.GetUtcNow().UtcDateTime.AddDays(7), complaint.ResolveBy);
        Assert.Equal(1, complaint.DisputeCount);
    }

    [Fact]
    public async Task The_desk_registers_a_complaint_received_by_phone()
    {
        var customerId = await factory.CustomerIdAsync(DemoData.Customer2Email);
        using var agent = factory.CreateBrowser();
        await agent.SignInAsync(DemoData.AgentEmail);

        var (_, search) = await agent.GetPageAsync("/Staff/Complaints/New?q=" + DemoData.Customer2Mobile);
        Assert.NotNull(search.QuerySelector($"#matches tr[data-customer-id='{customerId}']"));

        using var response = await agent.SubmitFormAsync($"/Staff/Complaints/New?customerId={customerId}", new Dictionary<string, string?>
        {
            ["Input.Channel"] = nameof(ComplaintChannel.Phone),
            ["Input.Category"] = nameof(ComplaintCategory.Billing),
            ["Input.Description"] = "客户来电：保修期内被收取了上门费。",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var complaint = await factory.QueryAsync(db => db.Complaints.AsNoTracking().OrderByDescending(c => c.Id).FirstAsync(c => c.CustomerId == customerId));
        Assert.Equal(ComplaintChannel.Phone, complaint.Channel);
        Assert.Equal(ComplaintCategory.Billing, complaint.Category);
        Assert.Equal(complaint.ReceivedAt.AddHours(24), complaint.AcknowledgeBy);
        Assert.Equal(complaint.ReceivedAt.AddDays(7), complaint.ResolveBy);
    }

    [Fact]
    public async Task A_missed_acknowledgement_escalates_to_the_manager_once()
    {
        var id = await factory.CreateComplaintAsync(DemoData.CustomerEmail);
        var job = factory.Escalation();
        factory.Time.Advance(TimeSpan.FromHours(25));

        await job.RunOnceAsync(CancellationToken.None);
        await job.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, await factory.QueryAsync(db => db.ComplaintEvents.CountAsync(e => e.ComplaintId == id && e.Kind == ComplaintEventKind.Escalated)));
        var messages = await factory.QueryAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.DeduplicationKey!.StartsWith($"ComplaintEscalation:Acknowledge:{id}:")).ToListAsync());
        var message = Assert.Single(messages);
        Assert.Equal(DemoData.ManagerEmail, message.To);
        Assert.NotNull((await factory.ComplaintAsync(id)).AcknowledgeEscalatedAt);
    }

    [Fact]
    public async Task Another_customer_gets_404_for_a_customers_complaint()
    {
        var id = await factory.CreateComplaintAsync(DemoData.CustomerEmail, ComplaintStatus.Resolved);
        using var other = factory.CreateBrowser();
        await other.SignInAsync(DemoData.Customer2Email);

        var (response, _) = await other.GetPageAsync(PortalPage(id));
        var (list, page) = await other.GetPageAsync("/Portal/Complaints");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Null(page.QuerySelector($"[data-complaint-id='{id}']"));
    }

    [Theory]
    [InlineData(DemoData.TechnicianEmail)]
    [InlineData(DemoData.CustomerEmail)]
    public async Task Technicians_and_customers_are_refused_the_complaint_desk(string login)
    {
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(login);

        using var response = await browser.GetAsync(new Uri("/Staff/Complaints", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
