using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.ServiceRequests;

using static BathroomAftersales.Domain.ServiceRequests.RequestStatus;
using static BathroomAftersales.UnitTests.ServiceRequests.RequestAction;

namespace BathroomAftersales.UnitTests.ServiceRequests;

/// <summary>Everything staff, technicians, the customer or the system can do to a request.</summary>
public enum RequestAction
{
    Acknowledge,
    Dispatch,
    StartVisit,
    Complete,
    AnswerRemotely,
    ConfirmAndRate,
    AutoClose,
    Reopen,
    CancelByCustomer,
    CancelByStaff,
    ChangePriority,
    ChangeType,
    RecordIncidentReview,
    AddComment,
}

public class ServiceRequestTransitionTests
{
    private static RequestStatus? Refused => null;

    /// <summary>
    /// The lifecycle of the domain guide, written out by hand as the oracle: for every status and every action, the
    /// status the request ends in, or <see cref="Refused"/>. Actions that do not move the request (priority, type,
    /// incident review, comment) end in the status they started from.
    /// </summary>
    private static readonly (RequestStatus From, RequestAction Action, RequestStatus? To)[] Lifecycle =
    [
        (Submitted, Acknowledge, Acknowledged),
        (Submitted, Dispatch, Refused),
        (Submitted, StartVisit, Refused),
        (Submitted, Complete, Refused),
        (Submitted, AnswerRemotely, Completed),
        (Submitted, ConfirmAndRate, Refused),
        (Submitted, AutoClose, Refused),
        (Submitted, Reopen, Refused),
        (Submitted, CancelByCustomer, Cancelled),
        (Submitted, CancelByStaff, Cancelled),
        (Submitted, ChangePriority, Submitted),
        (Submitted, ChangeType, Submitted),
        (Submitted, RecordIncidentReview, Refused),
        (Submitted, AddComment, Submitted),

        (Acknowledged, Acknowledge, Refused),
        (Acknowledged, Dispatch, Scheduled),
        (Acknowledged, StartVisit, Refused),
        (Acknowledged, Complete, Refused),
        (Acknowledged, AnswerRemotely, Completed),
        (Acknowledged, ConfirmAndRate, Refused),
        (Acknowledged, AutoClose, Refused),
        (Acknowledged, Reopen, Refused),
        (Acknowledged, CancelByCustomer, Cancelled),
        (Acknowledged, CancelByStaff, Cancelled),
        (Acknowledged, ChangePriority, Acknowledged),
        (Acknowledged, ChangeType, Acknowledged),
        (Acknowledged, RecordIncidentReview, Refused),
        (Acknowledged, AddComment, Acknowledged),

        (Scheduled, Acknowledge, Refused),
        (Scheduled, Dispatch, Scheduled),
        (Scheduled, StartVisit, InProgress),
        (Scheduled, Complete, Refused),
        (Scheduled, AnswerRemotely, Refused),
        (Scheduled, ConfirmAndRate, Refused),
        (Scheduled, AutoClose, Refused),
        (Scheduled, Reopen, Refused),
        (Scheduled, CancelByCustomer, Refused),
        (Scheduled, CancelByStaff, Cancelled),
        (Scheduled, ChangePriority, Scheduled),
        (Scheduled, ChangeType, Scheduled),
        (Scheduled, RecordIncidentReview, Refused),
        (Scheduled, AddComment, Scheduled),

        (InProgress, Acknowledge, Refused),
        (InProgress, Dispatch, Refused),
        (InProgress, StartVisit, Refused),
        (InProgress, Complete, Completed),
        (InProgress, AnswerRemotely, Refused),
        (InProgress, ConfirmAndRate, Refused),
        (InProgress, AutoClose, Refused),
        (InProgress, Reopen, Refused),
        (InProgress, CancelByCustomer, Refused),
        (InProgress, CancelByStaff, Refused),
        (InProgress, ChangePriority, InProgress),
        (InProgress, ChangeType, InProgress),
        (InProgress, RecordIncidentReview, Refused),
        (InProgress, AddComment, InProgress),

        (Completed, Acknowledge, Refused),
        (Completed, Dispatch, Refused),
        (Completed, StartVisit, Refused),
        (Completed, Complete, Refused),
        (Completed, AnswerRemotely, Refused),
        (Completed, ConfirmAndRate, Closed),
        (Completed, AutoClose, Closed),
        (Completed, Reopen, Reopened),
        (Completed, CancelByCustomer, Refused),
        (Completed, CancelByStaff, Refused),
        (Completed, ChangePriority, Completed),
        (Completed, ChangeType, Completed),
        (Completed, RecordIncidentReview, Completed),
        (Completed, AddComment, Completed),

        (Closed, Acknowledge, Refused),
        (Closed, Dispatch, Refused),
        (Closed, StartVisit, Refused),
        (Closed, Complete, Refused),
        (Closed, AnswerRemotely, Refused),
        (Closed, ConfirmAndRate, Refused),
        (Closed, AutoClose, Refused),
        (Closed, Reopen, Reopened),
        (Closed, CancelByCustomer, Refused),
        (Closed, CancelByStaff, Refused),
        (Closed, ChangePriority, Refused),
        (Closed, ChangeType, Refused),
        (Closed, RecordIncidentReview, Refused),
        (Closed, AddComment, Refused),

        (Cancelled, Acknowledge, Refused),
        (Cancelled, Dispatch, Refused),
        (Cancelled, StartVisit, Refused),
        (Cancelled, Complete, Refused),
        (Cancelled, AnswerRemotely, Refused),
        (Cancelled, ConfirmAndRate, Refused),
        (Cancelled, AutoClose, Refused),
        (Cancelled, Reopen, Refused),
        (Cancelled, CancelByCustomer, Refused),
        (Cancelled, CancelByStaff, Refused),
        (Cancelled, ChangePriority, Refused),
        (Cancelled, ChangeType, Refused),
        (Cancelled, RecordIncidentReview, Refused),
        (Cancelled, AddComment, Refused),

        (Reopened, Acknowledge, Refused),
        (Reopened, Dispatch, Scheduled),
        (Reopened, StartVisit, Refused),
        (Reopened, Complete, Refused),
        (Reopened, AnswerRemotely, Completed),
        (Reopened, ConfirmAndRate, Refused),
        (Reopened, AutoClose, Refused),
        (Reopened, Reopen, Refused),
        (Reopened, CancelByCustomer, Cancelled),
        (Reopened, CancelByStaff, Cancelled),
        (Reopened, ChangePriority, Reopened),
        (Reopened, ChangeType, Reopened),
        (Reopened, RecordIncidentReview, Refused),
        (Reopened, AddComment, Reopened),
    ];

