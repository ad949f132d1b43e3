using BathroomAftersales.Domain.Catalog;
using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.Products;

/// <summary>A catalog entry: one model the supplier sells, with its warranty term (clause 4.3: one year by default).</summary>
public sealed class ProductModel : IVersioned
{
    public const int SkuMaxLength = SkuCode.MaxLength;
    public const int NameMaxLength = 120;
    public const int DefaultWarrantyMonths = 12;

    private ProductModel()
    {
        Sku = string.Empty;
        Name = string.Empty;
    }

    public ProductModel(string sku, string name, ProductCategory category, int warrantyMonths = DefaultWarrantyMonths)
    {
        Sku = SkuCode.Normalize(sku);
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

    public Guid Version { get; set; }

    public void Rename(string name, ProductCategory category)
    {
        Name = Guard.Required(name, nameof(Name), NameMaxLength);
        Category = category;
    }

    public void ChangeWarranty(int warrantyMonths) => WarrantyMonths = ValidWarrantyMonths(warrantyMonths);

    public void Discontinue() => Discontinued = true;

    /// <summary>Back in the range: customers can register it again.</summary>
    public void Reinstate() => Discontinued = false;

    private static int ValidWarrantyMonths(int months) =>
        months is >= 0 and <= 240
            ? months
            : throw new DomainException("Product.WarrantyMonthsOutOfRange", "Warranty months must be between 0 and 240.");
}
