namespace BathroomAftersales.Domain.Billing;

/// <summary>
/// Clause 4.3: within the one-year warranty the supplier pays for repairing a quality defect (parts and fees alike);
/// everything else — out of warranty, or a fault from wear, misuse, installation or another cause — the customer pays.
/// </summary>
public static class PayerRule
{
    public static Payer Decide(bool inWarrantyOnServiceDate, FaultCause cause) =>
        inWarrantyOnServiceDate && cause == FaultCause.QualityDefect ? Payer.Supplier : Payer.Customer;

    /// <summary>
    /// Whether the product was in warranty on the service date: the Shanghai calendar day the report is filed, the
    /// warranty's last day included (<see cref="Products.CustomerProduct.IsInWarranty(DateOnly, DateOnly, DateOnly)"/>).
    /// A request without a registered product has no purchase date to prove warranty, so it counts as out of warranty
    /// and the customer pays; staff can override a line's payer with a reason when the customer shows proof later.
    /// </summary>
    public static bool IsInWarranty(Products.CustomerProduct? product, DateOnly serviceDate) =>
        product is not null && Products.CustomerProduct.IsInWarranty(product.PurchaseDate, product.WarrantyEndsOn, serviceDate);
}
