using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.Contracts;

/// <summary>
/// The service contract with one customer (clauses 1.3, 11–13): one year from signing by default, renewable by a linked
/// successor that starts the day after, terminated early only with a date in the term and a reason. The terms of one
/// customer never overlap; the callers pass the customer's other contracts so the rule can be checked here.
/// </summary>
public sealed class ServiceContract : IVersioned
{
    public const int ExpiringWithinDays = 30;
    public const int ReasonMaxLength = 500;

    private ServiceContract()
    {
        Number = string.Empty;
    }

    public int Id { get; private set; }

    public string Number { get; private set; }

    public int CustomerId { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    /// <summary>Only Active (the date decides the rest), Renewed or Terminated are stored.</summary>
    public ContractStatus StoredStatus { get; private set; }

    public int? PredecessorId { get; private set; }

    public DateOnly? TerminatedOn { get; private set; }

    public string? TerminationReason { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public Guid Version { get; set; }

    /// <summary>The last day the contract is in force: the termination date when terminated.</summary>
    public DateOnly EffectiveEnd => TerminatedOn ?? EndsOn;

    /// <summary>The default term: one year less a day (2026-03-01 → 2027-02-28).</summary>
    public static DateOnly DefaultEnd(DateOnly start) => start.AddYears(1).AddDays(-1);

    public static ServiceContract Create(
        string number, int customerId, DateOnly startsOn, DateOnly? endsOn, IEnumerable<ServiceContract> contractsOfCustomer, DateTime nowUtc)
    {
        var end = endsOn ?? DefaultEnd(startsOn);
        if (end < startsOn)
        {
            throw new DomainException("Contract.EndBeforeStart", "The contract cannot end before it starts.");
        }

        EnsureNoOverlap(contractsOfCustomer, customerId, startsOn, end);
        return new ServiceContract
        {
            Number = Guard.Required(number, nameof(Number), ContractNumber.MaxLength),
            CustomerId = customerId,
            StartsOn = startsOn,
            EndsOn = end,
            StoredStatus = ContractStatus.Active,
            CreatedAt = Guard.Utc(nowUtc, nameof(nowUtc)),
        };
    }

    /// <summary>Active, Expiring or Expired on <paramref name="today"/> (local date), or the stored Renewed/Terminated.</summary>
    public ContractStatus StatusOn(DateOnly today) => StatusOf(StoredStatus, EndsOn, today);

    public static ContractStatus StatusOf(ContractStatus stored, DateOnly endsOn, DateOnly today) =>
        stored != ContractStatus.Active ? stored
        : today > endsOn ? ContractStatus.Expired
        : endsOn.DayNumber - today.DayNumber <= ExpiringWithinDays ? ContractStatus.Expiring
        : ContractStatus.Active;

    /// <summary>A successor for another term of the same length as the default, from the day after this one ends.</summary>
    public ServiceContract Renew(string number, IEnumerable<ServiceContract> contractsOfCustomer, DateTime nowUtc)
    {
        if (StoredStatus != ContractStatus.Active)
        {
            throw new DomainException("Contract.NotRenewable", "This contract has already been renewed or terminated.");
        }

        var successor = Create(number, CustomerId, EndsOn.AddDays(1), null, contractsOfCustomer, nowUtc);
        successor.PredecessorId = Id;
        StoredStatus = ContractStatus.Renewed;
        return successor;
    }

    public void Terminate(DateOnly? terminatedOn, string? reason)
    {
        if (StoredStatus != ContractStatus.Active)
        {
            throw new DomainException("Contract.NotTerminable", "This contract has already been renewed or terminated.");
        }

        if (terminatedOn is not { } date)
        {
            throw new DomainException("Contract.TerminationDateRequired", "Please give the termination date.");
        }

        if (date < StartsOn || date > EndsOn)
        {
            throw new DomainException("Contract.TerminationOutsideTerm", "The termination date must be within the contract term.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Contract.TerminationReasonRequired", "Please give the reason for the termination.");
        }

        TerminationReason = Guard.Required(reason, nameof(TerminationReason), ReasonMaxLength);
        TerminatedOn = date;
        StoredStatus = ContractStatus.Terminated;
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static void EnsureNoOverlap(IEnumerable<ServiceContract> contractsOfCustomer, int customerId, DateOnly start, DateOnly end)
    {
        ArgumentNullException.ThrowIfNull(contractsOfCustomer);
        var clash = contractsOfCustomer.FirstOrDefault(c => c.CustomerId == customerId && c.StartsOn <= end && start <= c.EffectiveEnd);
        if (clash is not null)
        {
            throw new DomainException(
                "Contract.Overlap", "The term overlaps contract {0} ({1} – {2}).", clash.Number, Day(clash.StartsOn), Day(clash.EffectiveEnd));
        }
    }
}
