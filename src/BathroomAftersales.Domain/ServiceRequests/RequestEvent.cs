namespace BathroomAftersales.Domain.ServiceRequests;

/// <summary>One line of a request's timeline: who, when, from which status to which, and why.</summary>
public sealed class RequestEvent
{
    public const int NoteMaxLength = 2000;
    public const int ActorNameMaxLength = 100;

    private RequestEvent()
    {
        ActorName = string.Empty;
    }

    internal RequestEvent(RequestEventKind kind, DateTime atUtc, RequestActor actor, RequestStatus? from, RequestStatus? to, string? note, bool visibleToCustomer)
    {
        Kind = kind;
        At = atUtc;
        ActorUserId = actor.UserId;
        ActorName = actor.DisplayName.Length > ActorNameMaxLength ? actor.DisplayName[..ActorNameMaxLength] : actor.DisplayName;
        FromStatus = from;
        ToStatus = to;
        Note = note;
        VisibleToCustomer = visibleToCustomer;
    }

    public long Id { get; private set; }

    public int ServiceRequestId { get; private set; }

    public RequestEventKind Kind { get; private set; }

    public DateTime At { get; private set; }

    public string? ActorUserId { get; private set; }

    public string ActorName { get; private set; }

    public RequestStatus? FromStatus { get; private set; }

    public RequestStatus? ToStatus { get; private set; }

    public string? Note { get; private set; }

    /// <summary>False for internal staff notes, which the portal never shows.</summary>
    public bool VisibleToCustomer { get; private set; }
}
