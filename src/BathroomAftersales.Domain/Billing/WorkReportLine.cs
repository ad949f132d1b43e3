using BathroomAftersales.Domain.Catalog;
using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.Billing;

/// <summary>
/// A part used or a fee charged on a visit. Prices are copied from the catalog or fee schedule when the report is
/// filed, so later price changes do not rewrite a filed report. The payer is decided by <see cref="PayerRule"/> when
/// the report is filed and can only be changed by a manager's override with a reason.
/// </summary>
public sealed class WorkReportLine
{
    public const int SkuMaxLength = 40;
    public const int DescriptionMaxLength = 200;
    public const int OverrideReasonMaxLength = 500;
    public const decimal MaxQuantity = 9999m;

    private WorkReportLine()
    {
        Description = string.Empty;
    }

    private WorkReportLine(WorkReportLineKind kind, int? partId, FeeKind? feeKind, string? sku, string description, decimal quantity, decimal unitPrice)
    {
        Kind = kind;
        PartId = partId;
        FeeKind = feeKind;
        Sku = sku;
        Description = Guard.Required(description, nameof(Description), DescriptionMaxLength);
        Quantity = RequireQuantity(quantity);
        UnitPrice = Money.RequireNonNegative(unitPrice, nameof(UnitPrice));
        Amount = Money.LineAmount(Quantity, UnitPrice);
    }

    public int Id { get; private set; }

    public int WorkReportId { get; private set; }

    /// <summary>1, 2, 3… in the order the technician entered them: how a line is named on screen and in an override.</summary>
    public int LineNumber { get; private set; }

    public WorkReportLineKind Kind { get; private set; }

    /// <summary>The catalog part, when the line is a part (the catalog is optional: a part may be entered by SKU only).</summary>
    public int? PartId { get; private set; }

    public FeeKind? FeeKind { get; private set; }

    public string? Sku { get; private set; }

    public string Description { get; private set; }

    /// <summary>Pieces, or hours for labour (1.5): more than zero, at most two places.</summary>
    public decimal Quantity { get; private set; }

    public decimal UnitPrice { get; private set; }

    /// <summary>Quantity × unit price rounded to fen (<see cref="Money.LineAmount"/>).</summary>
    public decimal Amount { get; private set; }

    public Payer Payer { get; private set; }

    public bool PayerOverridden { get; private set; }

    public string? OverrideReason { get; private set; }

    /// <summary>A part from the catalog (or typed in by SKU when the part is not in the catalog yet).</summary>
    public static WorkReportLine Part(int? partId, string sku, string description, decimal quantity, decimal unitPrice) =>
        new(WorkReportLineKind.Part, partId, null, Guard.Required(sku, nameof(Sku), SkuMaxLength), description, quantity, unitPrice);

    /// <summary>A fee from the fee schedule: on-site, repair labour or maintenance.</summary>
    public static WorkReportLine Fee(FeeKind feeKind, string description, decimal quantity, decimal unitPrice) =>
        new(WorkReportLineKind.Fee, null, feeKind, null, description, quantity, unitPrice);

    internal void Number(int lineNumber, Payer payer)
    {
        LineNumber = lineNumber;
        Payer = payer;
    }

    internal void Override(Payer payer, string reason)
    {
        Payer = payer;
        PayerOverridden = true;
        OverrideReason = reason;
    }

    private static decimal RequireQuantity(decimal quantity)
    {
        if (quantity <= 0 || quantity > MaxQuantity)
        {
            throw new DomainException("WorkReport.QuantityOutOfRange", "The quantity must be more than zero and at most 9999.");
        }

        if (!Money.HasAtMostTwoPlaces(quantity))
        {
            throw new DomainException("WorkReport.QuantityTooManyDecimals", "The quantity can have at most two decimal places.");
        }

        return quantity;
    }
}