    public static TheoryData<RequestStatus, RequestAction, RequestStatus?> Transitions()
    {
        var data = new TheoryData<RequestStatus, RequestAction, RequestStatus?>();
        foreach (var (from, action, to) in Lifecycle)
        {
            data.Add(from, action, to);
        }

        return data;
    }

    [Fact]
    public void The_lifecycle_table_covers_every_status_and_every_action_exactly_once()
    {
        var expected = Enum.GetValues<RequestStatus>()
            .SelectMany(status => Enum.GetValues<RequestAction>().Select(action => (status, action)))
            .Order()
            .ToList();

        var covered = Lifecycle.Select(row => (row.From, row.Action)).Order().ToList();

        Assert.Equal(expected, covered);
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Every_action_in_every_status_is_allowed_or_refused_as_the_lifecycle_says(
        RequestStatus from,
        RequestAction action,
        RequestStatus? to)
    {
        var scenario = new RequestScenario();

        // Maintenance with a visit address can be both visited and answered remotely, so only the status decides.
        // The incident review only exists for emergencies, so those rows use an emergency.
        var request = scenario.DriveTo(
            from,
            RequestType.Maintenance,
            action == RecordIncidentReview ? RequestPriority.Emergency : RequestPriority.Normal);
        var eventsBefore = request.Events.Count;

        // Late enough for an automatic close, early enough for a reopen.
        scenario.Clock.Advance(ServiceRequest.AutoCloseAfter);
        var now = scenario.Now;

        if (to is { } expected)
        {
            Perform(scenario, request, action);

            Assert.Equal(expected, request.Status);
            Assert.Equal(eventsBefore + 1, request.Events.Count);
            var recorded = request.Events.Last();
            Assert.Equal(ExpectedEventKind(from, action), recorded.Kind);
            Assert.Equal(from, recorded.FromStatus);
            Assert.Equal(expected, recorded.ToStatus);
            Assert.Equal(now, recorded.At);
        }
        else
        {
            var refusal = Assert.Throws<DomainException>(() => Perform(scenario, request, action));

            Assert.Equal("Request.IllegalTransition", refusal.Code);
            Assert.Equal(from, request.Status);
            Assert.Equal(eventsBefore, request.Events.Count);
        }
    }

    private static void Perform(RequestScenario scenario, ServiceRequest request, RequestAction action)
    {
        var now = scenario.Now;
        switch (action)
        {
            case Acknowledge:
                request.Acknowledge(RequestScenario.Agent, now);
                break;
            case Dispatch:
                request.Dispatch(RequestScenario.NewTechnician(), scenario.WindowTomorrow(), RequestScenario.Agent, now, "客户改约时间");
                break;
            case StartVisit:
                request.StartVisit(RequestScenario.FieldTechnician, now);
                break;
            case Complete:
                request.Complete("更换进水阀，已恢复出厂标准", RequestScenario.FieldTechnician, now);
                break;
            case AnswerRemotely:
                request.AnswerRemotely("请每半年清洁一次滤网", RequestScenario.Agent, now);
                break;
            case ConfirmAndRate:
                request.ConfirmAndRate(4, null, RequestScenario.Customer, now);
                break;
            case AutoClose:
                request.AutoClose(now);
                break;
            case Reopen:
                request.Reopen("还是漏水", RequestScenario.Customer, now);
                break;
            case CancelByCustomer:
                request.Cancel("不需要了", byCustomer: true, RequestScenario.Customer, now);
                break;
            case CancelByStaff:
                request.Cancel("客户电话要求取消", byCustomer: false, RequestScenario.Agent, now);
                break;
            case ChangePriority:
                request.ChangePriority(RequestPriority.High, "客户家中有老人", ServiceLevelPolicy.Default, RequestScenario.Agent, now);
                break;
            case ChangeType:
                request.ChangeType(RequestType.Repair, "现场判断需要维修", ServiceLevelPolicy.Default, RequestScenario.Agent, now);
                break;
            case RecordIncidentReview:
                request.RecordIncidentReview("进水阀老化", "每年检查进水阀", RequestScenario.Reviewer, now);
                break;
            case AddComment:
                request.AddComment("师傅明天上午到", visibleToCustomer: true, RequestScenario.Agent, now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }

    private static RequestEventKind ExpectedEventKind(RequestStatus from, RequestAction action) => action switch
    {
        Acknowledge => RequestEventKind.Acknowledged,
        Dispatch when from == Scheduled => RequestEventKind.Redispatched,
        Dispatch => RequestEventKind.Dispatched,
        StartVisit => RequestEventKind.VisitStarted,
        Complete => RequestEventKind.Completed,
        AnswerRemotely => RequestEventKind.AnsweredRemotely,
        ConfirmAndRate => RequestEventKind.Closed,
        AutoClose => RequestEventKind.AutoClosed,
        Reopen => RequestEventKind.Reopened,
        CancelByCustomer or CancelByStaff => RequestEventKind.Cancelled,
        ChangePriority => RequestEventKind.PriorityChanged,
        ChangeType => RequestEventKind.TypeChanged,
        RecordIncidentReview => RequestEventKind.IncidentReviewed,
        AddComment => RequestEventKind.Comment,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
