using System.Security.Claims;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Identity;
using BathroomAftersales.Web.Infrastructure;
using BathroomAftersales.Web.Infrastructure.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Staff.Complaints;

/// <summary>
/// One complaint as the desk handles it: acknowledge, assign an owner, add internal investigation notes, resolve with a
/// text the customer reads; the whole timeline. Each action is a small form carrying the version it was rendered from.
/// </summary>
public sealed class DetailsModel(
    AppDbContext db,
    LocalClock clock,
    INotificationService notifier,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public ActionInput Input { get; set; } = new();

    public Complaint Item { get; private set; } = null!;

    public string CustomerName { get; private set; } = string.Empty;

    public string? CustomerPhone { get; private set; }

    public string? RequestNumber { get; private set; }

    public IReadOnlyList<ComplaintEvent> Timeline { get; private set; } = [];

    public IReadOnlyList<StaffChoice> Staff { get; private set; } = [];

    public DateTime NowUtc { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostAcknowledgeAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, async (complaint, actor, now) =>
        {
            complaint.Acknowledge(actor, now);
            await notifier.ComplaintAcknowledged(complaint, cancellationToken);
            return localizer["Complaint acknowledged; the customer has been told."].Value;
        }, cancellationToken);

    public Task<IActionResult> OnPostAssignAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, async (complaint, actor, now) =>
        {
            var owner = await StaffQuery().FirstOrDefaultAsync(s => s.Id == Input.OwnerUserId, cancellationToken)
                ?? throw new DomainException("Complaint.OwnerUnknown", "Please choose a member of the service desk.");
            complaint.AssignOwner(owner.Id, owner.Name, actor, now);
            return localizer["Owner assigned."].Value;
        }, cancellationToken);

    public Task<IActionResult> OnPostNoteAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, (complaint, actor, now) =>
        {
            complaint.AddInvestigationNote(Input.Note ?? string.Empty, actor, now);
            return Task.FromResult(localizer["Note added."].Value);
        }, cancellationToken);

    public Task<IActionResult> OnPostResolveAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, async (complaint, actor, now) =>
        {
            complaint.Resolve(Input.Resolution ?? string.Empty, actor, now);
            await notifier.ComplaintResolved(complaint, cancellationToken);
            return localizer["Complaint resolved; the customer has been asked to accept the resolution."].Value;
        }, cancellationToken);

    private IQueryable<StaffChoice> StaffQuery() =>
        from user in db.Users
        join userRole in db.UserRoles on user.Id equals userRole.UserId
        join role in db.Roles on userRole.RoleId equals role.Id
        where (role.Name == Roles.CrmAgent || role.Name == Roles.Manager) && user.IsActive
        orderby user.DisplayName
        select new StaffChoice(user.Id, user.DisplayName == "" ? user.UserName ?? user.Id : user.DisplayName);

    private async Task<IActionResult> ActAsync(int id, Func<Complaint, RequestActor, DateTime, Task<string>> apply, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (complaint is null)
        {
            return NotFound();
        }

        if (complaint.Version != Input.Version)
        {
            return await RedisplayAsync(id, localizer["This complaint was changed by someone else after you opened the page. Nothing was saved; please check and try again."], cancellationToken);
        }

        try
        {
            var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
            var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
            var actor = new RequestActor(userId, string.IsNullOrWhiteSpace(name) ? User.Identity?.Name ?? "?" : name);
            var message = await apply(complaint, actor, clock.UtcNow);
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
            return await RedisplayAsync(id, localizer["This complaint was changed by someone else after you opened the page. Nothing was saved; please check and try again."], cancellationToken);
        }
    }

    private async Task<IActionResult> RedisplayAsync(int id, string error, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, error);
        var (note, resolution) = (Input.Note, Input.Resolution);
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        (Input.Note, Input.Resolution) = (note, resolution);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (complaint is null)
        {
            return false;
        }

        Item = complaint;
        NowUtc = clock.UtcNow;
        Input.Version = complaint.Version;
        Input.OwnerUserId = complaint.OwnerUserId;
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == complaint.CustomerId)
            .Select(c => new { c.Name, Phone = c.Mobile ?? c.Landline }).FirstAsync(cancellationToken);
        CustomerName = customer.Name;
        CustomerPhone = customer.Phone;
        RequestNumber = complaint.ServiceRequestId is { } requestId
            ? await db.ServiceRequests.AsNoTracking().Where(r => r.Id == requestId).Select(r => r.Number).FirstOrDefaultAsync(cancellationToken)
            : null;
        Timeline = await db.ComplaintEvents.AsNoTracking()
            .Where(e => e.ComplaintId == id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .ToListAsync(cancellationToken);
        Staff = complaint.IsOpen ? (await StaffQuery().ToListAsync(cancellationToken)).DistinctBy(s => s.Id).ToList() : [];
        return true;
    }

    public sealed class ActionInput
    {
        public Guid Version { get; set; }

        public string? OwnerUserId { get; set; }

        public string? Note { get; set; }

        public string? Resolution { get; set; }
    }

    public sealed record StaffChoice(string Id, string Name);
}
