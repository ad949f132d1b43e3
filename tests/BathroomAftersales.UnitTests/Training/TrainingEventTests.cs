using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Training;

namespace BathroomAftersales.UnitTests.Training;

public sealed class TrainingEventTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Start = Now.AddDays(7);
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static TrainingEvent Event(int capacity = 2, DateTime? start = null, DateTime? planned = null) =>
        TrainingEvent.Plan("保养讲座", null, start ?? Start, (start ?? Start).AddHours(2), "展示中心", null, capacity, planned ?? Now);

    [Fact]
    public void Registrations_up_to_the_capacity_are_taken_and_the_next_is_refused_as_full()
    {
        var training = Event(capacity: 2);
        training.Register(1, Now);
        training.Register(2, Now);

        var refused = Assert.Throws<DomainException>(() => training.Register(3, Now));

        Assert.Equal("Training.Full", refused.Code);
        Assert.Equal(0, training.SeatsLeft);
    }

    [Fact]
    public void A_cancelled_registration_frees_its_seat()
    {
        var training = Event(capacity: 1);
        training.Register(1, Now);
        training.CancelRegistration(1, Now.AddHours(1));

        training.Register(2, Now.AddHours(2));

        Assert.Equal(0, training.SeatsLeft);
    }

    [Fact]
    public void Registering_for_an_event_that_has_started_is_refused()
    {
        var training = Event();

        Assert.Equal("Training.Past", Assert.Throws<DomainException>(() => training.Register(1, Start)).Code);
    }

    [Fact]
    public void Registering_for_a_cancelled_event_is_refused()
    {
        var training = Event();
        training.Cancel(Now);

        Assert.Equal("Training.Cancelled", Assert.Throws<DomainException>(() => training.Register(1, Now)).Code);
    }

    [Fact]
    public void A_customer_cannot_hold_two_active_registrations_for_one_event()
    {
        var training = Event();
        training.Register(1, Now);

        Assert.Equal("Training.AlreadyRegistered", Assert.Throws<DomainException>(() => training.Register(1, Now)).Code);
    }

    [Fact]
    public void A_registration_cannot_be_cancelled_once_the_event_has_started()
    {
        var training = Event();
        training.Register(1, Now);

        Assert.Equal("Training.CancelTooLate", Assert.Throws<DomainException>(() => training.CancelRegistration(1, Start.AddMinutes(1))).Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public void A_capacity_outside_1_to_500_is_refused(int capacity) =>
        Assert.Equal("Training.Capacity", Assert.Throws<DomainException>(() => Event(capacity)).Code);

    [Theory]
    [InlineData(null, null, "Training.PlaceOrLink")]
    [InlineData(null, "ftp://example.com/x", "Training.LinkScheme")]
    [InlineData(null, "javascript:alert(1)", "Training.LinkScheme")]
    public void A_place_or_an_http_link_is_required(string? place, string? link, string code) =>
        Assert.Equal(code, Assert.Throws<DomainException>(() => TrainingEvent.Plan("讲座", null, Start, Start.AddHours(1), place, link, 10, Now)).Code);

    [Fact]
    public void An_event_is_marked_held_only_after_it_ends()
    {
        var training = Event();

        Assert.Equal("Training.HeldTooEarly", Assert.Throws<DomainException>(() => training.MarkHeld(Start.AddHours(1))).Code);
        training.MarkHeld(Start.AddHours(2));
        Assert.Equal(TrainingEventStatus.Held, training.Status);
    }

    [Fact]
    public void Held_events_are_counted_in_the_Shanghai_year_they_start_in()
    {
        // 2026-12-31 17:00 UTC is already 2027-01-01 01:00 in Shanghai; 2025-12-31 16:30 UTC is 2026-01-01 00:30 there.
        var newYearsNight = Held(new DateTime(2026, 12, 31, 17, 0, 0, DateTimeKind.Utc));
        var firstOfYear = Held(new DateTime(2025, 12, 31, 16, 30, 0, DateTimeKind.Utc));
        var lastOfYear = Held(new DateTime(2026, 12, 31, 15, 0, 0, DateTimeKind.Utc));
        var cancelled = Event(start: new DateTime(2026, 6, 1, 2, 0, 0, DateTimeKind.Utc), planned: new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc));
        cancelled.Cancel(new DateTime(2026, 5, 2, 0, 0, 0, DateTimeKind.Utc));
        var events = new[] { newYearsNight, firstOfYear, lastOfYear, cancelled };

        Assert.Equal(2, TrainingTarget.HeldInYear(events, 2026, Shanghai));
        Assert.Equal(1, TrainingTarget.HeldInYear(events, 2027, Shanghai));
        Assert.True(TrainingTarget.IsMet(2));
        Assert.False(TrainingTarget.IsMet(1));
    }

    private static TrainingEvent Held(DateTime startUtc)
    {
        var training = Event(start: startUtc, planned: startUtc.AddDays(-10));
        training.MarkHeld(startUtc.AddHours(3));
        return training;
    }
}
