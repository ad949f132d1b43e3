using System.Globalization;
using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Staff.Invoices;

/// <summary>
/// Every invoice, newest first, paged by keyset on (IssuedAt, Id); and the one place an invoice is issued from a
/// completed request's work report (the request page's invoice card posts here).
/// </summary>
public sealed class IndexModel(
    AppDbContext db,
    LocalClock clock,
    RequestNumberAllocator numbers,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public InvoiceStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Outstanding { get; set; }

    /// <summary>Part of an invoice number, a request number or a customer name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public bool IsFirstPage => string.IsNullOrEmpty(After);

    /// <summary>Set when issuing was refused because the request already has an invoice: where that invoice is.</summary>
    public ExistingInvoice? Existing { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : BadRequest();

    /// <summary>
    /// Issues the invoice of a completed or closed request from its work report. Two clerks pressing the button at once
    /// both get past <see cref="Invoice.Issue"/>'s check; the filtered unique index lets one save, and the other is
    /// told where the invoice is.
    /// </summary>
    public async Task<IActionResult> OnPostIssueAsync(int requestId, CancellationToken cancellationToken)
    {
        var request = await db.ServiceRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        try
        {
            // The latest visit's report: a rework visit after a reopen is invoiced on its own.
            var report = await db.WorkReports.Include(w => w.Lines)
                .Where(w => w.ServiceRequestId == requestId)
                .OrderByDescending(w => w.Round)
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new DomainException("Staff.NoWorkReport", "This request has no work report, so there is nothing to invoice.");
            var existing = await db.Invoices.Where(i => i.ServiceRequestId == requestId).ToListAsync(cancellationToken);
            if (existing.Find(i => i.WorkReportId == report.Id && i.Status != InvoiceStatus.Void) is { } active)
            {
                return await RefuseAsync(localizer["This request already has an invoice; void it before issuing a new one."], active.Id, active.Number, cancellationToken);
            }

            var actor = await StaffActor.OfAsync(db, User, cancellationToken);
            var number = await numbers.NextInvoiceNumberAsync(cancellationToken);
            var invoice = Invoice.Issue(number, request, report, existing, actor, clock.UtcNow);
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync(cancellationToken);
            TempData.SetStatusMessage(invoice.WarrantyCovered
                ? localizer["Invoice {0} issued: covered by warranty, nothing to pay.", invoice.Number]
                : localizer["Invoice {0} issued for {1}.", invoice.Number, Infrastructure.Billing.MoneyText.Yuan(invoice.Total)]);
            return RedirectToPage("./Details", new { id = invoice.Id });
        }
        catch (DomainException exception)
        {
            return await RefuseAsync(localizer.Localize(exception), null, null, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index on the request's active invoice: someone else issued it a moment ago.
            db.ChangeTracker.Clear();
            var active = await db.Invoices.AsNoTracking()
                .Where(i => i.ServiceRequestId == requestId && i.Status != InvoiceStatus.Void)
                .OrderByDescending(i => i.Id)
                .Select(i => new { i.Id, i.Number })
                .FirstOrDefaultAsync(cancellationToken);
            if (active is null)
            {
                throw;
            }

            return await RefuseAsync(localizer["Another user has just issued invoice {0} for this request.", active.Number], active.Id, active.Number, cancellationToken);
        }
    }

    private async Task<IActionResult> RefuseAsync(string message, int? invoiceId, string? invoiceNumber, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, message);
        Existing = invoiceId is { } id ? new ExistingInvoice(id, invoiceNumber!) : null;
        After = null;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var query = db.Invoices.AsNoTracking();
        if (Status is { } status)
        {
            query = query.Where(i => i.Status == status);
        }

        if (Outstanding)
        {
            query = query.Where(i => i.Status == InvoiceStatus.Issued || i.Status == InvoiceStatus.PartiallyPaid);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(i =>
                i.Number.Contains(q)
                || db.ServiceRequests.Any(r => r.Id == i.ServiceRequestId && r.Number.Contains(q))
                || db.Customers.Any(c => c.Id == i.CustomerId && c.Name.Contains(q)));
        }

        if (!string.IsNullOrEmpty(After))
        {
            if (!KeysetCursor.TryParse(After, out var at, out var lastId))
            {
                return false;
            }

            query = query.Where(i => i.IssuedAt < at || (i.IssuedAt == at && i.Id < lastId));
        }

        var page = await (
                from i in query
                join c in db.Customers on i.CustomerId equals c.Id
                join r in db.ServiceRequests on i.ServiceRequestId equals r.Id
                orderby i.IssuedAt descending, i.Id descending
                select new Row(i.Id, i.Number, c.Name, r.Id, r.Number, i.IssuedAt, i.Status, i.Total, i.PaidTotal, i.WarrantyCovered))
            .Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        Rows = page.Take(PageSize).ToList();
        NextCursor = page.Count > PageSize ? KeysetCursor.Format(Rows[^1].IssuedAt, Rows[^1].Id) : null;
        return true;
    }

    /// <summary>The current filters as query values, for the next-page link.</summary>
    public Dictionary<string, string> FilterValues(string? after = null)
    {
        var values = new Dictionary<string, string>();
        if (Status is { } status)
        {
            values["status"] = status.ToString();
        }

        if (Outstanding)
        {
            values["outstanding"] = "true";
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            values["q"] = Q;
        }

        if (after is not null)
        {
            values["after"] = after;
        }

        return values;
    }

    public sealed record ExistingInvoice(int Id, string Number);

    public sealed record Row(
        int Id,
        string Number,
        string CustomerName,
        int RequestId,
        string RequestNumber,
        DateTime IssuedAt,
        InvoiceStatus Status,
        decimal Total,
        decimal PaidTotal,
        bool WarrantyCovered)
    {
        public decimal Balance => Status == InvoiceStatus.Void ? 0m : Total - PaidTotal;
    }
}
