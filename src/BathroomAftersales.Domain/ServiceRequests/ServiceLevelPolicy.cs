namespace BathroomAftersales.Domain.ServiceRequests;

/// <summary>
/// The contract's time promises (clauses 2.3, 3.3, 4.1): respond within 24 hours (2 for emergencies) and finish within
/// the per-type target. Due times are wall-clock hours from submission, not business hours.
/// </summary>
public sealed record ServiceLevelPolicy
{
    public static readonly ServiceLevelPolicy Default = new();

    public int ResponseHours { get; init; } = 24;

    public int EmergencyResponseHours { get; init; } = 2;

    public int EmergencyCompletionHours { get; init; } = 24;

    public int RepairCompletionHours { get; init; } = 72;

    public int PartsReplacementCompletionHours { get; init; } = 120;

    public int MaintenanceCompletionHours { get; init; } = 120;

    public int InstallationGuidanceCompletionHours { get; init; } = 48;

    public int UsageQuestionCompletionHours { get; init; } = 24;

    public DateTime ResponseDue(DateTime submittedAtUtc, RequestPriority priority) =>
        submittedAtUtc.AddHours(priority == RequestPriority.Emergency ? EmergencyResponseHours : ResponseHours);

    public DateTime CompletionDue(DateTime submittedAtUtc, RequestType type, RequestPriority priority) =>
        submittedAtUtc.AddHours(priority == RequestPriority.Emergency ? EmergencyCompletionHours : CompletionHours(type));

    public int CompletionHours(RequestType type) => type switch
    {
        RequestType.Repair => RepairCompletionHours,
        RequestType.PartsReplacement => PartsReplacementCompletionHours,
        RequestType.Maintenance => MaintenanceCompletionHours,
        RequestType.InstallationGuidance => InstallationGuidanceCompletionHours,
        RequestType.UsageQuestion => UsageQuestionCompletionHours,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
