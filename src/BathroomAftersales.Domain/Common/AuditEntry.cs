namespace BathroomAftersales.Domain.Common;

/// <summary>
/// One changed field of an audited record (clause 8 and 2.2(4)): who changed what, when, from which value to which.
/// Written by the data layer for every entity marked <see cref="IAudited"/>, so no page can forget it.
/// </summary>
public sealed class AuditEntry
{
    public const int ValueMaxLength = 2000;

    private AuditEntry()
    {
        EntityType = string.Empty;
        EntityId = string.Empty;
        Field = string.Empty;
    }

    public AuditEntry(string entityType, string entityId, string field, string? oldValue, string? newValue, string? userId, string? userName, DateTime atUtc)
    {
        EntityType = entityType;
        EntityId = entityId;
        Field = field;
        OldValue = Truncate(oldValue);
        NewValue = Truncate(newValue);
        UserId = userId;
        UserName = userName;
        At = Guard.Utc(atUtc, nameof(atUtc));
    }

    public long Id { get; private set; }

    public string EntityType { get; private set; }

    public string EntityId { get; private set; }

    public string Field { get; private set; }

    public string? OldValue { get; private set; }

    public string? NewValue { get; private set; }

    public string? UserId { get; private set; }

    public string? UserName { get; private set; }

    public DateTime At { get; private set; }

    private static string? Truncate(string? value) =>
        value is { Length: > ValueMaxLength } ? value[..ValueMaxLength] : value;
}

/// <summary>Marks an entity whose every change is written to the audit trail.</summary>
public interface IAudited
{
}
