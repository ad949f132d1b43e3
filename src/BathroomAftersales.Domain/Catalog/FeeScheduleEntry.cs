using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.Catalog;

/// <summary>How a fee is charged.</summary>
public enum FeeUnit
{
    Flat,
    PerHour,
}

/// <summary>
/// One price of one fee, in force from <see cref="EffectiveFrom"/> until the next entry of the same kind starts.
/// Entries are only added, never edited: what was charged on a past day stays answerable.
/// </summary>
public sealed class FeeScheduleEntry
{
    private FeeScheduleEntry()
    {
    }

    /// <summary>An entry as it stands (demo data, imports); <see cref="Schedule"/> is the way a user adds one.</summary>
    public FeeScheduleEntry(FeeKind kind, FeeUnit unit, decimal amount, DateOnly effectiveFrom)
    {
        Kind = kind;
        Unit = unit;
        Amount = Money.Required(amount);
        EffectiveFrom = effectiveFrom;
    }

    public int Id { get; private set; }

    public FeeKind Kind { get; private set; }

    public FeeUnit Unit { get; private set; }

    public decimal Amount { get; private set; }

    public DateOnly EffectiveFrom { get; private set; }

    /// <summary>A new price from a day on; the past cannot be rewritten.</summary>
    public static FeeScheduleEntry Schedule(FeeKind kind, FeeUnit unit, decimal amount, DateOnly effectiveFrom, DateOnly today) =>
        effectiveFrom < today
            ? throw new DomainException("Fee.InThePast", "A new fee cannot start in the past.")
            : new FeeScheduleEntry(kind, unit, amount, effectiveFrom);
}

/// <summary>Which fee is in force on a day.</summary>
public static class FeeSchedule
{
    /// <summary>The entry of that kind with the latest start on or before the day; null when none has started yet.</summary>
    public static FeeScheduleEntry? PriceOn(IEnumerable<FeeScheduleEntry> entries, FeeKind kind, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.Where(e => e.Kind == kind && e.EffectiveFrom <= day).MaxBy(e => e.EffectiveFrom);
    }
}
