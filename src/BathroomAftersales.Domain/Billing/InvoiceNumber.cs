using System.Globalization;

namespace BathroomAftersales.Domain.Billing;

/// <summary>Invoice numbers: INV-202611-00001, the month being the Shanghai calendar month of issue.</summary>
public static class InvoiceNumber
{
    public const string Prefix = "INV";
    public const int MaxLength = 20;

    public static string Scope(DateOnly localDate) =>
        $"{Prefix}-{localDate.ToString("yyyyMM", CultureInfo.InvariantCulture)}";

    public static string Format(DateOnly localDate, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return $"{Scope(localDate)}-{sequence.ToString("D5", CultureInfo.InvariantCulture)}";
    }
}
