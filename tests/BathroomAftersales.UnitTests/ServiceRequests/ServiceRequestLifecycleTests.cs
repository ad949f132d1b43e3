using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.ServiceRequests;

namespace BathroomAftersales.UnitTests.ServiceRequests;

public class ServiceRequestLifecycleTests
{
    private readonly RequestScenario _scenario = new();

    [Fact]
    public void Acknowledging_records_the_response_time_and_stops_the_response_clock()
    {
        var request = _scenario.Submit();
        _scenario.Clock.Advance(TimeSpan.FromHours(3));
        var acknowledgedAt = _scenario.Now;

        request.Acknowledge(RequestScenario.Agent, acknowledgedAt);
        _scenario.Clock.Advance(TimeSpan.FromDays(3));

        Assert.Equal(acknowledgedAt, request.RespondedAt);
        Assert.False(request.IsResponseOverdue(_scenario.Now));
    }

    [Fact]
    public void The_response_time_is_recorded_only_once()
    {
        var request = _scenario.Submit(RequestType.UsageQuestion);
        _scenario.Clock.Advance(TimeSpan.FromHours(1));
        var acknowledgedAt = _scenario.Now;
        request.Acknowledge(RequestScenario.Agent, acknowledgedAt);
        _scenario.Clock.Advance(TimeSpan.FromHours(5));

        Assert.Throws<DomainException>(() => request.Acknowledge(RequestScenario.Agent, _scenario.Now));
        request.AnswerRemotely("长按冲水键5秒即可复位", RequestScenario.Agent, _scenario.Now);

        Assert.Equal(acknowledgedAt, request.RespondedAt);
    }

    [Fact]
    public void A_remote_answer_without_acknowledgement_counts_as_the_response()
    {
        var request = _scenario.Submit(RequestType.UsageQuestion, withVisitAddress: false);
        _scenario.Clock.Advance(TimeSpan.FromHours(2));

        request.AnswerRemotely("长按冲水键5秒即可复位", RequestScenario.Agent, _scenario.Now);

        Assert.Equal(_scenario.Now, request.RespondedAt);
        Assert.Equal(_scenario.Now, request.CompletedAt);
        Assert.Equal(RequestStatus.Completed, request.Status);
    }

    [Fact]
    public void Dispatch_sets_the_technician_and_the_appointment_window()
    {
        var request = _scenario.DriveTo(RequestStatus.Acknowledged);
        var window = _scenario.WindowTomorrow();

        request.Dispatch(RequestScenario.NewTechnician(), window, RequestScenario.Agent, _scenario.Now);

        Assert.Equal(RequestStatus.Scheduled, request.Status);
        Assert.NotNull(request.TechnicianId);
        Assert.Equal(window.Start, request.AppointmentStart);
        Assert.Equal(window.End, request.AppointmentEnd);
    }

    [Fact]
    public void Redispatch_without_a_reason_is_refused()
    {
        var request = _scenario.DriveTo(RequestStatus.Scheduled);
        var firstStart = request.AppointmentStart;
        var eventsBefore = request.Events.Count;
        _scenario.Clock.Advance(TimeSpan.FromHours(1));

        var refusal = Assert.Throws<DomainException>(() =>
            request.Dispatch(RequestScenario.NewTechnician(), _scenario.WindowTomorrow(), RequestScenario.Agent, _scenario.Now, "  "));

        Assert.Equal("Request.ReasonRequired", refusal.Code);
        Assert.Equal(firstStart, request.AppointmentStart);
        Assert.Equal(eventsBefore, request.Events.Count);
    }

