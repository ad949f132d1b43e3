using System.Security.Claims;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Staff.FollowUps;

/// <summary>
/// Low ratings to follow up (clause 2.2(1)): the open ones, oldest first; CRM calls the customer and closes each with a
/// note of what was done.
/// </summary>
public sealed class IndexModel(AppDbContext db, LocalClock clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 100;

    [BindProperty]
    public CloseInput Input { get; set; } = new();

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCloseAsync(int id, CancellationToken cancellationToken)
    {
        var followUp = await db.FollowUps.FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (followUp is null)
        {
            return NotFound();
        }

        try
        {
            if (followUp.Version != Input.Version)
            {
                throw new DomainException("FollowUp.Changed", "This follow-up was changed by someone else. Please check and try again.");
            }

            var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
            var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
            followUp.Close(Input.Note ?? string.Empty, new RequestActor(userId, string.IsNullOrWhiteSpace(name) ? User.Identity?.Name ?? "?" : name), clock.UtcNow);
            db.Entry(followUp).Property(f => f.Version).OriginalValue = Input.Version;
            await db.SaveChangesAsync(cancellationToken);
            TempData.SetStatusMessage(localizer["Follow-up closed."]);
            return RedirectToPage();
        }
        catch (DomainException exception)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, localizer.Localize(exception));
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, localizer["This follow-up was changed by someone else. Please check and try again."]);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Rows = await db.FollowUps.AsNoTracking()
            .Where(f => f.Status == FollowUpStatus.Open)
            .OrderBy(f => f.CreatedAt).ThenBy(f => f.Id)
            .Take(PageSize)
            .Select(f => new Row(
                f.Id,
                f.ServiceRequestId,
                db.ServiceRequests.Where(r => r.Id == f.ServiceRequestId).Select(r => r.Number).FirstOrDefault() ?? string.Empty,
                db.ServiceRequests.Where(r => r.Id == f.ServiceRequestId).Select(r => r.RatingComment).FirstOrDefault(),
                db.Customers.Where(c => c.Id == f.CustomerId).Select(c => c.Name).FirstOrDefault() ?? string.Empty,
                db.Customers.Where(c => c.Id == f.CustomerId).Select(c => c.Mobile ?? c.Landline).FirstOrDefault(),
                f.Rating,
                f.CreatedAt,
                f.Version))
            .ToListAsync(cancellationToken);

    public sealed class CloseInput
    {
        public Guid Version { get; set; }

        public string? Note { get; set; }
    }

    public sealed record Row(
        int Id, int RequestId, string RequestNumber, string? RatingComment, string CustomerName, string? Phone, int Rating, DateTime CreatedAt, Guid Version);
}
