using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.ServiceRequests;

namespace BathroomAftersales.Domain.Complaints;

/// <summary>
/// A customer complaint (客户投诉, clause 7) and its handling: acknowledged within the acknowledge limit, resolved within
/// the resolve limit, then accepted by the customer or disputed. A dispute sends it back to Investigating with a new
/// resolve-by deadline counted from the dispute; that new deadline is a new promise, so missing it escalates again.
/// </summary>
public sealed class Complaint : IVersioned
{
    public const int DescriptionMaxLength = 2000;
    public const int NoteMaxLength = 2000;
    public const int ResolutionMaxLength = 2000;
    public const int ReasonMaxLength = 500;
    public const int OwnerNameMaxLength = 100;

    private readonly List<ComplaintEvent> _events = [];

    private Complaint()
    {
        Number = string.Empty;
        Description = string.Empty;
    }

    public int Id { get; private set; }

    public string Number { get; private set; }

    public int CustomerId { get; private set; }

    /// <summary>The customer's own service request the complaint is about, if any (the page checks ownership).</summary>
    public int? ServiceRequestId { get; private set; }

    public ComplaintCategory Category { get; private set; }

    public ComplaintChannel Channel { get; private set; }

    public string Description { get; private set; }

    public ComplaintStatus Status { get; private set; }

    public string? OwnerUserId { get; private set; }

    public string? OwnerName { get; private set; }

    public DateTime ReceivedAt { get; private set; }

    public DateTime AcknowledgeBy { get; private set; }

    public DateTime? AcknowledgedAt { get; private set; }

    /// <summary>Receipt + the resolve limit; after a dispute, the dispute + the resolve limit.</summary>
    public DateTime ResolveBy { get; private set; }

    public DateTime? ResolvedAt { get; private set; }

    /// <summary>What was done, shown to the customer.</summary>
    public string? Resolution { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public int DisputeCount { get; private set; }

    /// <summary>When the escalation job reported the missed acknowledge deadline: once.</summary>
    public DateTime? AcknowledgeEscalatedAt { get; private set; }

    /// <summary>When the escalation job reported the missed resolve deadline: once per deadline (a dispute sets a new one).</summary>
    public DateTime? ResolveEscalatedAt { get; private set; }

    /// <summary>The deadline that breaches first while the complaint waits on staff: the staff list's sort key.</summary>
    public DateTime DueAt { get; private set; }

    public Guid Version { get; set; }

    public IReadOnlyCollection<ComplaintEvent> Events => _events;

    /// <summary>Waiting on staff: the deadlines run.</summary>
    public bool IsOpen => Status is ComplaintStatus.Received or ComplaintStatus.Acknowledged or ComplaintStatus.Investigating;

    public static Complaint Receive(
        string number,
        int customerId,
        int? serviceRequestId,
        ComplaintCategory category,
        ComplaintChannel channel,
        string description,
        ComplaintDeadlines deadlines,
        RequestActor actor,
        DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        ArgumentNullException.ThrowIfNull(actor);
        Guard.Utc(nowUtc, nameof(nowUtc));
        if (!Enum.IsDefined(category))
        {
            throw new DomainException("Complaint.CategoryUnknown", "Please choose a category.");
        }

        if (!Enum.IsDefined(channel))
        {
            throw new DomainException("Complaint.ChannelUnknown", "Please choose a channel.");
        }

        var complaint = new Complaint
        {
            Number = Guard.Required(number, nameof(Number), ComplaintNumber.MaxLength),
            CustomerId = customerId,
            ServiceRequestId = serviceRequestId,
            Category = category,
            Channel = channel,
            Description = Guard.Required(description, nameof(Description), DescriptionMaxLength),
            Status = ComplaintStatus.Received,
            ReceivedAt = nowUtc,
            AcknowledgeBy = deadlines.AcknowledgeBy(nowUtc),
            ResolveBy = deadlines.ResolveBy(nowUtc),
        };
        complaint.Record(ComplaintEventKind.Received, actor, nowUtc, null, visibleToCustomer: true);
        return complaint;
    }

    public bool IsAcknowledgeOverdue(DateTime nowUtc) => AcknowledgedAt is null && IsOpen && nowUtc > AcknowledgeBy;

    public bool IsResolveOverdue(DateTime nowUtc) => IsOpen && nowUtc > ResolveBy;

    public void Acknowledge(RequestActor actor, DateTime nowUtc)
    {
        Require(nameof(Acknowledge), ComplaintStatus.Received);
        AcknowledgedAt = Guard.Utc(nowUtc, nameof(nowUtc));
        MoveTo(ComplaintStatus.Acknowledged, ComplaintEventKind.Acknowledged, actor, nowUtc, null, visibleToCustomer: true);
    }

    /// <summary>Gives the complaint an owner (or another one) while it is being handled.</summary>
    public void AssignOwner(string ownerUserId, string ownerName, RequestActor actor, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerUserId);
        RequireOpen(nameof(AssignOwner));
        if (OwnerUserId == ownerUserId)
        {
            throw new DomainException("Complaint.OwnerUnchanged", "The complaint already has this owner.");
        }

        OwnerUserId = ownerUserId;
        OwnerName = Guard.Required(ownerName, "Owner", OwnerNameMaxLength);
        Record(ComplaintEventKind.OwnerAssigned, actor, nowUtc, OwnerName, visibleToCustomer: false);
    }

