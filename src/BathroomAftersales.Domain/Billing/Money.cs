using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.Billing;

/// <summary>
/// Amounts in yuan as <see cref="decimal"/> with two places (fen). Every amount of a work report, an invoice or a
/// payment is validated and rounded here, so there is one rounding rule in the whole system.
/// </summary>
public static class Money
{
    /// <summary>Large enough for any bathroom repair, small enough to fit decimal(18,2) in every provider.</summary>
    public const decimal Max = 9_999_999m;

    /// <summary>Half away from zero, as a cashier rounds: 0.125 → 0.13 (banker's rounding would give 0.12).</summary>
    public static decimal Round2(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    public static bool HasAtMostTwoPlaces(decimal value) => decimal.Round(value, 2) == value;

    /// <summary>Quantity × unit price, rounded once: the only place a line amount is computed.</summary>
    public static decimal LineAmount(decimal quantity, decimal unitPrice) => Round2(quantity * unitPrice);

    /// <summary>A price or a total: zero or more, at most two places.</summary>
    public static decimal RequireNonNegative(decimal value, string field)
    {
        if (value < 0)
        {
            throw new DomainException("Money.Negative", $"{field} cannot be negative.", field);
        }

        return RequireTwoPlaces(value, field);
    }

    /// <summary>A payment: more than zero, at most two places.</summary>
    public static decimal RequirePositive(decimal value, string field)
    {
        if (value <= 0)
        {
            throw new DomainException("Money.NotPositive", $"{field} must be more than zero.", field);
        }

        return RequireTwoPlaces(value, field);
    }

    private static decimal RequireTwoPlaces(decimal value, string field)
    {
        if (!HasAtMostTwoPlaces(value))
        {
            throw new DomainException("Money.TooManyDecimals", $"{field} can have at most two decimal places.", field);
        }

        if (value > Max)
        {
            throw new DomainException("Money.TooLarge", $"{field} is too large.", field);
        }

        return value;
    }
}
