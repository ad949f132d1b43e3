using System.Globalization;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Portal.Requests;

/// <summary>All my requests, newest first, paged by keyset on (SubmittedAt, Id) — the index (CustomerId, SubmittedAt, Id).</summary>
public sealed class IndexModel(AppDbContext db, CurrentCustomer currentCustomer) : PageModel
{
    public const int PageSize = 20;

    /// <summary>Cursor "ticks-id" of the last row of the previous page.</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public bool IsFirstPage => string.IsNullOrEmpty(After);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);
        var query = db.ServiceRequests.AsNoTracking().Where(r => r.CustomerId == customerId);
        if (!string.IsNullOrEmpty(After))
        {
            if (!KeysetCursor.TryParse(After, out var submittedAt, out var lastId) || lastId > int.MaxValue)
            {
                return BadRequest();
            }

            query = query.Where(r => r.SubmittedAt < submittedAt || (r.SubmittedAt == submittedAt && r.Id < lastId));
        }

        var page = await query
            .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id)
            .Take(PageSize + 1)
            .Select(r => new Row(
                r.Id,
                r.Number,
                r.Type,
                r.Status,
                r.Priority,
                r.SubmittedAt,
                r.RespondedAt == null ? r.ResponseDueAt : r.CompletedAt == null ? r.CompletionDueAt : null,
                r.AppointmentStart,
                r.AppointmentEnd,
                db.StoredFiles.Where(f => f.ServiceRequestId == r.Id).OrderBy(f => f.UploadedAt).Select(f => (Guid?)f.Id).FirstOrDefault()))
            .ToListAsync(cancellationToken);

        Rows = page.Take(PageSize).ToList();
        if (page.Count > PageSize)
        {
            var last = Rows[^1];
            NextCursor = KeysetCursor.Format(last.SubmittedAt, last.Id);
        }

        return Page();
    }

    public sealed record Row(
        int Id,
        string Number,
        RequestType Type,
        RequestStatus Status,
        RequestPriority Priority,
        DateTime SubmittedAt,
        DateTime? DueAt,
        DateTime? AppointmentStart,
        DateTime? AppointmentEnd,
        Guid? ThumbnailId);
}
