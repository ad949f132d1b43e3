using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Portal.Invoices;

/// <summary>My invoices, newest first, paged by keyset on (IssuedAt, Id) — the index (CustomerId, IssuedAt, Id).</summary>
public sealed class IndexModel(AppDbContext db, CurrentCustomer currentCustomer) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public bool IsFirstPage => string.IsNullOrEmpty(After);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);
        var query = db.Invoices.AsNoTracking().Where(i => i.CustomerId == customerId);
        if (!string.IsNullOrEmpty(After))
        {
            if (!KeysetCursor.TryParse(After, out var issuedAt, out var lastId))
            {
                return BadRequest();
            }

            query = query.Where(i => i.IssuedAt < issuedAt || (i.IssuedAt == issuedAt && i.Id < lastId));
        }

        var page = await (
                from i in query
                join r in db.ServiceRequests on i.ServiceRequestId equals r.Id
                orderby i.IssuedAt descending, i.Id descending
                select new Row(i.Id, i.Number, r.Number, i.IssuedAt, i.Status, i.Total, i.PaidTotal, i.WarrantyCovered))
            .Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        Rows = page.Take(PageSize).ToList();
        NextCursor = page.Count > PageSize ? KeysetCursor.Format(Rows[^1].IssuedAt, Rows[^1].Id) : null;
        return Page();
    }

    public sealed record Row(
        int Id, string Number, string RequestNumber, DateTime IssuedAt, InvoiceStatus Status, decimal Total, decimal PaidTotal, bool WarrantyCovered)
    {
        public decimal Balance => Status == InvoiceStatus.Void ? 0m : Total - PaidTotal;
    }
}
