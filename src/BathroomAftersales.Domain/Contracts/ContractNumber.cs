using System.Globalization;

namespace BathroomAftersales.Domain.Contracts;

/// <summary>Service contract numbers: SC-2026-00001, the year being the Shanghai calendar year of creation.</summary>
public static class ContractNumber
{
    public const string Prefix = "SC";
    public const int MaxLength = 20;

    public static string Scope(DateOnly localDate) =>
        $"{Prefix}-{localDate.ToString("yyyy", CultureInfo.InvariantCulture)}";

    public static string Format(DateOnly localDate, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return $"{Scope(localDate)}-{sequence.ToString("D5", CultureInfo.InvariantCulture)}";
    }
}
