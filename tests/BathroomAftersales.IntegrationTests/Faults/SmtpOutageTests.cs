using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using BathroomAftersales.IntegrationTests.Desk;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace BathroomAftersales.IntegrationTests.Faults;

/// <summary>
/// The mail server is down: customers still get their requests accepted, every message waits in the outbox with its
/// failed attempt recorded, and once the server answers again each message is delivered exactly once.
/// </summary>
public sealed class SmtpOutageTests(SmtpAppFactory factory) : IClassFixture<SmtpAppFactory>
{
    [Fact]
    public async Task With_the_mail_server_down_nothing_is_lost_and_every_message_is_delivered_once_when_it_is_back()
    {
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(DemoData.CustomerEmail);

        // Three customers' worth of submissions while the SMTP port refuses connections: each is accepted as usual.
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await browser.SubmitFormAsync("/Portal/Requests/New", new Dictionary<string, string?>
            {
                ["Input.Description"] = string.Create(CultureInfo.InvariantCulture, $"邮件服务器停机期间报修 {i}：花洒漏水。"),
            });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            ids.Add(response.RequestIdOfRedirect());
        }

        var messageIds = new List<long>();
        foreach (var id in ids)
        {
            messageIds.Add(await factory.OutboxIdAsync($"RequestReceived:{id}"));
        }

        var failedAt = factory.Time.GetUtcNow().UtcDateTime;
        Assert.Equal(0, await factory.Sender().SendDueAsync(CancellationToken.None));

        var pending = await factory.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => messageIds.Contains(m.Id)).ToListAsync());
        Assert.Equal(messageIds.Count, pending.Count);
        Assert.All(pending, m =>
        {
            Assert.Null(m.SentAt);
            Assert.Equal(1, m.Attempts);
            Assert.Equal(failedAt.AddMinutes(1), m.NextAttemptAt);
            Assert.False(string.IsNullOrEmpty(m.LastError));
            Assert.Null(m.ClaimedBy);
        });

        // The mail server comes back on its port; a minute later the sender's next round delivers everything.
        await using var smtp = FakeSmtpServer.Start(factory.SmtpPort);
        factory.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.True(await factory.Sender().SendDueAsync(CancellationToken.None) >= messageIds.Count);

        // Later rounds find nothing more to send.
        factory.Time.Advance(TimeSpan.FromHours(2));
        await factory.Sender().SendDueAsync(CancellationToken.None);

        var received = smtp.Received.Select(m => m.Headers["X-Outbox-Id"]).ToList();
        Assert.Equal(received.Count, received.Distinct().Count());
        foreach (var messageId in messageIds)
        {
            Assert.Single(received, r => r == messageId.ToString(CultureInfo.InvariantCulture));
        }

        var sent = await factory.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => messageIds.Contains(m.Id)).ToListAsync());
        Assert.All(sent, m => Assert.NotNull(m.SentAt));
        var mail = smtp.Received.Single(m => m.Headers["X-Outbox-Id"] == messageIds[0].ToString(CultureInfo.InvariantCulture));
        Assert.Equal(DemoData.CustomerEmail, mail.To.Mailboxes.Single().Address);
        Assert.Contains(await factory.RequestNumberAsync(ids[0]), mail.TextBody, StringComparison.Ordinal);
    }
}

/// <summary>The app sending mail over SMTP to a loopback port where nothing listens (yet).</summary>
public sealed class SmtpAppFactory : AppFactory
{
    public int SmtpPort { get; } = AppProcess.FreePort();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Email:Mode", "Smtp");
        builder.UseSetting("Email:Host", "127.0.0.1");
        builder.UseSetting("Email:Port", SmtpPort.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Email:UseStartTls", "false");
    }
}

/// <summary>Just enough of an SMTP server on a loopback port to accept mail: every message it received, parsed.</summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private FakeSmtpServer(TcpListener listener)
    {
        _listener = listener;
        _accepting = Task.Run(AcceptAsync);
    }

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    public static FakeSmtpServer Start(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return new FakeSmtpServer(listener);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ConverseAsync(client));
        }
    }

    private async Task ConverseAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 fake-smtp ready");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 fake-smtp");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        using (var content = new MemoryStream(Encoding.UTF8.GetBytes(data.ToString())))
                        {
                            Received.Enqueue(await MimeMessage.LoadAsync(content));
                        }

                        await writer.WriteLineAsync("250 queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default:
                        // MAIL FROM, RCPT TO, RSET, NOOP: accepted.
                        await writer.WriteLineAsync("250 ok");
                        break;
                }
            }
        }
    }
}
