using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Technicians;

namespace BathroomAftersales.Domain.ServiceRequests;

/// <summary>
/// A service request (售后服务请求 / 工单) and its lifecycle. Every change of state goes through a method with a
/// business verb that refuses an illegal move with a <see cref="DomainException"/> and records an event on the timeline.
/// </summary>
public sealed class ServiceRequest : IVersioned
{
    public const int DescriptionMaxLength = 2000;
    public const int ReasonMaxLength = 500;
    public const int CommentMaxLength = 1000;
    public const int ReviewMaxLength = 2000;
    public const int QueueRankEmergency = 0;
    public const int QueueRankNormal = 1;
    public const int QueueRankFinished = 2;
    public static readonly TimeSpan AutoCloseAfter = TimeSpan.FromDays(7);
    public static readonly TimeSpan ReopenWithin = TimeSpan.FromDays(30);

    private readonly List<RequestEvent> _events = [];

    private ServiceRequest()
    {
        Number = string.Empty;
        Description = string.Empty;
    }

    private ServiceRequest(
        string number,
        int customerId,
        RequestedProduct? product,
        RequestType type,
        RequestChannel channel,
        RequestPriority priority,
        string description,
        Address? visitAddress,
        ServiceLevelPolicy policy,
        DateTime nowUtc)
    {
        Number = Guard.Required(number, nameof(Number), RequestNumber.MaxLength);
        CustomerId = customerId;
        CustomerProductId = product?.CustomerProductId;
        ProductModelId = product?.ProductModelId;
        Type = type;
        Channel = channel;
        Priority = priority;
        Description = Guard.Required(description, nameof(Description), DescriptionMaxLength);
        VisitAddress = visitAddress;
        SubmittedAt = Guard.Utc(nowUtc, nameof(nowUtc));
        ResponseDueAt = policy.ResponseDue(SubmittedAt, priority);
        CompletionDueAt = policy.CompletionDue(SubmittedAt, type, priority);
        Status = RequestStatus.Submitted;
        UpdateQueuePosition();
    }

    public int Id { get; private set; }

    public string Number { get; private set; }

    public int CustomerId { get; private set; }

    public int? CustomerProductId { get; private set; }

    /// <summary>The model of <see cref="CustomerProductId"/>, kept for the reports (see <see cref="RequestedProduct"/>).</summary>
    public int? ProductModelId { get; private set; }

    public RequestType Type { get; private set; }

    public RequestChannel Channel { get; private set; }

    public RequestPriority Priority { get; private set; }

    public RequestStatus Status { get; private set; }

    public string Description { get; private set; }

    public Address? VisitAddress { get; private set; }

    public PreferredVisitTimes PreferredVisitTimes { get; private set; }

    /// <summary>
    /// The key of the form that submitted the request: unique per customer, so a double click or a browser resubmit
    /// finds the request it already created instead of creating a second one.
    /// </summary>
    public Guid? IdempotencyKey { get; private set; }

    public DateTime SubmittedAt { get; private set; }

    /// <summary>Submission + 24h (2h for emergencies): clause 2.3(1).</summary>
    public DateTime ResponseDueAt { get; private set; }

    /// <summary>The first acknowledgement by staff; stops the response clock.</summary>
    public DateTime? RespondedAt { get; private set; }

    /// <summary>Submission + the completion target of the type: clause 2.3(2).</summary>
    public DateTime CompletionDueAt { get; private set; }

    public int? TechnicianId { get; private set; }

    public DateTime? AppointmentStart { get; private set; }

    public DateTime? AppointmentEnd { get; private set; }

