using System.Globalization;

namespace BathroomAftersales.Domain.Complaints;

/// <summary>Human-readable complaint numbers: CP-20261125-0001, the date being the Shanghai calendar day of receipt.</summary>
public static class ComplaintNumber
{
    public const string Prefix = "CP";
    public const int MaxLength = 24;

    public static string Scope(DateOnly localDate) =>
        $"{Prefix}-{localDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";

    public static string Format(DateOnly localDate, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return $"{Scope(localDate)}-{sequence.ToString("D4", CultureInfo.InvariantCulture)}";
    }
}
