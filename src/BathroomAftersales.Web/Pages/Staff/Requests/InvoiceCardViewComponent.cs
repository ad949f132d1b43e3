using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Staff.Requests;

/// <summary>
/// The invoice card of the desk's request page: the request's active invoice, or the button that issues one once the
/// request is completed with a work report. Loads its own small query so the request page's model stays as it is.
/// </summary>
public sealed class InvoiceCardViewComponent(AppDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int requestId, RequestStatus status)
    {
        // The latest visit's report and its invoice: a rework visit after a reopen is invoiced on its own.
        var reportId = await db.WorkReports.AsNoTracking()
            .Where(w => w.ServiceRequestId == requestId)
            .OrderByDescending(w => w.Round)
            .Select(w => (int?)w.Id)
            .FirstOrDefaultAsync();
        var hasReport = reportId is not null;
        var invoice = await db.Invoices.AsNoTracking()
            .Where(i => i.ServiceRequestId == requestId && i.Status != InvoiceStatus.Void)
            .OrderBy(i => i.WorkReportId == reportId ? 0 : 1).ThenByDescending(i => i.Id)
            .Select(i => new InvoiceCard.ActiveInvoice(i.Id, i.Number, i.Status, i.Total, i.PaidTotal, i.WarrantyCovered))
            .FirstOrDefaultAsync();
        var latestInvoiced = invoice is not null && await db.Invoices.AnyAsync(i => i.WorkReportId == reportId && i.Status != InvoiceStatus.Void);
        var canIssue = !latestInvoiced && hasReport && status is RequestStatus.Completed or RequestStatus.Closed;
        return View("/Pages/Staff/Requests/_InvoiceCard.cshtml", new InvoiceCard(requestId, hasReport, canIssue, invoice));
    }
}

public sealed record InvoiceCard(int RequestId, bool HasWorkReport, bool CanIssue, InvoiceCard.ActiveInvoice? Invoice)
{
    public sealed record ActiveInvoice(int Id, string Number, InvoiceStatus Status, decimal Total, decimal PaidTotal, bool WarrantyCovered);
}