    [Fact]
    public void Redispatch_with_a_reason_moves_the_appointment_and_keeps_the_first_dispatch_on_the_timeline()
    {
        var request = _scenario.DriveTo(RequestStatus.Scheduled);
        var firstStart = request.AppointmentStart;
        _scenario.Clock.Advance(TimeSpan.FromHours(1));
        var newWindow = new AppointmentWindow(_scenario.Now.AddDays(2), _scenario.Now.AddDays(2).AddHours(3));

        request.Dispatch(RequestScenario.NewTechnician(), newWindow, RequestScenario.Agent, _scenario.Now, "客户出差，改到后天");

        Assert.Equal(RequestStatus.Scheduled, request.Status);
        Assert.Equal(newWindow.Start, request.AppointmentStart);
        Assert.NotEqual(firstStart, request.AppointmentStart);
        var dispatches = request.Events
            .Where(e => e.Kind is RequestEventKind.Dispatched or RequestEventKind.Redispatched)
            .ToList();
        Assert.Equal(2, dispatches.Count);
        Assert.Equal(RequestEventKind.Dispatched, dispatches[0].Kind);
        Assert.Equal(RequestEventKind.Redispatched, dispatches[1].Kind);
        Assert.Equal("客户出差，改到后天", dispatches[1].Note);
    }

    [Fact]
    public void Dispatch_to_an_inactive_technician_is_refused()
    {
        var request = _scenario.DriveTo(RequestStatus.Acknowledged);
        var technician = RequestScenario.NewTechnician();
        technician.Deactivate();

        var refusal = Assert.Throws<DomainException>(() =>
            request.Dispatch(technician, _scenario.WindowTomorrow(), RequestScenario.Agent, _scenario.Now));

        Assert.Equal("Request.TechnicianInactive", refusal.Code);
        Assert.Equal(RequestStatus.Acknowledged, request.Status);
        Assert.Null(request.TechnicianId);
    }

    [Fact]
    public void Dispatch_with_a_window_that_starts_in_the_past_is_refused()
    {
        var request = _scenario.DriveTo(RequestStatus.Acknowledged);
        var window = new AppointmentWindow(_scenario.Now.AddTicks(-1), _scenario.Now.AddHours(2));

        var refusal = Assert.Throws<DomainException>(() =>
            request.Dispatch(RequestScenario.NewTechnician(), window, RequestScenario.Agent, _scenario.Now));

        Assert.Equal("Request.WindowInPast", refusal.Code);
        Assert.Equal(RequestStatus.Acknowledged, request.Status);
        Assert.Null(request.AppointmentStart);
    }

    [Fact]
    public void Dispatch_with_a_window_that_starts_right_now_is_accepted()
    {
        var request = _scenario.DriveTo(RequestStatus.Acknowledged);
        var window = new AppointmentWindow(_scenario.Now, _scenario.Now.AddHours(2));

        request.Dispatch(RequestScenario.NewTechnician(), window, RequestScenario.Agent, _scenario.Now);

        Assert.Equal(RequestStatus.Scheduled, request.Status);
    }

    [Fact]
    public void Dispatch_of_a_request_without_a_visit_address_is_refused()
    {
        var request = _scenario.Submit(RequestType.UsageQuestion, withVisitAddress: false);
        request.Acknowledge(RequestScenario.Agent, _scenario.Now);

        var refusal = Assert.Throws<DomainException>(() =>
            request.Dispatch(RequestScenario.NewTechnician(), _scenario.WindowTomorrow(), RequestScenario.Agent, _scenario.Now));

        Assert.Equal("Request.VisitAddressRequired", refusal.Code);
        Assert.Equal(RequestStatus.Acknowledged, request.Status);
    }

    [Theory]
    [InlineData(RequestType.Repair)]
    [InlineData(RequestType.PartsReplacement)]
    public void A_request_that_needs_a_visit_cannot_be_submitted_without_a_visit_address(RequestType type)
    {
        var refusal = Assert.Throws<DomainException>(() => _scenario.Submit(type, withVisitAddress: false));

        Assert.Equal("Request.VisitAddressRequired", refusal.Code);
    }

    [Theory]
    [InlineData(RequestType.Repair)]
    [InlineData(RequestType.PartsReplacement)]
    public void A_remote_answer_is_refused_for_a_request_that_needs_a_visit(RequestType type)
    {
        var request = _scenario.DriveTo(RequestStatus.Acknowledged, type);
        var eventsBefore = request.Events.Count;

        var refusal = Assert.Throws<DomainException>(() =>
            request.AnswerRemotely("请自行更换", RequestScenario.Agent, _scenario.Now));

        Assert.Equal("Request.NotRemote", refusal.Code);
        Assert.Equal(RequestStatus.Acknowledged, request.Status);
        Assert.Null(request.CompletedAt);
        Assert.Equal(eventsBefore, request.Events.Count);
    }

