namespace BathroomAftersales.Domain.Billing;

/// <summary>A customer-payable line of the work report, copied when the invoice is issued so the invoice never changes.</summary>
public sealed class InvoiceLine
{
    private InvoiceLine()
    {
        Description = string.Empty;
    }

    internal InvoiceLine(WorkReportLine line)
    {
        LineNumber = line.LineNumber;
        Description = line.Description;
        Sku = line.Sku;
        Quantity = line.Quantity;
        UnitPrice = line.UnitPrice;
        Amount = line.Amount;
    }

    public int Id { get; private set; }

    public int InvoiceId { get; private set; }

    /// <summary>The number of the line on the work report.</summary>
    public int LineNumber { get; private set; }

    public string Description { get; private set; }

    public string? Sku { get; private set; }

    public decimal Quantity { get; private set; }

    public decimal UnitPrice { get; private set; }

    public decimal Amount { get; private set; }
}
