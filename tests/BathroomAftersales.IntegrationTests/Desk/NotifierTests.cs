using System.Globalization;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using BathroomAftersales.Web.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Desk;

/// <summary>The texts the staff pages queue through <see cref="INotificationService"/>: Chinese, Beijing time, the right links.</summary>
public sealed class NotifierTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_dispatch_message_names_the_technician_and_the_window_in_Beijing_time()
    {
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Scheduled);

        DateTime start, end;
        string number;
        await using (var scope = factory.OpenDb())
        {
            var request = await scope.Db.ServiceRequests.SingleAsync(r => r.Id == id);
            (start, end, number) = (request.AppointmentStart!.Value, request.AppointmentEnd!.Value, request.Number);
            await scope.Get<INotificationService>().RequestDispatched(request, "王师傅");
            await scope.Db.SaveChangesAsync();
        }

        var message = await factory.QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == "RequestDispatched" && m.DeduplicationKey!.StartsWith($"RequestDispatched:{id}:")));
        var beijing = TimeSpan.FromHours(8);
        var window = (start + beijing).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "–" + (end + beijing).ToString("HH:mm", CultureInfo.InvariantCulture);
        Assert.Equal(factory.InChinese("A technician is coming for service request {0}", number), message.Subject);
        Assert.Contains(factory.InChinese("Technician {0} will visit for service request {1} between {2} (Beijing time).", "王师傅", number, window), message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_completion_message_links_to_the_request_where_the_customer_rates_it()
    {
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Completed);

        await using (var scope = factory.OpenDb())
        {
            var request = await scope.Db.ServiceRequests.SingleAsync(r => r.Id == id);
            await scope.Get<INotificationService>().RequestCompleted(request);
            await scope.Get<INotificationService>().RequestAcknowledged(request);
            await scope.Db.SaveChangesAsync();
        }

        var completed = await factory.QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == "RequestCompleted" && m.DeduplicationKey!.StartsWith($"RequestCompleted:{id}:")));
        Assert.Contains($"/Portal/Requests/Details/{id}", completed.Body, StringComparison.Ordinal);
        Assert.True(await factory.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.DeduplicationKey == $"RequestAcknowledged:{id}")));
    }
}