    [Theory]
    [InlineData(RequestType.UsageQuestion)]
    [InlineData(RequestType.InstallationGuidance)]
    [InlineData(RequestType.Maintenance)]
    public void A_remote_only_request_can_be_answered_and_completed_without_a_visit(RequestType type)
    {
        var request = _scenario.Submit(type, withVisitAddress: false);

        request.AnswerRemotely("请参考说明书第5页", RequestScenario.Agent, _scenario.Now);

        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.Equal("请参考说明书第5页", request.Events.Last().Note);
    }

    [Fact]
    public void Completing_a_visit_requires_a_work_summary()
    {
        var request = _scenario.DriveTo(RequestStatus.InProgress);

        var refusal = Assert.Throws<DomainException>(() =>
            request.Complete(" ", RequestScenario.FieldTechnician, _scenario.Now));

        Assert.Equal("Domain.Required", refusal.Code);
        Assert.Equal(RequestStatus.InProgress, request.Status);
        Assert.Null(request.CompletedAt);
    }

    [Fact]
    public void An_emergency_cannot_be_confirmed_before_its_incident_review()
    {
        var request = _scenario.DriveTo(RequestStatus.Completed, priority: RequestPriority.Emergency);
        var eventsBefore = request.Events.Count;

        var refusal = Assert.Throws<DomainException>(() =>
            request.ConfirmAndRate(5, null, RequestScenario.Customer, _scenario.Now));

        Assert.Equal("Request.IncidentReviewRequired", refusal.Code);
        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.Null(request.Rating);
        Assert.Equal(eventsBefore, request.Events.Count);
    }

    [Fact]
    public void An_emergency_cannot_close_by_itself_before_its_incident_review()
    {
        var request = _scenario.DriveTo(RequestStatus.Completed, priority: RequestPriority.Emergency);
        _scenario.Clock.Advance(TimeSpan.FromDays(20));

        Assert.False(request.CanAutoClose(_scenario.Now));
        var refusal = Assert.Throws<DomainException>(() => request.AutoClose(_scenario.Now));

        Assert.Equal("Request.IncidentReviewRequired", refusal.Code);
        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.Null(request.ClosedAt);
    }

    [Fact]
    public void An_emergency_can_be_confirmed_after_its_incident_review()
    {
        var request = _scenario.DriveTo(RequestStatus.Completed, priority: RequestPriority.Emergency);
        request.RecordIncidentReview("软管老化爆裂", "更换为不锈钢编织软管；年检时检查", RequestScenario.Reviewer, _scenario.Now);

        request.ConfirmAndRate(5, null, RequestScenario.Customer, _scenario.Now);

        Assert.Equal(RequestStatus.Closed, request.Status);
        Assert.Equal("软管老化爆裂", request.IncidentRootCause);
        Assert.Equal("更换为不锈钢编织软管；年检时检查", request.IncidentPreventiveMeasures);
        Assert.Equal(RequestScenario.Reviewer.DisplayName, request.IncidentReviewedBy);
    }

    [Fact]
    public void An_emergency_closes_by_itself_after_its_incident_review()
    {
        var request = _scenario.DriveTo(RequestStatus.Completed, priority: RequestPriority.Emergency);
        _scenario.RecordIncidentReview(request);
        _scenario.Clock.Advance(ServiceRequest.AutoCloseAfter);

        request.AutoClose(_scenario.Now);

        Assert.Equal(RequestStatus.Closed, request.Status);
        Assert.Equal(RequestEventKind.AutoClosed, request.Events.Last().Kind);
    }

    [Fact]
    public void An_incident_review_is_refused_for_a_request_that_is_not_an_emergency()
    {
        var request = _scenario.DriveTo(RequestStatus.Completed);

        var refusal = Assert.Throws<DomainException>(() => _scenario.RecordIncidentReview(request));

        Assert.Equal("Request.ReviewOnlyForEmergency", refusal.Code);
        Assert.False(request.HasIncidentReview);
    }