    /// <summary>An internal investigation note. The first one after acknowledging moves the complaint to Investigating.</summary>
    public void AddInvestigationNote(string note, RequestActor actor, DateTime nowUtc)
    {
        Require(nameof(AddInvestigationNote), ComplaintStatus.Acknowledged, ComplaintStatus.Investigating);
        var text = Guard.Required(note, "Note", NoteMaxLength);
        if (Status == ComplaintStatus.Acknowledged)
        {
            MoveTo(ComplaintStatus.Investigating, ComplaintEventKind.InvestigationStarted, actor, nowUtc, null, visibleToCustomer: true);
        }

        Record(ComplaintEventKind.Note, actor, nowUtc, text, visibleToCustomer: false);
    }

    /// <summary>Staff resolve with a resolution the customer reads; the customer then accepts or disputes it.</summary>
    public void Resolve(string resolution, RequestActor actor, DateTime nowUtc)
    {
        Require(nameof(Resolve), ComplaintStatus.Acknowledged, ComplaintStatus.Investigating);
        if (string.IsNullOrWhiteSpace(resolution))
        {
            throw new DomainException("Complaint.ResolutionRequired", "Please write the resolution for the customer.");
        }

        Resolution = Guard.Required(resolution, "Resolution", ResolutionMaxLength);
        ResolvedAt = Guard.Utc(nowUtc, nameof(nowUtc));
        MoveTo(ComplaintStatus.Resolved, ComplaintEventKind.Resolved, actor, nowUtc, Resolution, visibleToCustomer: true);
    }

    /// <summary>The customer accepts the resolution: the complaint is closed.</summary>
    public void Accept(RequestActor actor, DateTime nowUtc)
    {
        Require(nameof(Accept), ComplaintStatus.Resolved);
        ClosedAt = Guard.Utc(nowUtc, nameof(nowUtc));
        MoveTo(ComplaintStatus.Accepted, ComplaintEventKind.Accepted, actor, nowUtc, null, visibleToCustomer: true);
    }

    /// <summary>
    /// The customer disputes the resolution: back to Investigating with resolve-by = now + the resolve limit. The new
    /// deadline is a new breach to watch, so its escalation mark is cleared (the acknowledge one stays: it was met or
    /// reported already).
    /// </summary>
    public void Dispute(string reason, ComplaintDeadlines deadlines, RequestActor actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        Require(nameof(Dispute), ComplaintStatus.Resolved);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Complaint.ReasonRequired", "Please tell us why you do not accept the resolution.");
        }

        var note = Guard.Required(reason, "Reason", ReasonMaxLength);
        DisputeCount++;
        ResolvedAt = null;
        ResolveBy = deadlines.ResolveBy(Guard.Utc(nowUtc, nameof(nowUtc)));
        ResolveEscalatedAt = null;
        MoveTo(ComplaintStatus.Investigating, ComplaintEventKind.Disputed, actor, nowUtc, note, visibleToCustomer: true);
    }

    /// <summary>The escalation job's check: true the first time the acknowledge deadline is found missed.</summary>
    public bool EscalateAcknowledgeIfOverdue(DateTime nowUtc)
    {
        Guard.Utc(nowUtc, nameof(nowUtc));
        if (AcknowledgeEscalatedAt is not null || !IsAcknowledgeOverdue(nowUtc))
        {
            return false;
        }

        AcknowledgeEscalatedAt = nowUtc;
        Record(ComplaintEventKind.Escalated, RequestActor.System, nowUtc, "Acknowledge overdue", visibleToCustomer: false);
        return true;
    }

    /// <summary>The same for the resolve deadline: once per deadline.</summary>
    public bool EscalateResolveIfOverdue(DateTime nowUtc)
    {
        Guard.Utc(nowUtc, nameof(nowUtc));
        if (ResolveEscalatedAt is not null || !IsResolveOverdue(nowUtc))
        {
            return false;
        }

        ResolveEscalatedAt = nowUtc;
        Record(ComplaintEventKind.Escalated, RequestActor.System, nowUtc, "Resolve overdue", visibleToCustomer: false);
        return true;
    }

    private void RequireOpen(string action)
    {
        if (!IsOpen)
        {
            throw new DomainException("Complaint.IllegalTransition", $"A {Status} complaint cannot take the action {action}.", Status, action);
        }
    }

    private void Require(string action, params ComplaintStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new DomainException("Complaint.IllegalTransition", $"A {Status} complaint cannot take the action {action}.", Status, action);
        }
    }

    private void MoveTo(ComplaintStatus to, ComplaintEventKind kind, RequestActor actor, DateTime nowUtc, string? note, bool visibleToCustomer)
    {
        Status = to;
        Record(kind, actor, nowUtc, note, visibleToCustomer);
    }

    private void Record(ComplaintEventKind kind, RequestActor actor, DateTime nowUtc, string? note, bool visibleToCustomer)
    {
        ArgumentNullException.ThrowIfNull(actor);
        _events.Add(new ComplaintEvent(kind, Guard.Utc(nowUtc, nameof(nowUtc)), actor, Status, note, visibleToCustomer));
        DueAt = AcknowledgedAt is null ? AcknowledgeBy : ResolveBy;
    }
}