    public DateTime? CompletedAt { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public DateTime? CancelledAt { get; private set; }

    public int? Rating { get; private set; }

    public string? RatingComment { get; private set; }

    public int ReopenCount { get; private set; }

    /// <summary>
    /// The first completion ever (a reopen clears <see cref="CompletedAt"/>, this stays): the rework rate counts a
    /// request in the period it was first completed.
    /// </summary>
    public DateTime? FirstCompletedAt { get; private set; }

    /// <summary>Whole minutes from submission to the first response; kept so reports can take medians and percentiles in SQL.</summary>
    public int? ResponseMinutes { get; private set; }

    /// <summary>Whole minutes from submission to the current completion; kept for the same reason as <see cref="ResponseMinutes"/>.</summary>
    public int? CompletionMinutes { get; private set; }

    /// <summary>Set when staff closed this request as a duplicate of another one (the customer is told which).</summary>
    public int? DuplicateOfId { get; private set; }

    /// <summary>When the escalation job reported the missed response target: once per breach.</summary>
    public DateTime? ResponseEscalatedAt { get; private set; }

    /// <summary>When the escalation job reported the missed completion target: once per breach.</summary>
    public DateTime? CompletionEscalatedAt { get; private set; }

    /// <summary>Clause 3.3(4): root cause and preventive measures after an emergency.</summary>
    public string? IncidentRootCause { get; private set; }

    public string? IncidentPreventiveMeasures { get; private set; }

    public string? IncidentReviewedBy { get; private set; }

    public DateTime? IncidentReviewedAt { get; private set; }

    /// <summary>
    /// The desk queue's first sort key, kept in step with status and priority so the queue reads an index in order:
    /// <see cref="QueueRankEmergency"/>, <see cref="QueueRankNormal"/>, or <see cref="QueueRankFinished"/> once closed
    /// or cancelled.
    /// </summary>
    public int QueueRank { get; private set; }

    /// <summary>The deadline still running: response until staff respond, completion after. The queue's second key.</summary>
    public DateTime QueueDueAt { get; private set; }

    public Guid Version { get; set; }

    public IReadOnlyCollection<RequestEvent> Events => _events;

    public bool IsOpen => Status is not (RequestStatus.Closed or RequestStatus.Cancelled);

    public bool IsEmergency => Priority == RequestPriority.Emergency;

    public bool HasIncidentReview => IncidentReviewedAt is not null;

    /// <summary>The types that can be answered and completed without a visit (domain guide: request lifecycle).</summary>
    public static bool CanBeAnsweredRemotely(RequestType type) =>
        type is RequestType.UsageQuestion or RequestType.InstallationGuidance or RequestType.Maintenance;

    public static ServiceRequest Submit(
        string number,
        int customerId,
        RequestedProduct? product,
        RequestType type,
        RequestChannel channel,
        RequestPriority priority,
        string description,
        Address? visitAddress,
        ServiceLevelPolicy policy,
        RequestActor actor,
        DateTime nowUtc,
        Guid? idempotencyKey = null,
        PreferredVisitTimes preferredVisitTimes = PreferredVisitTimes.None)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(actor);
        if (visitAddress is null && !CanBeAnsweredRemotely(type))
        {
            throw new DomainException("Request.VisitAddressRequired", "A visit address is required for this type of request.");
        }

        var request = new ServiceRequest(number, customerId, product, type, channel, priority, description, visitAddress, policy, nowUtc)
        {
            IdempotencyKey = idempotencyKey,
            PreferredVisitTimes = preferredVisitTimes,
        };
        request.Record(RequestEventKind.Submitted, actor, nowUtc, null, RequestStatus.Submitted, null, visibleToCustomer: true);
        return request;
    }

    public bool IsResponseOverdue(DateTime nowUtc) => RespondedAt is null && IsOpen && nowUtc > ResponseDueAt;

    public bool IsCompletionOverdue(DateTime nowUtc) =>
        CompletedAt is null && Status is not (RequestStatus.Closed or RequestStatus.Cancelled) && nowUtc > CompletionDueAt;

