using BathroomAftersales.Domain.ServiceRequests;

namespace BathroomAftersales.Domain.Complaints;

/// <summary>One line of a complaint's timeline. Investigation notes and escalations are internal (not visible to the customer).</summary>
public sealed class ComplaintEvent
{
    public const int NoteMaxLength = 2000;

    private ComplaintEvent()
    {
        ActorName = string.Empty;
    }

    internal ComplaintEvent(ComplaintEventKind kind, DateTime atUtc, RequestActor actor, ComplaintStatus to, string? note, bool visibleToCustomer)
    {
        Kind = kind;
        At = atUtc;
        ActorUserId = actor.UserId;
        ActorName = actor.DisplayName.Length > RequestEvent.ActorNameMaxLength ? actor.DisplayName[..RequestEvent.ActorNameMaxLength] : actor.DisplayName;
        ToStatus = to;
        Note = note;
        VisibleToCustomer = visibleToCustomer;
    }

    public long Id { get; private set; }

    public int ComplaintId { get; private set; }

    public ComplaintEventKind Kind { get; private set; }

    public DateTime At { get; private set; }

    public string? ActorUserId { get; private set; }

    public string ActorName { get; private set; }

    public ComplaintStatus ToStatus { get; private set; }

    public string? Note { get; private set; }

    public bool VisibleToCustomer { get; private set; }
}
