using BathroomAftersales.Domain.Notifications;
using Microsoft.Extensions.Time.Testing;

namespace BathroomAftersales.UnitTests.Notifications;

public sealed class OutboxMessageTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero));

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    [Fact]
    public void A_new_message_is_due_at_once()
    {
        var message = NewMessage();

        Assert.True(message.IsDue(Now));
        Assert.Equal(0, message.Attempts);
    }

    [Fact]
    public void Failures_back_off_1_2_4_minutes_and_at_most_an_hour()
    {
        var message = NewMessage();
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            message.MarkFailed("connection refused", Now);
            waits.Add(message.NextAttemptAt - Now);
        }

        Assert.Equal(
            [1, 2, 4, 8, 16, 32, 60, 60],
            waits.Select(w => (int)w.TotalMinutes));
        Assert.Equal(8, message.Attempts);
    }

    [Fact]
    public void A_failed_message_is_not_due_before_its_next_attempt()
    {
        var message = NewMessage();
        message.MarkFailed("timeout", Now);

        Assert.False(message.IsDue(Now.AddSeconds(59)));
        Assert.True(message.IsDue(Now.AddMinutes(1)));
    }

    [Fact]
    public void A_claimed_message_waits_until_the_claim_expires()
    {
        var message = NewMessage();
        message.Claim("instance-a", Now.AddMinutes(5));

        Assert.False(message.IsDue(Now.AddMinutes(4)));
        Assert.True(message.IsDue(Now.AddMinutes(5).AddSeconds(1)));
    }

    [Fact]
    public void A_sent_message_is_never_due_again()
    {
        var message = NewMessage();
        message.Claim("instance-a", Now.AddMinutes(5));
        message.MarkSent(Now);

        Assert.False(message.IsDue(Now.AddDays(1)));
        Assert.Null(message.ClaimedBy);
    }

    [Fact]
    public void A_message_that_failed_the_maximum_number_of_times_is_given_up()
    {
        var message = NewMessage();
        for (var i = 0; i < OutboxMessage.MaxAttempts; i++)
        {
            message.MarkFailed("mailbox unavailable", Now);
        }

        Assert.False(message.IsDue(Now.AddDays(1)));
    }

    [Fact]
    public void A_long_error_is_cut_to_1000_characters()
    {
        var message = NewMessage();
        message.MarkFailed(new string('x', 5000), Now);

        Assert.Equal(1000, message.LastError!.Length);
    }

    private OutboxMessage NewMessage() => new("RequestReceived", "customer@demo.local", "已收到", "正文", "RequestReceived:1", Now);
}
