using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.Products;

/// <summary>A catalog entry: one model the supplier sells, with its warranty term (clause 4.3: one year by default).</summary>
public sealed class ProductModel
{
    public const int SkuMaxLength = 40;
    public const int NameMaxLength = 120;
    public const int DefaultWarrantyMonths = 12;

    private ProductModel()
    {
        Sku = string.Empty;
        Name = string.Empty;
    }

    public ProductModel(string sku, string name, ProductCategory category, int warrantyMonths = DefaultWarrantyMonths)
    {
        Sku = Guard.Required(sku, nameof(Sku), SkuMaxLength).ToUpperInvariant();
        Name = Guard.Required(name, nameof(Name), NameMaxLength);
        Category = category;
        WarrantyMonths = ValidWarrantyMonths(warrantyMonths);
    }

    public int Id { get; private set; }

    public string Sku { get; private set; }

    public string Name { get; private set; }

    public ProductCategory Category { get; private set; }

    public int WarrantyMonths { get; private set; }

    public bool Discontinued { get; private set; }

    public void ChangeWarranty(int warrantyMonths) => WarrantyMonths = ValidWarrantyMonths(warrantyMonths);

    public void Discontinue() => Discontinued = true;

    private static int ValidWarrantyMonths(int months) =>
        months is >= 0 and <= 240
            ? months
            : throw new DomainException("Product.WarrantyMonthsOutOfRange", "Warranty months must be between 0 and 240.");
}
