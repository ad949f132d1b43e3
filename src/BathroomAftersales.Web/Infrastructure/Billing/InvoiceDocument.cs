using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Infrastructure.Billing;

/// <summary>
/// An invoice as it is printed, for staff and for the customer alike (the same layout, _InvoiceDocument.cshtml). The
/// supplier's name comes from App:SupplierName.
/// </summary>
public sealed record InvoiceDocument(
    int Id,
    string Number,
    string SupplierName,
    InvoiceStatus Status,
    DateTime IssuedAt,
    string IssuedBy,
    int CustomerId,
    string CustomerName,
    string? CustomerAddress,
    int RequestId,
    string RequestNumber,
    DateTime? CompletedAt,
    decimal Total,
    decimal PaidTotal,
    bool WarrantyCovered,
    DateTime? VoidedAt,
    string? VoidedBy,
    string? VoidReason,
    Guid Version,
    IReadOnlyList<InvoiceDocument.Line> Lines,
    IReadOnlyList<InvoiceDocument.PaymentRow> Payments)
{
    public const string DefaultSupplierName = "卫浴产品售后服务中心";

    public decimal Balance => Status == InvoiceStatus.Void ? 0m : Total - PaidTotal;

    public bool IsOutstanding => Status is InvoiceStatus.Issued or InvoiceStatus.PartiallyPaid;

    public static string SupplierNameFrom(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var name = configuration["App:SupplierName"];
        return string.IsNullOrWhiteSpace(name) ? DefaultSupplierName : name.Trim();
    }

    /// <summary>The invoice, or null when it does not exist or (with <paramref name="customerId"/>) belongs to someone else.</summary>
    public static async Task<InvoiceDocument?> LoadAsync(
        AppDbContext db, int id, int? customerId, string supplierName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var invoices = db.Invoices.AsNoTracking().Where(i => i.Id == id);
        if (customerId is { } owner)
        {
            invoices = invoices.Where(i => i.CustomerId == owner);
        }

        var invoice = await invoices.Include(i => i.Lines).Include(i => i.Payments).FirstOrDefaultAsync(cancellationToken);
        if (invoice is null)
        {
            return null;
        }

        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == invoice.CustomerId, cancellationToken);
        var request = await db.ServiceRequests.AsNoTracking()
            .Where(r => r.Id == invoice.ServiceRequestId)
            .Select(r => new { r.Number, r.CompletedAt })
            .FirstAsync(cancellationToken);
        return new InvoiceDocument(
            invoice.Id,
            invoice.Number,
            supplierName,
            invoice.Status,
            invoice.IssuedAt,
            invoice.IssuedBy,
            customer.Id,
            customer.Name,
            customer.Address?.ToString(),
            invoice.ServiceRequestId,
            request.Number,
            request.CompletedAt,
            invoice.Total,
            invoice.PaidTotal,
            invoice.WarrantyCovered,
            invoice.VoidedAt,
            invoice.VoidedBy,
            invoice.VoidReason,
            invoice.Version,
            [.. invoice.Lines.OrderBy(l => l.LineNumber).Select(l => new Line(l.LineNumber, l.Description, l.Sku, l.Quantity, l.UnitPrice, l.Amount))],
            [.. invoice.Payments.OrderBy(p => p.PaidOn).ThenBy(p => p.Id).Select(p => new PaymentRow(p.PaidOn, p.Method, p.Amount, p.Reference, p.RecordedBy, p.RecordedAt))]);
    }

    public sealed record Line(int LineNumber, string Description, string? Sku, decimal Quantity, decimal UnitPrice, decimal Amount);

    public sealed record PaymentRow(DateOnly PaidOn, PaymentMethod Method, decimal Amount, string? Reference, string RecordedBy, DateTime RecordedAt);

    public static string StatusBadge(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Issued => "text-bg-warning",
        InvoiceStatus.PartiallyPaid => "text-bg-info",
        InvoiceStatus.Paid => "text-bg-success",
        _ => "text-bg-secondary",
    };
}
