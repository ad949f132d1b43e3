using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Staff.Complaints;

/// <summary>
/// The complaint desk: complaints by the deadline that breaches first (acknowledge-by until acknowledged, resolve-by
/// after: the stored <see cref="Complaint.DueAt"/>), then id; the open ones unless a status is chosen. Keyset paging on
/// (DueAt, Id) over the index (Status, DueAt, Id).
/// </summary>
public sealed class IndexModel(AppDbContext db, LocalClock clock) : PageModel
{
    public const int PageSize = 50;

    private static readonly ComplaintStatus[] OpenStatuses = [ComplaintStatus.Received, ComplaintStatus.Acknowledged, ComplaintStatus.Investigating];

    /// <summary>One status; all open ones when empty.</summary>
    [BindProperty(SupportsGet = true)]
    public ComplaintStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public DateTime NowUtc { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        NowUtc = clock.UtcNow;
        var now = NowUtc;
        var query = db.Complaints.AsNoTracking();
        query = Status is { } status ? query.Where(c => c.Status == status) : query.Where(c => OpenStatuses.Contains(c.Status));
        if (Overdue)
        {
            query = query.Where(c => c.DueAt < now && OpenStatuses.Contains(c.Status));
        }

        if (!string.IsNullOrEmpty(After))
        {
            if (!KeysetCursor.TryParse(After, out var dueAt, out var lastId) || lastId > int.MaxValue)
            {
                return BadRequest();
            }

            query = query.Where(c => c.DueAt > dueAt || (c.DueAt == dueAt && c.Id > lastId));
        }

        var page = await query
            .OrderBy(c => c.DueAt).ThenBy(c => c.Id)
            .Take(PageSize + 1)
            .Select(c => new Row(
                c.Id, c.Number, db.Customers.Where(x => x.Id == c.CustomerId).Select(x => x.Name).FirstOrDefault() ?? string.Empty,
                c.Category, c.Channel, c.Status, c.OwnerName, c.ReceivedAt, c.DueAt, c.AcknowledgedAt == null))
            .ToListAsync(cancellationToken);
        Rows = page.Take(PageSize).ToList();
        if (page.Count > PageSize)
        {
            NextCursor = KeysetCursor.Format(Rows[^1].DueAt, Rows[^1].Id);
        }

        return Page();
    }

    public sealed record Row(
        int Id, string Number, string CustomerName, ComplaintCategory Category, ComplaintChannel Channel, ComplaintStatus Status,
        string? OwnerName, DateTime ReceivedAt, DateTime DueAt, bool AwaitingAcknowledgement)
    {
        public bool IsOpen => Status is ComplaintStatus.Received or ComplaintStatus.Acknowledged or ComplaintStatus.Investigating;
    }
}
