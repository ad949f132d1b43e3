using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.Notifications;

/// <summary>
/// An email waiting to be sent, written in the same transaction as the change it reports, so a change is never
/// committed without its message and a message never leaves for a change that was rolled back. A background sender
/// claims due messages (one instance at a time per message), sends them, and retries failures with backoff.
/// </summary>
public sealed class OutboxMessage
{
    public const int SubjectMaxLength = 200;
    public const int BodyMaxLength = 8000;
    public const int MaxAttempts = 10;

    private OutboxMessage()
    {
        Kind = string.Empty;
        To = string.Empty;
        Subject = string.Empty;
        Body = string.Empty;
    }

    public OutboxMessage(string kind, string to, string subject, string body, string? deduplicationKey, DateTime nowUtc)
    {
        Kind = Guard.Required(kind, nameof(Kind), 50);
        To = Guard.Required(to, nameof(To), 256);
        Subject = Guard.Required(subject, nameof(Subject), SubjectMaxLength);
        Body = Guard.Required(body, nameof(Body), BodyMaxLength);
        DeduplicationKey = Guard.Optional(deduplicationKey, nameof(DeduplicationKey), 200);
        CreatedAt = Guard.Utc(nowUtc, nameof(nowUtc));
        NextAttemptAt = CreatedAt;
    }

    public long Id { get; private set; }

    /// <summary>What the message is about, e.g. "RequestReceived"; for logs and filters.</summary>
    public string Kind { get; private set; }

    public string To { get; private set; }

    public string Subject { get; private set; }

    public string Body { get; private set; }

    /// <summary>Unique when set: the same event can never queue the same message twice.</summary>
    public string? DeduplicationKey { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime NextAttemptAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTime? SentAt { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The sender that holds the message until <see cref="ClaimedUntil"/>; another instance waits.</summary>
    public string? ClaimedBy { get; private set; }

    public DateTime? ClaimedUntil { get; private set; }

    public bool IsDue(DateTime nowUtc) =>
        SentAt is null && Attempts < MaxAttempts && NextAttemptAt <= nowUtc && (ClaimedUntil is null || ClaimedUntil < nowUtc);

    public void Claim(string sender, DateTime untilUtc)
    {
        ClaimedBy = sender;
        ClaimedUntil = untilUtc;
    }

    public void MarkSent(DateTime nowUtc)
    {
        SentAt = nowUtc;
        LastError = null;
        ClaimedBy = null;
        ClaimedUntil = null;
    }

    /// <summary>Exponential backoff: 1, 2, 4 … minutes, at most an hour between attempts.</summary>
    public void MarkFailed(string error, DateTime nowUtc)
    {
        Attempts++;
        LastError = error is { Length: > 1000 } ? error[..1000] : error;
        NextAttemptAt = nowUtc.AddMinutes(Math.Min(60, Math.Pow(2, Attempts - 1)));
        ClaimedBy = null;
        ClaimedUntil = null;
    }
}
