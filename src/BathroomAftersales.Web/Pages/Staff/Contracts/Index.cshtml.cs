using BathroomAftersales.Domain.Contracts;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Staff.Contracts;

/// <summary>
/// Service contracts by end date (the soonest to end first), filtered by status — "expiring soon" is the renewal work-list —
/// and by customer name or mobile; paged by keyset on (EndsOn, Id).
/// </summary>
public sealed class IndexModel(AppDbContext db, LocalClock clock) : PageModel
{
    public const int PageSize = 30;

    [BindProperty(SupportsGet = true)]
    public ContractStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public bool IsFirstPage => string.IsNullOrEmpty(After);

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Today = clock.Today;
        var query = db.ServiceContracts.AsNoTracking();
        if (Status is { } status)
        {
            query = query.WithStatus(status, Today);
        }

        if (Q?.Trim() is { Length: > 0 } search)
        {
            query = query.Where(c => db.Customers.Any(x => x.Id == c.CustomerId && (x.Name.Contains(search) || (x.Mobile != null && x.Mobile.Contains(search)))));
        }

        if (!string.IsNullOrEmpty(After))
        {
            if (!KeysetCursor.TryParse(After, out var at, out var lastId))
            {
                return BadRequest();
            }

            var end = DateOnly.FromDateTime(at);
            query = query.Where(c => c.EndsOn > end || (c.EndsOn == end && c.Id > lastId));
        }

        var page = await (
                from c in query
                join x in db.Customers on c.CustomerId equals x.Id
                orderby c.EndsOn, c.Id
                select new Row(c.Id, c.Number, x.Name, c.StartsOn, c.EndsOn, c.StoredStatus, c.TerminatedOn))
            .Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        Rows = page.Take(PageSize).ToList();
        NextCursor = page.Count > PageSize
            ? KeysetCursor.Format(Rows[^1].EndsOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), Rows[^1].Id)
            : null;
        return Page();
    }

    public sealed record Row(int Id, string Number, string CustomerName, DateOnly StartsOn, DateOnly EndsOn, ContractStatus StoredStatus, DateOnly? TerminatedOn)
    {
        public ContractStatus StatusOn(DateOnly today) => ServiceContract.StatusOf(StoredStatus, EndsOn, today);
    }
}
