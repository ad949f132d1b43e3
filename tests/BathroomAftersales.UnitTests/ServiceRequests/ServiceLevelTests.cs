using BathroomAftersales.Domain.ServiceRequests;

using Microsoft.Extensions.Time.Testing;

namespace BathroomAftersales.UnitTests.ServiceRequests;

public class ServiceLevelTests
{
    private static readonly DateTime SubmittedAt = new(2026, 11, 25, 1, 0, 0, DateTimeKind.Utc);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero));

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    [Fact]
    public void A_response_is_due_24_hours_after_submission()
    {
        var request = Submit(RequestType.Repair, RequestPriority.Normal);

        Assert.Equal(SubmittedAt, request.SubmittedAt);
        Assert.Equal(new DateTime(2026, 11, 26, 1, 0, 0, DateTimeKind.Utc), request.ResponseDueAt);
    }

    [Fact]
    public void An_emergency_response_is_due_2_hours_after_submission()
    {
        var request = Submit(RequestType.Repair, RequestPriority.Emergency);

        Assert.Equal(new DateTime(2026, 11, 25, 3, 0, 0, DateTimeKind.Utc), request.ResponseDueAt);
    }

    [Theory]
    [InlineData(RequestPriority.Low)]
    [InlineData(RequestPriority.Normal)]
    [InlineData(RequestPriority.High)]
    public void Every_priority_below_emergency_gets_24_hours_to_respond(RequestPriority priority)
    {
        var request = Submit(RequestType.Repair, priority);

        Assert.Equal(SubmittedAt.AddHours(24), request.ResponseDueAt);
    }

    [Theory]
    [InlineData(0, 23, 59, 59, false)]
    [InlineData(1, 0, 0, 0, false)]
    [InlineData(1, 0, 0, 1, true)]
    public void An_unanswered_request_is_overdue_only_after_24_hours_have_passed(
        int days,
        int hours,
        int minutes,
        int seconds,
        bool overdue)
    {
        var request = Submit(RequestType.Repair, RequestPriority.Normal);

        _clock.Advance(new TimeSpan(days, hours, minutes, seconds));

        Assert.Equal(overdue, request.IsResponseOverdue(Now));
    }

    [Theory]
    [InlineData(7199, false)]
    [InlineData(7200, false)]
    [InlineData(7201, true)]
    public void An_unanswered_emergency_is_overdue_after_2_hours(int seconds, bool overdue)
    {
        var request = Submit(RequestType.Repair, RequestPriority.Emergency);

        _clock.Advance(TimeSpan.FromSeconds(seconds));

        Assert.Equal(overdue, request.IsResponseOverdue(Now));
    }

    [Fact]
    public void A_request_answered_in_time_never_becomes_response_overdue()
    {
        var request = Submit(RequestType.Repair, RequestPriority.Normal);
        _clock.Advance(TimeSpan.FromHours(23));
        request.Acknowledge(RequestScenario.Agent, Now);

        _clock.Advance(TimeSpan.FromDays(2));

        Assert.False(request.IsResponseOverdue(Now));
    }

    [Fact]
    public void A_late_acknowledgement_stops_the_request_being_listed_as_overdue_but_records_the_late_time()
    {
        var request = Submit(RequestType.Repair, RequestPriority.Normal);
        _clock.Advance(TimeSpan.FromHours(30));
        Assert.True(request.IsResponseOverdue(Now));

        request.Acknowledge(RequestScenario.Agent, Now);

        Assert.False(request.IsResponseOverdue(Now));
        Assert.True(request.RespondedAt > request.ResponseDueAt);
    }

    [Fact]
    public void A_request_cancelled_before_a_response_is_not_response_overdue()
    {
        var request = Submit(RequestType.Repair, RequestPriority.Normal);
        request.Cancel("不需要了", byCustomer: true, RequestScenario.Customer, Now);

        _clock.Advance(TimeSpan.FromDays(2));

        Assert.False(request.IsResponseOverdue(Now));
    }

    [Theory]
    [InlineData(RequestType.Repair, 72)]
    [InlineData(RequestType.PartsReplacement, 120)]
    [InlineData(RequestType.Maintenance, 120)]
    [InlineData(RequestType.InstallationGuidance, 48)]
    [InlineData(RequestType.UsageQuestion, 24)]
    public void Completion_is_due_after_the_target_hours_of_the_type(RequestType type, int hours)
    {
        var request = Submit(type, RequestPriority.Normal);

        Assert.Equal(SubmittedAt.AddHours(hours), request.CompletionDueAt);
    }

    [Theory]
    [InlineData(RequestType.Repair)]
    [InlineData(RequestType.PartsReplacement)]
    [InlineData(RequestType.Maintenance)]
    [InlineData(RequestType.InstallationGuidance)]
    [InlineData(RequestType.UsageQuestion)]
    public void An_emergency_of_any_type_must_be_completed_within_24_hours(RequestType type)
    {
        var request = Submit(type, RequestPriority.Emergency);

        Assert.Equal(SubmittedAt.AddHours(24), request.CompletionDueAt);
    }

    [Fact]
    public void Completion_targets_come_from_the_configured_policy()
    {
        var policy = ServiceLevelPolicy.Default with { RepairCompletionHours = 48, ResponseHours = 12 };

        var request = Submit(RequestType.Repair, RequestPriority.Normal, policy);

        Assert.Equal(SubmittedAt.AddHours(12), request.ResponseDueAt);
        Assert.Equal(SubmittedAt.AddHours(48), request.CompletionDueAt);
    }

    [Fact]
    public void An_unfinished_request_is_completion_overdue_only_after_its_target()
    {
        var request = Submit(RequestType.Repair, RequestPriority.Normal);

        _clock.Advance(TimeSpan.FromHours(72));
        Assert.False(request.IsCompletionOverdue(Now));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(request.IsCompletionOverdue(Now));
    }

    [Fact]
    public void Raising_the_priority_to_emergency_before_a_response_brings_the_response_due_time_forward()
    {
        var request = Submit(RequestType.Repair, RequestPriority.Normal);
        _clock.Advance(TimeSpan.FromMinutes(30));

        request.ChangePriority(RequestPriority.Emergency, "现场在漏水", ServiceLevelPolicy.Default, RequestScenario.Agent, Now);

        Assert.Equal(SubmittedAt.AddHours(2), request.ResponseDueAt);
        Assert.Equal(SubmittedAt.AddHours(24), request.CompletionDueAt);
        _clock.Advance(TimeSpan.FromHours(1.5));
        Assert.False(request.IsResponseOverdue(Now));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(request.IsResponseOverdue(Now));
    }

    [Fact]
    public void Raising_the_priority_to_emergency_after_the_response_keeps_the_response_due_time()
    {
        var request = Submit(RequestType.Repair, RequestPriority.Normal);
        _clock.Advance(TimeSpan.FromHours(5));
        request.Acknowledge(RequestScenario.Agent, Now);

        request.ChangePriority(RequestPriority.Emergency, "现场在漏水", ServiceLevelPolicy.Default, RequestScenario.Agent, Now);

        Assert.Equal(SubmittedAt.AddHours(24), request.ResponseDueAt);
        Assert.Equal(SubmittedAt.AddHours(24), request.CompletionDueAt);
    }

    [Fact]
    public void Lowering_an_emergency_before_a_response_gives_back_the_24_hour_response_time()
    {
        var request = Submit(RequestType.Repair, RequestPriority.Emergency);

        request.ChangePriority(RequestPriority.Normal, "误报，仅轻微滴水", ServiceLevelPolicy.Default, RequestScenario.Agent, Now);

        Assert.Equal(SubmittedAt.AddHours(24), request.ResponseDueAt);
        Assert.Equal(SubmittedAt.AddHours(72), request.CompletionDueAt);
    }

    [Fact]
    public void Changing_the_type_moves_the_completion_due_time_to_the_new_target()
    {
        var request = Submit(RequestType.Repair, RequestPriority.Normal);
        request.Acknowledge(RequestScenario.Agent, Now);

        request.ChangeType(RequestType.PartsReplacement, "需要更换阀芯", ServiceLevelPolicy.Default, RequestScenario.Agent, Now);

        Assert.Equal(SubmittedAt.AddHours(120), request.CompletionDueAt);
    }

    private ServiceRequest Submit(RequestType type, RequestPriority priority, ServiceLevelPolicy? policy = null) =>
        ServiceRequest.Submit(
            RequestNumber.Format(new DateOnly(2026, 11, 25), 1),
            customerId: 1,
            product: null,
            type,
            RequestChannel.Phone,
            priority,
            "龙头关不紧",
            RequestScenario.Home,
            policy ?? ServiceLevelPolicy.Default,
            RequestScenario.Customer,
            Now);
}
