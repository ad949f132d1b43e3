using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Portal.Complaints;

/// <summary>My complaints, newest first, paged by keyset on (ReceivedAt, Id) — the index (CustomerId, ReceivedAt, Id).</summary>
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
        var query = db.Complaints.AsNoTracking().Where(c => c.CustomerId == customerId);
        if (!string.IsNullOrEmpty(After))
        {
            if (!KeysetCursor.TryParse(After, out var receivedAt, out var lastId) || lastId > int.MaxValue)
            {
                return BadRequest();
            }

            query = query.Where(c => c.ReceivedAt < receivedAt || (c.ReceivedAt == receivedAt && c.Id < lastId));
        }

        var page = await query
            .OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id)
            .Take(PageSize + 1)
            .Select(c => new Row(c.Id, c.Number, c.Category, c.Status, c.ReceivedAt, c.ResolveBy, c.Resolution))
            .ToListAsync(cancellationToken);
        Rows = page.Take(PageSize).ToList();
        if (page.Count > PageSize)
        {
            NextCursor = KeysetCursor.Format(Rows[^1].ReceivedAt, Rows[^1].Id);
        }

        return Page();
    }

    public sealed record Row(int Id, string Number, ComplaintCategory Category, ComplaintStatus Status, DateTime ReceivedAt, DateTime ResolveBy, string? Resolution);
}
