using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.ServiceRequests;

/// <summary>
/// The SLA targets a Manager sets (one row). Due times are computed from them when a request is submitted, so a change
/// applies to new requests and never moves the deadline of one already promised.
/// </summary>
public sealed class ServiceLevelSettings : IVersioned
{
    public const int SingletonId = 1;
    public const int MaxHours = 720;

    private ServiceLevelSettings()
    {
    }

    public ServiceLevelSettings(ServiceLevelPolicy policy, DateTime nowUtc)
    {
        Id = SingletonId;
        Apply(policy, null, nowUtc);
    }

    public int Id { get; private set; }

    public int ResponseHours { get; private set; }

    public int EmergencyResponseHours { get; private set; }

    public int EmergencyCompletionHours { get; private set; }

    public int RepairCompletionHours { get; private set; }

    public int PartsReplacementCompletionHours { get; private set; }

    public int MaintenanceCompletionHours { get; private set; }

    public int InstallationGuidanceCompletionHours { get; private set; }

    public int UsageQuestionCompletionHours { get; private set; }

    public string? UpdatedBy { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public Guid Version { get; set; }

    public ServiceLevelPolicy ToPolicy() => new()
    {
        ResponseHours = ResponseHours,
        EmergencyResponseHours = EmergencyResponseHours,
        EmergencyCompletionHours = EmergencyCompletionHours,
        RepairCompletionHours = RepairCompletionHours,
        PartsReplacementCompletionHours = PartsReplacementCompletionHours,
        MaintenanceCompletionHours = MaintenanceCompletionHours,
        InstallationGuidanceCompletionHours = InstallationGuidanceCompletionHours,
        UsageQuestionCompletionHours = UsageQuestionCompletionHours,
    };

    public void Apply(ServiceLevelPolicy policy, string? updatedBy, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(policy);
        int[] hours =
        [
            policy.ResponseHours, policy.EmergencyResponseHours, policy.EmergencyCompletionHours, policy.RepairCompletionHours,
            policy.PartsReplacementCompletionHours, policy.MaintenanceCompletionHours, policy.InstallationGuidanceCompletionHours,
            policy.UsageQuestionCompletionHours,
        ];
        if (hours.Any(h => h is < 1 or > MaxHours))
        {
            throw new DomainException("Sla.HoursOutOfRange", $"Every target must be between 1 and {MaxHours} hours.", MaxHours);
        }

        if (policy.EmergencyResponseHours > policy.ResponseHours)
        {
            throw new DomainException("Sla.EmergencySlower", "The emergency response target cannot be longer than the normal one.");
        }

        ResponseHours = policy.ResponseHours;
        EmergencyResponseHours = policy.EmergencyResponseHours;
        EmergencyCompletionHours = policy.EmergencyCompletionHours;
        RepairCompletionHours = policy.RepairCompletionHours;
        PartsReplacementCompletionHours = policy.PartsReplacementCompletionHours;
        MaintenanceCompletionHours = policy.MaintenanceCompletionHours;
        InstallationGuidanceCompletionHours = policy.InstallationGuidanceCompletionHours;
        UsageQuestionCompletionHours = policy.UsageQuestionCompletionHours;
        UpdatedBy = updatedBy;
        UpdatedAt = Guard.Utc(nowUtc, nameof(nowUtc));
    }
}