    [Fact]
    public void An_incident_review_needs_both_a_root_cause_and_preventive_measures()
    {
        var request = _scenario.DriveTo(RequestStatus.Completed, priority: RequestPriority.Emergency);

        Assert.Throws<DomainException>(() =>
            request.RecordIncidentReview("软管老化", " ", RequestScenario.Reviewer, _scenario.Now));
        Assert.Throws<DomainException>(() =>
            request.RecordIncidentReview("", "年检", RequestScenario.Reviewer, _scenario.Now));

        Assert.False(request.HasIncidentReview);
    }

    [Fact]
    public void A_request_can_be_reopened_exactly_30_days_after_completion()
    {
        var request = _scenario.DriveTo(RequestStatus.Completed);
        _scenario.Clock.Advance(ServiceRequest.ReopenWithin);

        request.Reopen("还是漏水", RequestScenario.Customer, _scenario.Now);

        Assert.Equal(RequestStatus.Reopened, request.Status);
    }

    [Fact]
    public void Reopening_30_days_and_one_tick_after_completion_is_refused()
    {
        var request = _scenario.DriveTo(RequestStatus.Completed);
        _scenario.Clock.Advance(ServiceRequest.ReopenWithin + TimeSpan.FromTicks(1));

        var refusal = Assert.Throws<DomainException>(() =>
            request.Reopen("还是漏水", RequestScenario.Customer, _scenario.Now));

        Assert.Equal("Request.ReopenPeriodOver", refusal.Code);
        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.Equal(0, request.ReopenCount);
    }

    [Fact]
    public void The_reopen_period_of_a_closed_request_counts_from_completion_not_from_closing()
    {
        var request = _scenario.DriveTo(RequestStatus.Completed);
        var completedAt = _scenario.Now;
        _scenario.Clock.Advance(TimeSpan.FromDays(10));
        _scenario.Close(request);
        _scenario.Clock.AdjustTime(new DateTimeOffset(completedAt + ServiceRequest.ReopenWithin + TimeSpan.FromTicks(1)));

        var refusal = Assert.Throws<DomainException>(() =>
            request.Reopen("还是漏水", RequestScenario.Customer, _scenario.Now));

        Assert.Equal("Request.ReopenPeriodOver", refusal.Code);
        Assert.Equal(RequestStatus.Closed, request.Status);
    }

    [Fact]
    public void Reopening_a_closed_request_clears_its_rating_and_closing_time()
    {
        var request = _scenario.DriveTo(RequestStatus.Closed);

        request.Reopen("还是漏水", RequestScenario.Customer, _scenario.Now);

        Assert.Equal(RequestStatus.Reopened, request.Status);
        Assert.Null(request.Rating);
        Assert.Null(request.ClosedAt);
        Assert.Null(request.CompletedAt);
    }

    [Fact]
    public void Reopening_needs_a_reason()
    {
        var request = _scenario.DriveTo(RequestStatus.Completed);

        var refusal = Assert.Throws<DomainException>(() =>
            request.Reopen("", RequestScenario.Customer, _scenario.Now));

        Assert.Equal("Request.ReasonRequired", refusal.Code);
        Assert.Equal(RequestStatus.Completed, request.Status);
    }

    [Fact]
    public void Every_reopen_is_counted_as_rework()
    {
        var request = _scenario.DriveTo(RequestStatus.Completed);
        Assert.Equal(0, request.ReopenCount);

        _scenario.Reopen(request);
        Assert.Equal(1, request.ReopenCount);

        _scenario.Dispatch(request);
        _scenario.StartVisit(request);
        _scenario.Complete(request);
        _scenario.Close(request);
        _scenario.Reopen(request);

        Assert.Equal(2, request.ReopenCount);
        Assert.Equal(2, request.Events.Count(e => e.Kind == RequestEventKind.Reopened));
    }

