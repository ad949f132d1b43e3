using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Infrastructure.WorkReports;

/// <summary>
/// A filed work report as the request pages show it (the desk with photos and overrides, the customer in plain words).
/// Totals are summed here, in C#, from the few lines of one report.
/// </summary>
public sealed record WorkReportView(
    int Id,
    string TechnicianName,
    DateOnly ServiceDate,
    DateTime FiledAt,
    FaultCause FaultCause,
    string WorkPerformed,
    bool InWarranty,
    bool RestoredToFactoryStandard,
    string CustomerConfirmationName,
    IReadOnlyList<Guid> PhotosBefore,
    IReadOnlyList<Guid> PhotosAfter,
    IReadOnlyList<WorkReportView.Line> Lines)
{
    public decimal SupplierTotal => Lines.Where(l => l.Payer == Payer.Supplier).Sum(l => l.Amount);

    public decimal CustomerTotal => Lines.Where(l => l.Payer == Payer.Customer).Sum(l => l.Amount);

    public decimal Total => Lines.Sum(l => l.Amount);

    /// <summary>The report of a request's latest visit (a rework after a reopen files its own), or null when none is filed.</summary>
    public static async Task<WorkReportView?> LoadAsync(AppDbContext db, int requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var report = await db.WorkReports.AsNoTracking()
            .Include(r => r.Lines)
            .Include(r => r.Photos)
            .Where(r => r.ServiceRequestId == requestId)
            .OrderByDescending(r => r.Round)
            .FirstOrDefaultAsync(cancellationToken);
        if (report is null)
        {
            return null;
        }

        var technician = await db.Technicians.AsNoTracking()
            .Where(t => t.Id == report.TechnicianId)
            .Select(t => t.Name)
            .FirstOrDefaultAsync(cancellationToken);
        return new WorkReportView(
            report.Id,
            technician ?? string.Empty,
            report.ServiceDate,
            report.FiledAt,
            report.FaultCause,
            report.WorkPerformed,
            report.InWarranty,
            report.RestoredToFactoryStandard,
            report.CustomerConfirmationName,
            [.. report.Photos.Where(p => p.Stage == PhotoStage.Before).OrderBy(p => p.Id).Select(p => p.StoredFileId)],
            [.. report.Photos.Where(p => p.Stage == PhotoStage.After).OrderBy(p => p.Id).Select(p => p.StoredFileId)],
            [.. report.Lines.OrderBy(l => l.LineNumber).Select(l => new Line(
                l.LineNumber, l.Kind, l.Description, l.Sku, l.Quantity, l.UnitPrice, l.Amount, l.Payer, l.PayerOverridden, l.OverrideReason))]);
    }

    public sealed record Line(
        int Number,
        WorkReportLineKind Kind,
        string Description,
        string? Sku,
        decimal Quantity,
        decimal UnitPrice,
        decimal Amount,
        Payer Payer,
        bool Overridden,
        string? OverrideReason);
}
