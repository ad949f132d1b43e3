using BathroomAftersales.Domain.Notifications;
using BathroomAftersales.Web.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BathroomAftersales.Web.Infrastructure.Notifications;

/// <summary>
/// Delivers the outbox. Every few seconds it claims due messages one by one with a conditional UPDATE, so when several
/// instances run only the one whose UPDATE changed the row sends it; a failure is retried later with the message's
/// backoff, and a claim left by a crashed instance expires.
/// </summary>
public sealed partial class OutboxSender(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<EmailOptions> options,
    IHostEnvironment environment,
    ILogger<OutboxSender> logger) : BackgroundService
{
    /// <summary>Long enough for one slow SMTP conversation; a crashed sender's claim frees the message after it.</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    private readonly string _instance = InstanceName();

    private EmailOptions Options => options.Value;

    /// <summary>Sends every message due now; returns how many were sent. Safe to call concurrently and from many instances.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentAt == null && m.Attempts < OutboxMessage.MaxAttempts && m.NextAttemptAt <= now
                && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(Math.Max(1, Options.BatchSize))
            .ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var id in due)
        {
            if (await TrySendAsync(db, id, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.SenderEnabled)
        {
            return;
        }

        // The database may be briefly unavailable; the next round tries again.
        var interval = TimeSpan.FromSeconds(Math.Max(1, Options.PollSeconds));
        await PeriodicRounds.RunAsync(SendDueAsync, interval, time, exception => LogRoundFailed(logger, exception), stoppingToken);
    }

    private async Task<bool> TrySendAsync(AppDbContext db, long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + ClaimFor;
        var claimed = await db.OutboxMessages
            .Where(m => m.Id == id && m.SentAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, _instance).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
        if (claimed != 1)
        {
            return false;
        }

        db.ChangeTracker.Clear();
        var message = await db.OutboxMessages.FirstAsync(m => m.Id == id, cancellationToken);
        var ok = true;
        try
        {
            await DeliverAsync(message, cancellationToken);
            message.MarkSent(time.GetUtcNow().UtcDateTime);
            LogSent(logger, message.Id, message.Kind);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            message.MarkFailed(exception.Message, time.GetUtcNow().UtcDateTime);
            LogSendFailed(logger, exception, message.Id, message.Attempts, message.NextAttemptAt);
            ok = false;
        }

        // Not the request's token: a message that left must be recorded as sent even while the app stops.
        await db.SaveChangesAsync(CancellationToken.None);
        return ok;
    }

    private async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        using var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(Options.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId();
        mime.Headers.Add("X-Outbox-Id", message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        mime.Body = new TextPart("plain") { Text = message.Body };

        if (Options.UsesSmtp)
        {
            using var client = new SmtpClient();
            client.Timeout = 30_000;
            if (string.IsNullOrWhiteSpace(Options.Host))
            {
                throw new InvalidOperationException("Email:Host is not set.");
            }

            await client.ConnectAsync(
                Options.Host,
                Options.Port,
                Options.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.Auto,
                cancellationToken);
            if (!string.IsNullOrEmpty(Options.User))
            {
                await client.AuthenticateAsync(Options.User, Options.Password ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return;
        }

        var folder = Path.Combine(environment.ContentRootPath, Options.PickupDirectory);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{message.Id}-{Guid.NewGuid():N}.eml");
        await mime.WriteToAsync(path, cancellationToken);
    }

    private static string InstanceName()
    {
        var name = $"{Environment.MachineName}:{Guid.NewGuid():N}";
        return name.Length <= 100 ? name : name[^100..];
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Outbox message {MessageId} ({Kind}) sent")]
    private static partial void LogSent(ILogger logger, long messageId, string kind);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Outbox message {MessageId} failed (attempt {Attempts}); next attempt at {NextAttemptAt:o}")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, long messageId, int attempts, DateTime nextAttemptAt);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Outbox round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
