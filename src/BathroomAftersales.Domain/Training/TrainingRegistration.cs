using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.Training;

/// <summary>A customer's seat at a training event. Made and cancelled through <see cref="TrainingEvent"/>.</summary>
public sealed class TrainingRegistration
{
    private TrainingRegistration()
    {
    }

    internal TrainingRegistration(int customerId, DateTime nowUtc)
    {
        CustomerId = customerId;
        RegisteredAt = Guard.Utc(nowUtc, nameof(nowUtc));
    }

    public int Id { get; private set; }

    public int TrainingEventId { get; private set; }

    public int CustomerId { get; private set; }

    public DateTime RegisteredAt { get; private set; }

    public DateTime? CancelledAt { get; private set; }

    public bool Attended { get; private set; }

    public bool IsActive => CancelledAt is null;

    internal void Cancel(DateTime nowUtc) => CancelledAt = nowUtc;

    internal void SetAttended(bool attended) => Attended = attended;
}
