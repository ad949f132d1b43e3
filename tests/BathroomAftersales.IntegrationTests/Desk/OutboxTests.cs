using System.Net;
using System.Net.Sockets;
using BathroomAftersales.Domain.Notifications;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using BathroomAftersales.Web.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BathroomAftersales.IntegrationTests.Desk;

/// <summary>The notification outbox: written with the change, sent once, retried after a failure.</summary>
public sealed class OutboxTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Submitting_a_request_queues_its_confirmation_email_and_in_app_notification()
    {
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(DemoData.CustomerEmail);

        using var response = await browser.SubmitFormAsync("/Portal/Requests/New", new Dictionary<string, string?>
        {
            ["Input.Description"] = "浴缸排水很慢。",
        });

        var id = response.RequestIdOfRedirect();
        var number = await factory.RequestNumberAsync(id);
        var message = await factory.QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.DeduplicationKey == $"RequestReceived:{id}"));
        Assert.Equal(DemoData.CustomerEmail, message.To);
        Assert.Equal(factory.InChinese("Service request {0} received", number), message.Subject);
        Assert.Null(message.SentAt);
        var userId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoData.CustomerEmail).Select(u => u.Id).SingleAsync());
        Assert.True(await factory.QueryAsync(db => db.Notifications.AnyAsync(n => n.UserId == userId && n.Link == $"/Portal/Requests/Details/{id}")));
    }

    [Fact]
    public async Task A_save_that_fails_leaves_neither_the_request_nor_its_message()
    {
        var existing = await factory.SubmitNowAsync(DemoData.CustomerEmail);
        var before = await factory.QueryAsync(db => db.OutboxMessages.CountAsync());
        var requestsBefore = await factory.QueryAsync(db => db.ServiceRequests.CountAsync());

        await using (var scope = factory.OpenDb())
        {
            var db = scope.Db;
            var customer = await db.Customers.SingleAsync(c => c.Email == DemoData.CustomerEmail);
            var now = factory.Time.GetUtcNow().UtcDateTime;
            var strategy = db.Database.CreateExecutionStrategy();
            await Assert.ThrowsAsync<DbUpdateException>(() => strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                var request = ServiceRequest.Submit(
                    "TEST-ROLLBACK-1", customer.Id, null, RequestType.Repair, RequestChannel.Web, RequestPriority.Normal,
                    "回滚测试", customer.Address, ServiceLevelPolicy.Default, PortalData.Desk, now);
                db.ServiceRequests.Add(request);
                await db.SaveChangesAsync();
                await scope.Get<INotificationService>().RequestReceived(request);

                // Something else in the same save breaks (here: a message key that is already taken).
                db.OutboxMessages.Add(new OutboxMessage("Test", "x@demo.local", "s", "b", $"RequestReceived:{existing}", now));
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }));
        }

        Assert.Equal(before, await factory.QueryAsync(db => db.OutboxMessages.CountAsync()));
        Assert.Equal(requestsBefore, await factory.QueryAsync(db => db.ServiceRequests.CountAsync()));
        Assert.False(await factory.QueryAsync(db => db.ServiceRequests.AnyAsync(r => r.Number == "TEST-ROLLBACK-1")));
    }

    [Fact]
    public async Task The_sender_writes_one_eml_file_per_message_and_marks_it_sent()
    {
        var id = await factory.SubmitNowAsync(DemoData.CustomerEmail);
        var messageId = await factory.OutboxIdAsync($"RequestReceived:{id}");

        await factory.Sender().SendDueAsync(CancellationToken.None);

        var sent = await factory.QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == messageId));
        Assert.Equal(factory.Time.GetUtcNow().UtcDateTime, sent.SentAt);
        Assert.Null(sent.ClaimedBy);
        var files = await factory.PickedUpAsync(messageId);
        var mail = Assert.Single(files);
        Assert.Equal(sent.Subject, mail.Subject);
        Assert.Equal(DemoData.CustomerEmail, mail.To.Mailboxes.Single().Address);
        Assert.Contains(await factory.RequestNumberAsync(id), mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_the_sender_again_sends_nothing_twice()
    {
        var id = await factory.SubmitNowAsync(DemoData.CustomerEmail);
        var messageId = await factory.OutboxIdAsync($"RequestReceived:{id}");

        await factory.Sender().SendDueAsync(CancellationToken.None);
        factory.Time.Advance(TimeSpan.FromHours(2));
        await factory.Sender().SendDueAsync(CancellationToken.None);

        Assert.Single(await factory.PickedUpAsync(messageId));
    }

    [Fact]
    public async Task Queuing_the_same_event_twice_keeps_one_message()
    {
        var id = await factory.SubmitNowAsync(DemoData.CustomerEmail);

        await using (var scope = factory.OpenDb())
        {
            var request = await scope.Db.ServiceRequests.SingleAsync(r => r.Id == id);
            await scope.Get<INotificationService>().RequestReceived(request);
            await scope.Db.SaveChangesAsync();
        }

        Assert.Equal(1, await factory.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.DeduplicationKey == $"RequestReceived:{id}")));
    }

    [Fact]
    public async Task Two_senders_at_once_send_each_message_once()
    {
        var ids = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            var id = await factory.SubmitNowAsync(DemoData.CustomerEmail);
            ids.Add(await factory.OutboxIdAsync($"RequestReceived:{id}"));
        }

        var sender = factory.Sender();
        var other = NewSender(new EmailOptions { PickupDirectory = factory.MailPickup });
        var counts = await Task.WhenAll(sender.SendDueAsync(CancellationToken.None), other.SendDueAsync(CancellationToken.None));

        foreach (var messageId in ids)
        {
            Assert.Single(await factory.PickedUpAsync(messageId));
        }

        Assert.True(counts.Sum() >= ids.Count);
        Assert.All(await factory.QueryAsync(db => db.OutboxMessages.Where(m => ids.Contains(m.Id)).ToListAsync()), m => Assert.NotNull(m.SentAt));
    }

    [Fact]
    public async Task An_smtp_failure_keeps_the_message_for_a_later_attempt_and_the_request_change()
    {
        var id = await factory.SubmitNowAsync(DemoData.CustomerEmail);
        var messageId = await factory.OutboxIdAsync($"RequestReceived:{id}");
        var smtp = NewSender(new EmailOptions { Mode = "Smtp", Host = "127.0.0.1", Port = ClosedPort(), UseStartTls = false });
        var now = factory.Time.GetUtcNow().UtcDateTime;

        await smtp.SendDueAsync(CancellationToken.None);

        var failed = await factory.QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == messageId));
        Assert.Null(failed.SentAt);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal(now.AddMinutes(1), failed.NextAttemptAt);
        Assert.NotNull(failed.LastError);
        Assert.Null(failed.ClaimedBy);
        Assert.Equal(RequestStatus.Submitted, (await factory.SnapshotAsync(id)).Status);

        // Not due yet: nothing leaves; a minute later the working sender delivers it.
        await factory.Sender().SendDueAsync(CancellationToken.None);
        Assert.Empty(await factory.PickedUpAsync(messageId));
        factory.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await factory.Sender().SendDueAsync(CancellationToken.None);
        Assert.Single(await factory.PickedUpAsync(messageId));
    }

    private OutboxSender NewSender(EmailOptions options) => new(
        factory.Services.GetRequiredService<IServiceScopeFactory>(),
        factory.Time,
        Options.Create(options),
        factory.Services.GetRequiredService<IHostEnvironment>(),
        factory.Services.GetRequiredService<ILogger<OutboxSender>>());

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
