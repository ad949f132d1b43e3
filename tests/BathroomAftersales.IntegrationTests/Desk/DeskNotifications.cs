using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace BathroomAftersales.IntegrationTests.Desk;

/// <summary>Helpers for the outbox, the sender's pickup folder and requests submitted "now" on the fake clock.</summary>
internal static class DeskNotifications
{
    public static OutboxSender Sender(this AppFactory factory) => factory.Services.GetRequiredService<OutboxSender>();

    public static EscalationJob Escalation(this AppFactory factory) => factory.Services.GetRequiredService<EscalationJob>();

    /// <summary>The .eml files the pickup sender wrote for one outbox message (it stamps X-Outbox-Id).</summary>
    public static async Task<IReadOnlyList<MimeMessage>> PickedUpAsync(this AppFactory factory, long messageId)
    {
        if (!Directory.Exists(factory.MailPickup))
        {
            return [];
        }

        var found = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(factory.MailPickup, $"{messageId}-*.eml"))
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.Headers["X-Outbox-Id"] == messageId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                found.Add(message);
            }
            else
            {
                message.Dispose();
            }
        }

        return found;
    }

    /// <summary>A repair request of the customer with that email, submitted now with the given policy, and its confirmation queued.</summary>
    public static async Task<int> SubmitNowAsync(this AppFactory factory, string customerEmail, RequestPriority priority = RequestPriority.Normal)
    {
        await using var scope = factory.OpenDb();
        var db = scope.Db;
        var customer = await db.Customers.SingleAsync(c => c.Email == customerEmail);
        var request = ServiceRequest.Submit(
            await scope.Get<RequestNumberAllocator>().NextAsync(), customer.Id, null, RequestType.Repair, RequestChannel.Phone, priority,
            "淋浴龙头滴水不止。", customer.Address, scope.Get<ServiceLevelPolicy>(), PortalData.Desk, factory.Time.GetUtcNow().UtcDateTime);
        db.ServiceRequests.Add(request);
        await db.SaveChangesAsync();
        await scope.Get<INotificationService>().RequestReceived(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    public static Task<long> OutboxIdAsync(this AppFactory factory, string key) =>
        factory.QueryAsync(db => db.OutboxMessages.Where(m => m.DeduplicationKey == key).Select(m => m.Id).SingleAsync());
}
