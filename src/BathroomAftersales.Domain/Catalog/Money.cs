using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.Catalog;

/// <summary>Amounts of money in yuan (元): non-negative, at most 1,000,000, at most two decimal places (fen).</summary>
public static class Money
{
    public const decimal Max = 1_000_000m;

    public static bool IsValid(decimal amount) =>
        amount is >= 0m and <= Max && decimal.Round(amount, 2) == amount;

    public static decimal Required(decimal amount) =>
        IsValid(amount)
            ? amount
            : throw new DomainException(
                "Money.Invalid", "An amount must be between 0 and 1,000,000 yuan with at most two decimal places.");
}