    [Fact]
    public void A_completed_request_closes_by_itself_exactly_7_days_after_completion()
    {
        var request = _scenario.DriveTo(RequestStatus.Completed);
        var completedAt = _scenario.Now;
        _scenario.Clock.Advance(ServiceRequest.AutoCloseAfter);

        Assert.True(request.CanAutoClose(_scenario.Now));
        request.AutoClose(_scenario.Now);

        Assert.Equal(RequestStatus.Closed, request.Status);
        Assert.Equal(completedAt.AddDays(7), request.ClosedAt);
        Assert.Null(request.Rating);
        Assert.Equal(RequestActor.System.DisplayName, request.Events.Last().ActorName);
    }

    [Fact]
    public void A_completed_request_does_not_close_by_itself_one_tick_before_7_days()
    {
        var request = _scenario.DriveTo(RequestStatus.Completed);
        _scenario.Clock.Advance(ServiceRequest.AutoCloseAfter - TimeSpan.FromTicks(1));

        Assert.False(request.CanAutoClose(_scenario.Now));
        var refusal = Assert.Throws<DomainException>(() => request.AutoClose(_scenario.Now));

        Assert.Equal("Request.AutoCloseTooEarly", refusal.Code);
        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.Null(request.ClosedAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void A_rating_outside_1_to_5_is_refused(int rating)
    {
        var request = _scenario.DriveTo(RequestStatus.Completed);

        var refusal = Assert.Throws<DomainException>(() =>
            request.ConfirmAndRate(rating, null, RequestScenario.Customer, _scenario.Now));

        Assert.Equal("Request.RatingOutOfRange", refusal.Code);
        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.Null(request.Rating);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void A_rating_from_1_to_5_closes_the_request_with_the_rating(int rating)
    {
        var request = _scenario.DriveTo(RequestStatus.Completed);

        request.ConfirmAndRate(rating, "  很满意  ", RequestScenario.Customer, _scenario.Now);

        Assert.Equal(RequestStatus.Closed, request.Status);
        Assert.Equal(rating, request.Rating);
        Assert.Equal("很满意", request.RatingComment);
        Assert.Equal(_scenario.Now, request.ClosedAt);
    }

    [Fact]
    public void Cancelling_needs_a_reason()
    {
        var request = _scenario.Submit();

        var refusal = Assert.Throws<DomainException>(() =>
            request.Cancel(" ", byCustomer: true, RequestScenario.Customer, _scenario.Now));

        Assert.Equal("Request.ReasonRequired", refusal.Code);
        Assert.Equal(RequestStatus.Submitted, request.Status);
        Assert.Null(request.CancelledAt);
    }

    [Fact]
    public void Changing_to_the_same_priority_is_refused()
    {
        var request = _scenario.Submit();

        var refusal = Assert.Throws<DomainException>(() =>
            request.ChangePriority(RequestPriority.Normal, "重复", ServiceLevelPolicy.Default, RequestScenario.Agent, _scenario.Now));

        Assert.Equal("Request.PriorityUnchanged", refusal.Code);
    }

    [Fact]
    public void Changing_to_the_same_type_is_refused()
    {
        var request = _scenario.Submit(RequestType.Repair);

        var refusal = Assert.Throws<DomainException>(() =>
            request.ChangeType(RequestType.Repair, "重复", ServiceLevelPolicy.Default, RequestScenario.Agent, _scenario.Now));

        Assert.Equal("Request.TypeUnchanged", refusal.Code);
    }

    [Fact]
    public void Priority_and_type_changes_and_internal_notes_are_hidden_from_the_customer()
    {
        var request = _scenario.Submit(RequestType.Repair);

        request.ChangePriority(RequestPriority.High, "老人独居", ServiceLevelPolicy.Default, RequestScenario.Agent, _scenario.Now);
        request.ChangeType(RequestType.PartsReplacement, "需要换件", ServiceLevelPolicy.Default, RequestScenario.Agent, _scenario.Now);
        request.AddComment("客户脾气急，注意沟通", visibleToCustomer: false, RequestScenario.Agent, _scenario.Now);
        request.AddComment("师傅明天上午到", visibleToCustomer: true, RequestScenario.Agent, _scenario.Now);

        var visible = request.Events.Where(e => e.VisibleToCustomer).Select(e => e.Kind).ToList();
        Assert.Equal([RequestEventKind.Submitted, RequestEventKind.Comment], visible);
        Assert.Equal("Normal → High: 老人独居", request.Events.Single(e => e.Kind == RequestEventKind.PriorityChanged).Note);
    }

    public static TheoryData<RequestStatus, CustomerActions> CustomerActionsByStatus() => new()
    {
        { RequestStatus.Submitted, CustomerActions.Cancel | CustomerActions.AddMessage },
        { RequestStatus.Acknowledged, CustomerActions.Cancel | CustomerActions.AddMessage },
        { RequestStatus.Scheduled, CustomerActions.AddMessage },
        { RequestStatus.InProgress, CustomerActions.AddMessage },
        { RequestStatus.Completed, CustomerActions.ConfirmAndRate | CustomerActions.Reopen | CustomerActions.AddMessage },
        { RequestStatus.Closed, CustomerActions.Reopen },
        { RequestStatus.Cancelled, CustomerActions.None },
        { RequestStatus.Reopened, CustomerActions.Cancel | CustomerActions.AddMessage },
    };

    [Theory]
    [MemberData(nameof(CustomerActionsByStatus))]
    public void The_customer_is_offered_exactly_the_actions_the_status_allows(RequestStatus status, CustomerActions expected)
    {
        var request = _scenario.DriveTo(status);

        Assert.Equal(expected, request.AllowedCustomerActions(_scenario.Now));
    }

    [Fact]
    public void A_closed_request_offers_the_customer_nothing_once_the_reopen_period_is_over()
    {
        var request = _scenario.DriveTo(RequestStatus.Closed);
        var completedAt = request.Events.Last(e => e.Kind == RequestEventKind.Completed).At;

        Assert.Equal(CustomerActions.Reopen, request.AllowedCustomerActions(completedAt + ServiceRequest.ReopenWithin));
        Assert.Equal(CustomerActions.None, request.AllowedCustomerActions(completedAt + ServiceRequest.ReopenWithin + TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void A_completed_emergency_without_review_does_not_offer_the_customer_to_confirm()
    {
        var request = _scenario.DriveTo(RequestStatus.Completed, priority: RequestPriority.Emergency);

        Assert.Equal(CustomerActions.Reopen | CustomerActions.AddMessage, request.AllowedCustomerActions(_scenario.Now));

        _scenario.RecordIncidentReview(request);

        Assert.Equal(
            CustomerActions.ConfirmAndRate | CustomerActions.Reopen | CustomerActions.AddMessage,
            request.AllowedCustomerActions(_scenario.Now));
    }

    [Fact]
    public void Every_event_on_the_timeline_records_who_did_it()
    {
        var request = _scenario.DriveTo(RequestStatus.Closed);

        Assert.Equal(
            [
                (RequestEventKind.Submitted, RequestScenario.Customer.UserId),
                (RequestEventKind.Acknowledged, RequestScenario.Agent.UserId),
                (RequestEventKind.Dispatched, RequestScenario.Agent.UserId),
                (RequestEventKind.VisitStarted, RequestScenario.FieldTechnician.UserId),
                (RequestEventKind.Completed, RequestScenario.FieldTechnician.UserId),
                (RequestEventKind.Closed, RequestScenario.Customer.UserId),
            ],
            request.Events.Select(e => (e.Kind, e.ActorUserId)));
    }

    [Fact]
    public void An_appointment_window_must_end_after_it_starts()
    {
        var start = _scenario.Now.AddDays(1);

        var refusal = Assert.Throws<DomainException>(() => new AppointmentWindow(start, start));

        Assert.Equal("Appointment.EndBeforeStart", refusal.Code);
    }

    [Fact]
    public void An_appointment_window_can_be_at_most_12_hours_long()
    {
        var start = _scenario.Now.AddDays(1);

        var longest = new AppointmentWindow(start, start.AddHours(12));
        var refusal = Assert.Throws<DomainException>(() => new AppointmentWindow(start, start.AddHours(12).AddTicks(1)));

        Assert.Equal(start.AddHours(12), longest.End);
        Assert.Equal("Appointment.TooLong", refusal.Code);
    }
}
