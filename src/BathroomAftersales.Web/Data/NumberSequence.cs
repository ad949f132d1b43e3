namespace BathroomAftersales.Web.Data;

/// <summary>
/// A counter per scope (e.g. "SR-20261125") for human-readable numbers. Incremented in the database inside a
/// transaction (<see cref="RequestNumberAllocator"/>), so two instances never hand out the same number; the unique
/// index on the number is the last line of defence.
/// </summary>
public sealed class NumberSequence : BathroomAftersales.Domain.Common.IVersioned
{
    public const int ScopeMaxLength = 40;

    public required string Scope { get; init; }

    public int LastValue { get; set; }

    public Guid Version { get; set; }
}
