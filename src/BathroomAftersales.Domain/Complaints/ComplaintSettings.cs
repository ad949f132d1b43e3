using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.Complaints;

/// <summary>
/// The complaint time limits a Manager sets (one row). Deadlines are computed when a complaint is received (and when a
/// dispute reopens it), so a change never moves a deadline already promised.
/// </summary>
public sealed class ComplaintSettings : IVersioned
{
    public const int SingletonId = 1;
    public const int MaxAcknowledgeHours = 168;
    public const int MaxResolveDays = 60;

    private ComplaintSettings()
    {
    }

    public ComplaintSettings(ComplaintDeadlines deadlines, string? updatedBy, DateTime nowUtc)
    {
        Id = SingletonId;
        Apply(deadlines, updatedBy, nowUtc);
    }

    public int Id { get; private set; }

    public int AcknowledgeHours { get; private set; }

    public int ResolveDays { get; private set; }

    public string? UpdatedBy { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public Guid Version { get; set; }

    public ComplaintDeadlines ToDeadlines() => new(AcknowledgeHours, ResolveDays);

    public void Apply(ComplaintDeadlines deadlines, string? updatedBy, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        if (deadlines.AcknowledgeHours is < 1 or > MaxAcknowledgeHours)
        {
            throw new DomainException("Complaint.AcknowledgeHoursOutOfRange", $"The acknowledge limit must be between 1 and {MaxAcknowledgeHours} hours.", MaxAcknowledgeHours);
        }

        if (deadlines.ResolveDays is < 1 or > MaxResolveDays)
        {
            throw new DomainException("Complaint.ResolveDaysOutOfRange", $"The resolve limit must be between 1 and {MaxResolveDays} days.", MaxResolveDays);
        }

        AcknowledgeHours = deadlines.AcknowledgeHours;
        ResolveDays = deadlines.ResolveDays;
        UpdatedBy = updatedBy;
        UpdatedAt = Guard.Utc(nowUtc, nameof(nowUtc));
    }
}
