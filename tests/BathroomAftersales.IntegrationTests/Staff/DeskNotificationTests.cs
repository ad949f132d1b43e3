using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Staff;

/// <summary>The desk's actions tell the customer: an email in the outbox and an in-app notification, saved with the change.</summary>
public sealed class DeskNotificationTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Acknowledging_and_dispatching_queue_messages_to_the_customer_with_the_change()
    {
        var (id, customerUserId) = await factory.QueryAsync(async db =>
        {
            var customer = await db.Customers.SingleAsync(c => c.Email == DemoData.CustomerEmail);
            var requestId = await db.ServiceRequests
                .Where(r => r.CustomerId == customer.Id && r.Status == RequestStatus.Submitted && r.Type == RequestType.Repair)
                .Select(r => r.Id)
                .SingleAsync();
            return (requestId, customer.UserId!);
        });
        var technician = await factory.CreateTechnicianAsync("通知测试师傅");
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        using var acknowledged = await agent.SubmitFormAsync(DeskData.Details(id), new Dictionary<string, string?>(), "handler=Acknowledge");
        using var dispatched = await agent.SubmitFormAsync(DeskData.Details(id), new Dictionary<string, string?>
        {
            ["Input.TechnicianId"] = technician.ToString(CultureInfo.InvariantCulture),
            ["Input.AppointmentStart"] = TimeZoneInfo.ConvertTimeFromUtc(factory.Now().AddDays(1), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"))
                .ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["Input.DurationHours"] = "2",
        }, "handler=Dispatch");

        Assert.Equal(HttpStatusCode.Redirect, acknowledged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, dispatched.StatusCode);
        var (mail, notices) = await factory.QueryAsync(async db => (
            await db.OutboxMessages.Where(m => m.DeduplicationKey!.StartsWith("RequestAcknowledged:" + id) || m.DeduplicationKey!.StartsWith("RequestDispatched:" + id + ":")).ToListAsync(),
            await db.Notifications.Where(n => n.UserId == customerUserId).Select(n => n.Title).ToListAsync()));
        Assert.Equal(2, mail.Count);
        Assert.All(mail, m => Assert.Equal(DemoData.CustomerEmail, m.To));
        Assert.Contains(mail, m => m.Body.Contains("通知测试师傅", StringComparison.Ordinal));
        Assert.True(notices.Count >= 2, $"Expected in-app notifications for acknowledge and dispatch, found {notices.Count}.");
    }
}
