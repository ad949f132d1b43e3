namespace BathroomAftersales.Domain.Contracts;

/// <summary>
/// Active, Expiring (ends within <see cref="ServiceContract.ExpiringWithinDays"/> days) and Expired follow from the
/// date; Renewed and Terminated are stored when they happen.
/// </summary>
public enum ContractStatus
{
    Active,
    Expiring,
    Expired,
    Renewed,
    Terminated,
}
