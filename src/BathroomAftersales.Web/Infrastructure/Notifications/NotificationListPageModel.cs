using System.Security.Claims;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure.Desk;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Infrastructure.Notifications;

/// <summary>
/// The signed-in user's own notifications, newest first, paged by keyset on (CreatedAt, Id) — the index
/// (UserId, CreatedAt, Id). Each audience has a thin page deriving from this one (customers in the portal, the desk
/// and managers under /Staff); the list itself is the partial <c>_NotificationList</c>.
/// </summary>
public abstract class NotificationListPageModel(AppDbContext db, LocalClock clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 20;

    /// <summary>Cursor "ticks-id" of the last row of the previous page.</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public bool IsFirstPage => string.IsNullOrEmpty(After);

    /// <summary>Whether "mark all as read" has anything to do (a count would read every unread one).</summary>
    public bool AnyUnread { get; private set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in.");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = UserId;
        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        if (!string.IsNullOrEmpty(After))
        {
            if (!KeysetCursor.TryParse(After, out var createdAt, out var lastId))
            {
                return BadRequest();
            }

            query = query.Where(n => n.CreatedAt < createdAt || (n.CreatedAt == createdAt && n.Id < lastId));
        }

        var page = await query
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(PageSize + 1)
            .Select(n => new Row(n.Id, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(cancellationToken);
        Rows = [.. page.Take(PageSize)];
        if (page.Count > PageSize)
        {
            var last = Rows[^1];
            NextCursor = KeysetCursor.Format(last.CreatedAt, last.Id);
        }

        AnyUnread = await db.Notifications.AnyAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostMarkAllReadAsync([FromServices] QueueChanges queue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var userId = UserId;
        var now = clock.UtcNow;
        await db.Notifications
            .Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);

        // The bulk update goes around the save interceptor: the kept desk pages carry the old badge.
        queue.Changed();
        TempData.SetStatusMessage(localizer["All notifications are marked as read."]);
        return RedirectToPage();
    }

    public sealed record Row(long Id, string Title, string? Body, string? Link, DateTime CreatedAt, bool Read);
}
