using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.Catalog;

/// <summary>
/// A stock-keeping unit code (product models and parts): trimmed and stored in upper case, so uniqueness is
/// case-insensitive on every database without relying on a collation.
/// </summary>
public static class SkuCode
{
    public const int MaxLength = 40;

    public static string Normalize(string? sku)
    {
        var trimmed = Guard.Required(sku, "Sku", MaxLength);
        if (!trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new DomainException("Sku.Invalid", "A SKU may contain only letters, digits, '-', '_' and '.'.");
        }

        return trimmed.ToUpperInvariant();
    }

    public static bool IsValid(string? sku) =>
        !string.IsNullOrWhiteSpace(sku)
        && sku.Trim().Length <= MaxLength
        && sku.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
