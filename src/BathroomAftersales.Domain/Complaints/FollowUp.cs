using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.ServiceRequests;

namespace BathroomAftersales.Domain.Complaints;

public enum FollowUpStatus
{
    Open,
    Closed,
}

/// <summary>
/// A low rating (1 or 2 stars) to follow up (clause 2.2(1)): CRM calls the customer and closes the item with a note.
/// </summary>
public sealed class FollowUp : IVersioned
{
    public const int LowRatingMax = 2;
    public const int NoteMaxLength = 1000;

    private FollowUp()
    {
    }

    public int Id { get; private set; }

    public int ServiceRequestId { get; private set; }

    public int CustomerId { get; private set; }

    public int Rating { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public FollowUpStatus Status { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public string? ClosedBy { get; private set; }

    public string? ClosingNote { get; private set; }

    public Guid Version { get; set; }

    public static bool IsLowRating(int rating) => rating is >= 1 and <= LowRatingMax;

    /// <summary>The follow-up of a rated request, or null when the rating is not low.</summary>
    public static FollowUp? ForRating(ServiceRequest request, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Rating is not { } rating || !IsLowRating(rating))
        {
            return null;
        }

        return new FollowUp
        {
            ServiceRequestId = request.Id,
            CustomerId = request.CustomerId,
            Rating = rating,
            CreatedAt = Guard.Utc(nowUtc, nameof(nowUtc)),
            Status = FollowUpStatus.Open,
        };
    }

    public void Close(string note, RequestActor actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Status != FollowUpStatus.Open)
        {
            throw new DomainException("FollowUp.AlreadyClosed", "This follow-up is already closed.");
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            throw new DomainException("FollowUp.NoteRequired", "Please write what was done to follow up.");
        }

        ClosingNote = Guard.Required(note, "Note", NoteMaxLength);
        ClosedBy = actor.DisplayName.Length > Complaint.OwnerNameMaxLength ? actor.DisplayName[..Complaint.OwnerNameMaxLength] : actor.DisplayName;
        ClosedAt = Guard.Utc(nowUtc, nameof(nowUtc));
        Status = FollowUpStatus.Closed;
    }
}
