using System.Text.RegularExpressions;

namespace BathroomAftersales.Domain.Customers;

/// <summary>Mainland-China phone formats, normalised before they are stored or compared.</summary>
public static partial class PhoneNumbers
{
    /// <summary>Removes spaces, dashes and a leading +86/0086 country code from a mobile number.</summary>
    public static string NormalizeMobile(string value)
    {
        var digits = Separators().Replace(value.Trim(), string.Empty);
        if (digits.StartsWith("+86", StringComparison.Ordinal))
        {
            digits = digits[3..];
        }
        else if (digits.StartsWith("0086", StringComparison.Ordinal))
        {
            digits = digits[4..];
        }

        return digits;
    }

    /// <summary>11 digits starting with 1 and a second digit 3–9, e.g. 13812345678.</summary>
    public static bool IsValidMobile(string? value) =>
        value is not null && Mobile().IsMatch(NormalizeMobile(value));

    /// <summary>Area code 0 + 2–3 digits, a dash, 7–8 digits, optional extension: 021-12345678, 0755-1234567-123.</summary>
    public static bool IsValidLandline(string? value) =>
        value is not null && Landline().IsMatch(value.Trim());

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")]
    private static partial Regex Landline();

    [GeneratedRegex(@"[\s\-()]")]
    private static partial Regex Separators();
}
