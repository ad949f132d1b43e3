using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Portal.Complaints;

/// <summary>
/// One of my complaints: status, deadlines, the resolution and what the customer may see of the timeline; once resolved,
/// accept it or dispute it with a reason. Another customer's complaint is simply not found.
/// </summary>
public sealed class DetailsModel(
    AppDbContext db,
    CurrentCustomer currentCustomer,
    ComplaintDeadlinesProvider deadlines,
    LocalClock clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public ActionInput Input { get; set; } = new();

    public Complaint Item { get; private set; } = null!;

    public string? RequestNumber { get; private set; }

    public IReadOnlyList<ComplaintEvent> Timeline { get; private set; } = [];

    public bool CanRespond => Item.Status == ComplaintStatus.Resolved;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostAcceptAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, (complaint, actor, now) =>
        {
            complaint.Accept(actor, now);
            return Task.FromResult(localizer["Thank you. The complaint is closed."].Value);
        }, cancellationToken);

    public Task<IActionResult> OnPostDisputeAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, async (complaint, actor, now) =>
        {
            complaint.Dispute(Input.Reason ?? string.Empty, await deadlines.CurrentAsync(cancellationToken), actor, now);
            return localizer["We are looking into it again and will answer by {0}.", clock.Format(complaint.ResolveBy)].Value;
        }, cancellationToken);

    private async Task<IActionResult> ActAsync(int id, Func<Complaint, RequestActor, DateTime, Task<string>> apply, CancellationToken cancellationToken)
    {
        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.Id == id && c.CustomerId == customerId, cancellationToken);
        if (complaint is null)
        {
            return NotFound();
        }

        if (complaint.Version != Input.Version)
        {
            return await RedisplayAsync(id, localizer["This complaint has changed since you opened the page. Please check it and try again."], cancellationToken);
        }

        try
        {
            var name = await db.Customers.Where(c => c.Id == customerId).Select(c => c.Name).FirstAsync(cancellationToken);
            var message = await apply(complaint, new RequestActor(currentCustomer.UserId, name), clock.UtcNow);
            db.Entry(complaint).Property(c => c.Version).OriginalValue = Input.Version;
            await db.SaveChangesAsync(cancellationToken);
            TempData.SetStatusMessage(message);
            return RedirectToPage(new { id });
        }
        catch (DomainException exception)
        {
            return await RedisplayAsync(id, localizer.Localize(exception), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await RedisplayAsync(id, localizer["This complaint has changed since you opened the page. Please check it and try again."], cancellationToken);
        }
    }

    private async Task<IActionResult> RedisplayAsync(int id, string error, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, error);
        var reason = Input.Reason;
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input.Reason = reason;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);
        var complaint = await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.CustomerId == customerId, cancellationToken);
        if (complaint is null)
        {
            return false;
        }

        Item = complaint;
        Input.Version = complaint.Version;
        RequestNumber = complaint.ServiceRequestId is { } requestId
            ? await db.ServiceRequests.AsNoTracking().Where(r => r.Id == requestId && r.CustomerId == customerId).Select(r => r.Number).FirstOrDefaultAsync(cancellationToken)
            : null;
        Timeline = await db.ComplaintEvents.AsNoTracking()
            .Where(e => e.ComplaintId == id && e.VisibleToCustomer)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .ToListAsync(cancellationToken);
        return true;
    }

    public sealed class ActionInput
    {
        public Guid Version { get; set; }

        public string? Reason { get; set; }
    }
}
