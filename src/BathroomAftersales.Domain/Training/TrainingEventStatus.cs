namespace BathroomAftersales.Domain.Training;

/// <summary>Planned → Held after it ends, or Cancelled before that.</summary>
public enum TrainingEventStatus
{
    Planned,
    Held,
    Cancelled,
}