    public void Acknowledge(RequestActor actor, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, nameof(nowUtc));
        Require(nameof(Acknowledge), RequestStatus.Submitted);
        RespondedAt ??= Guard.Utc(nowUtc, nameof(nowUtc));
        MoveTo(RequestStatus.Acknowledged, RequestEventKind.Acknowledged, actor, nowUtc, null, visibleToCustomer: true);
    }

    public void Dispatch(Technician technician, AppointmentWindow window, RequestActor actor, DateTime nowUtc, string? reason = null)
    {
        Guard.Utc(nowUtc, nameof(nowUtc));
        ArgumentNullException.ThrowIfNull(technician);
        Require(nameof(Dispatch), RequestStatus.Acknowledged, RequestStatus.Reopened, RequestStatus.Scheduled);
        if (!technician.Active)
        {
            throw new DomainException("Request.TechnicianInactive", "The technician is not active and cannot be dispatched.");
        }

        if (window.Start < nowUtc)
        {
            throw new DomainException("Request.WindowInPast", "The appointment window cannot start in the past.");
        }

        if (VisitAddress is null)
        {
            throw new DomainException("Request.VisitAddressRequired", "A visit address is required for this type of request.");
        }

        var redispatch = Status == RequestStatus.Scheduled;
        var note = redispatch ? RequiredReason(reason) : Guard.Optional(reason, "Reason", ReasonMaxLength);
        TechnicianId = technician.Id;
        AppointmentStart = window.Start;
        AppointmentEnd = window.End;
        MoveTo(
            RequestStatus.Scheduled,
            redispatch ? RequestEventKind.Redispatched : RequestEventKind.Dispatched,
            actor,
            nowUtc,
            note,
            visibleToCustomer: true);
    }

    public void StartVisit(RequestActor actor, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, nameof(nowUtc));
        Require(nameof(StartVisit), RequestStatus.Scheduled);
        MoveTo(RequestStatus.InProgress, RequestEventKind.VisitStarted, actor, nowUtc, null, visibleToCustomer: true);
    }

    /// <summary>
    /// Completion with a summary only, for demo data and imports of past work; the technician's page completes through
    /// <see cref="CompleteWithReport"/> so that every visit has a work report.
    /// </summary>
    public void Complete(string summary, RequestActor actor, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, nameof(nowUtc));
        Require(nameof(Complete), RequestStatus.InProgress);
        var note = Guard.Required(summary, "Summary", DescriptionMaxLength);
        CompletedAt = Guard.Utc(nowUtc, nameof(nowUtc));
        MoveTo(RequestStatus.Completed, RequestEventKind.Completed, actor, nowUtc, note, visibleToCustomer: true);
    }

    /// <summary>
    /// The assigned technician filed the work report (<see cref="WorkReport.File"/>): the request is completed with the
    /// work performed as the summary the customer sees. Allowed from InProgress and also from Scheduled, because a
    /// technician on site who forgot to tap "start visit" should not have to do so before filing; the timeline then
    /// goes straight from Scheduled to Completed. Save the report and the request together.
    /// </summary>
    public void CompleteWithReport(WorkReport report, RequestActor technicianActor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(report);
        Guard.Utc(nowUtc, nameof(nowUtc));
        if (report.ServiceRequestId != Id)
        {
            throw new ArgumentException("The report was filed for another request.", nameof(report));
        }

        EnsureReportCanBeFiledBy(report.TechnicianId);
        CompletedAt = nowUtc;
        MoveTo(RequestStatus.Completed, RequestEventKind.WorkReportFiled, technicianActor, nowUtc, report.WorkPerformed, visibleToCustomer: true);
    }

    /// <summary>Staff answered a remote-only request (usage question, installation guidance, maintenance advice).</summary>
    public void AnswerRemotely(string answer, RequestActor actor, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, nameof(nowUtc));
        Require(nameof(AnswerRemotely), RequestStatus.Submitted, RequestStatus.Acknowledged, RequestStatus.Reopened);
        if (!CanBeAnsweredRemotely(Type))
        {
            throw new DomainException("Request.NotRemote", $"A {Type} request needs a visit and cannot be answered remotely.", Type);
        }

        var note = Guard.Required(answer, "Answer", DescriptionMaxLength);
        RespondedAt ??= Guard.Utc(nowUtc, nameof(nowUtc));
        CompletedAt = nowUtc;
        MoveTo(RequestStatus.Completed, RequestEventKind.AnsweredRemotely, actor, nowUtc, note, visibleToCustomer: true);
    }

    /// <summary>The customer confirms the work and rates it 1–5 (clauses 2.2(1), 3.1(5)).</summary>
    public void ConfirmAndRate(int rating, string? comment, RequestActor actor, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, nameof(nowUtc));
        Require(nameof(ConfirmAndRate), RequestStatus.Completed);
        if (rating is < 1 or > 5)
        {
            throw new DomainException("Request.RatingOutOfRange", "The rating must be between 1 and 5.");
        }

        RequireIncidentReviewBeforeClosing();
        Rating = rating;
        RatingComment = Guard.Optional(comment, "Comment", CommentMaxLength);
        ClosedAt = Guard.Utc(nowUtc, nameof(nowUtc));
        MoveTo(RequestStatus.Closed, RequestEventKind.Closed, actor, nowUtc, RatingComment, visibleToCustomer: true);
    }

    /// <summary>A completed request the customer neither confirmed nor reopened closes itself after seven days.</summary>
    public bool CanAutoClose(DateTime nowUtc) =>
        Status == RequestStatus.Completed
        && CompletedAt is { } completed
        && nowUtc >= completed + AutoCloseAfter
        && (!IsEmergency || HasIncidentReview);

    public void AutoClose(DateTime nowUtc)
    {
        Guard.Utc(nowUtc, nameof(nowUtc));
        Require(nameof(AutoClose), RequestStatus.Completed);
        if (!CanAutoClose(nowUtc))
        {
            RequireIncidentReviewBeforeClosing();
            throw new DomainException("Request.AutoCloseTooEarly", "A completed request closes by itself only seven days after completion.");
        }

        ClosedAt = nowUtc;
        MoveTo(RequestStatus.Closed, RequestEventKind.AutoClosed, RequestActor.System, nowUtc, null, visibleToCustomer: true);
    }

    /// <summary>The customer reports it is not fixed, within 30 days of completion (rework, clause 2.3(3)).</summary>
    public void Reopen(string reason, RequestActor actor, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, nameof(nowUtc));
        Require(nameof(Reopen), RequestStatus.Completed, RequestStatus.Closed);
        if (!IsWithinReopenPeriod(nowUtc))
        {
            throw new DomainException("Request.ReopenPeriodOver", "A request can be reopened only within 30 days of completion.");
        }

        var note = RequiredReason(reason);
        ReopenCount++;
        CompletedAt = null;
        ClosedAt = null;
        Rating = null;
        RatingComment = null;
        MoveTo(RequestStatus.Reopened, RequestEventKind.Reopened, actor, nowUtc, note, visibleToCustomer: true);
    }

    /// <summary>The customer may cancel before a visit is scheduled; staff may also cancel a scheduled one. Both give a reason.</summary>
    public void Cancel(string reason, bool byCustomer, RequestActor actor, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, nameof(nowUtc));
        if (byCustomer)
        {
            Require(nameof(Cancel), RequestStatus.Submitted, RequestStatus.Acknowledged, RequestStatus.Reopened);
        }
        else
        {
            Require(nameof(Cancel), RequestStatus.Submitted, RequestStatus.Acknowledged, RequestStatus.Reopened, RequestStatus.Scheduled);
        }

        var note = RequiredReason(reason);
        CancelledAt = Guard.Utc(nowUtc, nameof(nowUtc));
        MoveTo(RequestStatus.Cancelled, RequestEventKind.Cancelled, actor, nowUtc, note, visibleToCustomer: true);
    }

    public void ChangePriority(RequestPriority priority, string reason, ServiceLevelPolicy policy, RequestActor actor, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, nameof(nowUtc));
        ArgumentNullException.ThrowIfNull(policy);
        RequireOpen(nameof(ChangePriority));
        if (priority == Priority)
        {
            throw new DomainException("Request.PriorityUnchanged", "The request already has this priority.");
        }

        var note = RequiredReason(reason);
        var from = Priority;
        Priority = priority;
        RecomputeDueTimes(policy);
        Record(RequestEventKind.PriorityChanged, actor, nowUtc, Status, Status, $"{from} → {priority}: {note}", visibleToCustomer: false);
    }

    public void ChangeType(RequestType type, string reason, ServiceLevelPolicy policy, RequestActor actor, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, nameof(nowUtc));
        ArgumentNullException.ThrowIfNull(policy);
        RequireOpen(nameof(ChangeType));
        if (type == Type)
        {
            throw new DomainException("Request.TypeUnchanged", "The request already has this type.");
        }

        if (VisitAddress is null && !CanBeAnsweredRemotely(type))
        {
            throw new DomainException("Request.VisitAddressRequired", "A visit address is required for this type of request.");
        }

        var note = RequiredReason(reason);
        var from = Type;
        Type = type;
        RecomputeDueTimes(policy);
        Record(RequestEventKind.TypeChanged, actor, nowUtc, Status, Status, $"{from} → {type}: {note}", visibleToCustomer: false);
    }

    /// <summary>Clause 3.3(4): after an emergency, analyse it and set preventive measures. Required before it can close.</summary>
    public void RecordIncidentReview(string rootCause, string preventiveMeasures, RequestActor reviewer, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, nameof(nowUtc));
        ArgumentNullException.ThrowIfNull(reviewer);
        if (!IsEmergency)
        {
            throw new DomainException("Request.ReviewOnlyForEmergency", "Only an emergency request takes a post-incident review.");
        }

        Require(nameof(RecordIncidentReview), RequestStatus.Completed);
        IncidentRootCause = Guard.Required(rootCause, "RootCause", ReviewMaxLength);
        IncidentPreventiveMeasures = Guard.Required(preventiveMeasures, "PreventiveMeasures", ReviewMaxLength);
        IncidentReviewedBy = reviewer.DisplayName;
        IncidentReviewedAt = Guard.Utc(nowUtc, nameof(nowUtc));
        Record(RequestEventKind.IncidentReviewed, reviewer, nowUtc, Status, Status, null, visibleToCustomer: false);
    }

    /// <summary>Staff found the same problem already reported: this request is cancelled and points to the original.</summary>
    public void MarkAsDuplicateOf(ServiceRequest original, RequestActor actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(original);
        Guard.Utc(nowUtc, nameof(nowUtc));
        Require(nameof(MarkAsDuplicateOf), RequestStatus.Submitted, RequestStatus.Acknowledged, RequestStatus.Reopened);
        if (original.Id == Id)
        {
            throw new DomainException("Request.DuplicateOfItself", "A request cannot be a duplicate of itself.");
        }

        if (original.CustomerId != CustomerId)
        {
            throw new DomainException("Request.DuplicateOtherCustomer", "A duplicate must belong to the same customer as the original request.");
        }

        if (original.DuplicateOfId is not null)
        {
            throw new DomainException("Request.DuplicateOfDuplicate", "The original request is itself a duplicate; choose the request it points to.");
        }

        DuplicateOfId = original.Id;
        RespondedAt ??= nowUtc;
        CancelledAt = nowUtc;
        MoveTo(RequestStatus.Cancelled, RequestEventKind.MarkedDuplicate, actor, nowUtc, original.Number, visibleToCustomer: true);
    }

    /// <summary>
    /// The escalation job's check: true the first time the response target is found missed, false after that, so
    /// managers hear of each breach once however often (and on however many instances) the job runs.
    /// </summary>
    public bool EscalateResponseIfOverdue(DateTime nowUtc)
    {
        Guard.Utc(nowUtc, nameof(nowUtc));
        if (ResponseEscalatedAt is not null || !IsResponseOverdue(nowUtc))
        {
            return false;
        }

        ResponseEscalatedAt = nowUtc;
        Record(RequestEventKind.Escalated, RequestActor.System, nowUtc, Status, Status, "Response overdue", visibleToCustomer: false);
        return true;
    }

    /// <summary>The same for the completion target.</summary>
    public bool EscalateCompletionIfOverdue(DateTime nowUtc)
    {
        Guard.Utc(nowUtc, nameof(nowUtc));
        if (CompletionEscalatedAt is not null || !IsCompletionOverdue(nowUtc))
        {
            return false;
        }

        CompletionEscalatedAt = nowUtc;
        Record(RequestEventKind.Escalated, RequestActor.System, nowUtc, Status, Status, "Completion overdue", visibleToCustomer: false);
        return true;
    }

    /// <summary>A message on the timeline: to or from the customer when visible, an internal staff note otherwise.</summary>
    public void AddComment(string text, bool visibleToCustomer, RequestActor actor, DateTime nowUtc)
    {
        Guard.Utc(nowUtc, nameof(nowUtc));
        RequireOpen(nameof(AddComment));
        var note = Guard.Required(text, "Comment", CommentMaxLength);
        Record(RequestEventKind.Comment, actor, nowUtc, Status, Status, note, visibleToCustomer);
    }

    /// <summary>Only the technician assigned to a scheduled or in-progress request files its work report.</summary>
    internal void EnsureReportCanBeFiledBy(int technicianId)
    {
        Require(nameof(CompleteWithReport), RequestStatus.Scheduled, RequestStatus.InProgress);
        if (TechnicianId != technicianId)
        {
            throw new DomainException("Request.NotAssignedTechnician", "Only the technician assigned to this request can file its work report.");
        }
    }

    /// <summary>A manager changed who pays a line of the work report: an internal note, the invoice shows the outcome.</summary>
    internal void RecordPayerOverride(string note, RequestActor manager, DateTime nowUtc) =>
        Record(RequestEventKind.PayerOverridden, manager, nowUtc, Status, Status, note, visibleToCustomer: false);

    public CustomerActions AllowedCustomerActions(DateTime nowUtc)
    {
        var actions = CustomerActions.None;
        if (Status is RequestStatus.Submitted or RequestStatus.Acknowledged or RequestStatus.Reopened)
        {
            actions |= CustomerActions.Cancel;
        }

        if (Status == RequestStatus.Completed && (!IsEmergency || HasIncidentReview))
        {
            actions |= CustomerActions.ConfirmAndRate;
        }

        if (Status is RequestStatus.Completed or RequestStatus.Closed && IsWithinReopenPeriod(nowUtc))
        {
            actions |= CustomerActions.Reopen;
        }

        if (IsOpen)
        {
            actions |= CustomerActions.AddMessage;
        }

        return actions;
    }

    private bool IsWithinReopenPeriod(DateTime nowUtc) =>
        CompletedAt is { } completed && nowUtc <= completed + ReopenWithin;

    private void RecomputeDueTimes(ServiceLevelPolicy policy)
    {
        if (RespondedAt is null)
        {
            ResponseDueAt = policy.ResponseDue(SubmittedAt, Priority);
        }

        if (CompletedAt is null)
        {
            CompletionDueAt = policy.CompletionDue(SubmittedAt, Type, Priority);
        }
    }

    private void RequireIncidentReviewBeforeClosing()
    {
        if (IsEmergency && !HasIncidentReview)
        {
            throw new DomainException("Request.IncidentReviewRequired", "An emergency request cannot be closed before its post-incident review is recorded.");
        }
    }

    private void RequireOpen(string action)
    {
        if (!IsOpen)
        {
            throw new DomainException("Request.IllegalTransition", $"A {Status} request cannot take the action {action}.", Status, action);
        }
    }

    private void Require(string action, params RequestStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new DomainException("Request.IllegalTransition", $"A {Status} request cannot take the action {action}.", Status, action);
        }
    }

    private static string RequiredReason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Request.ReasonRequired", "Please give a reason.");
        }

        return Guard.Required(reason, "Reason", ReasonMaxLength);
    }

    private void MoveTo(RequestStatus to, RequestEventKind kind, RequestActor actor, DateTime nowUtc, string? note, bool visibleToCustomer)
    {
        var from = Status;
        Status = to;
        Record(kind, actor, nowUtc, from, to, note, visibleToCustomer);
    }

    private void Record(RequestEventKind kind, RequestActor actor, DateTime nowUtc, RequestStatus? from, RequestStatus? to, string? note, bool visibleToCustomer)
    {
        ArgumentNullException.ThrowIfNull(actor);
        _events.Add(new RequestEvent(kind, Guard.Utc(nowUtc, nameof(nowUtc)), actor, from, to, note, visibleToCustomer));
        UpdateQueuePosition();
        UpdateReportingFigures();
    }

    /// <summary>Every change goes through <see cref="Record"/>, so the stored queue keys never lag behind the state.</summary>
    private void UpdateQueuePosition()
    {
        QueueRank = !IsOpen ? QueueRankFinished : IsEmergency ? QueueRankEmergency : QueueRankNormal;
        QueueDueAt = RespondedAt is null ? ResponseDueAt : CompletionDueAt;
    }

    /// <summary>Every change goes through <see cref="Record"/>, so the stored report figures never lag behind the state.</summary>
    private void UpdateReportingFigures()
    {
        FirstCompletedAt ??= CompletedAt;
        ResponseMinutes = RespondedAt is { } responded ? WholeMinutes(responded - SubmittedAt) : null;
        CompletionMinutes = CompletedAt is { } completed ? WholeMinutes(completed - SubmittedAt) : null;
    }

    private static int WholeMinutes(TimeSpan elapsed) => (int)Math.Floor(elapsed.TotalMinutes);
}
