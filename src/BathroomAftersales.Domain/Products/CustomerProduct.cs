using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.Products;

/// <summary>A product a customer bought and registered: the unit that warranty and service history attach to.</summary>
public sealed class CustomerProduct
{
    public const int SerialMaxLength = 60;

    private CustomerProduct()
    {
        SerialNumber = string.Empty;
        InstallationAddress = null!;
    }

    public CustomerProduct(int customerId, ProductModel model, string serialNumber, DateOnly purchaseDate, Address installationAddress, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (purchaseDate > today)
        {
            throw new DomainException("Product.PurchaseDateInFuture", "The purchase date cannot be in the future.");
        }

        CustomerId = customerId;
        ProductModelId = model.Id;
        Model = model;
        SerialNumber = Guard.Required(serialNumber, nameof(SerialNumber), SerialMaxLength).ToUpperInvariant();
        PurchaseDate = purchaseDate;
        WarrantyEndsOn = ComputeWarrantyEnd(purchaseDate, model.WarrantyMonths);
        InstallationAddress = installationAddress ?? throw new ArgumentNullException(nameof(installationAddress));
    }

    public int Id { get; private set; }

    public int CustomerId { get; private set; }

    public int ProductModelId { get; private set; }

    public ProductModel? Model { get; private set; }

    /// <summary>Unique per model.</summary>
    public string SerialNumber { get; private set; }

    public DateOnly PurchaseDate { get; private set; }

    /// <summary>
    /// Purchase date + the model's warranty months (domain guide, clause 4.3), the last day covered: a toilet
    /// bought on 2026-03-01 with 12 months shows "在保至 2027-03-01" and is out of warranty on 2027-03-02.
    /// Fixed at registration so later catalog changes do not rewrite a customer's warranty.
    /// </summary>
    public DateOnly WarrantyEndsOn { get; private set; }

    public Address InstallationAddress { get; private set; }

    public string? ProofOfPurchasePath { get; private set; }

    public static DateOnly ComputeWarrantyEnd(DateOnly purchaseDate, int warrantyMonths) =>
        purchaseDate.AddMonths(warrantyMonths);

    public bool IsInWarranty(DateOnly date) => IsInWarranty(PurchaseDate, WarrantyEndsOn, date);

    /// <summary>The same rule on dates read in a projection, so lists need not load whole products.</summary>
    public static bool IsInWarranty(DateOnly purchaseDate, DateOnly warrantyEndsOn, DateOnly date) =>
        date >= purchaseDate && date <= warrantyEndsOn;

    public void AttachProofOfPurchase(string storedPath) =>
        ProofOfPurchasePath = Guard.Required(storedPath, nameof(ProofOfPurchasePath), 260);

    public void MoveTo(Address installationAddress) =>
        InstallationAddress = installationAddress ?? throw new ArgumentNullException(nameof(installationAddress));
}
