namespace BathroomAftersales.Domain.Complaints;

/// <summary>Clause 7.3's time limits: acknowledge within 24 hours, resolve within 7 days of receipt (or of a dispute).</summary>
public sealed record ComplaintDeadlines(int AcknowledgeHours, int ResolveDays)
{
    public static readonly ComplaintDeadlines Default = new(24, 7);

    public DateTime AcknowledgeBy(DateTime receivedAt) => receivedAt.AddHours(AcknowledgeHours);

    public DateTime ResolveBy(DateTime from) => from.AddDays(ResolveDays);
}
