using System.Security.Claims;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Staff.Customers;

/// <summary>
/// Merges a duplicate archive record into the one that stays: its products, requests, invoices, files, complaints,
/// follow-ups, contracts and training seats move over in one transaction, the duplicate is marked merged (audited: who, when, into which record) and leaves every list.
/// </summary>
public sealed class MergeModel(AppDbContext db, LocalClock clock, ILogger<MergeModel> logger, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int From { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Into { get; set; }

    [BindProperty]
    public Guid Version { get; set; }

    public Side? Source { get; private set; }

    public Side? Target { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Version = Source!.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var source = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == From, cancellationToken);
        if (source is null)
        {
            return NotFound();
        }

        var target = Into is { } intoId ? await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == intoId, cancellationToken) : null;
        if (target is null)
        {
            return await RefuseAsync(localizer["Please give the number of the record to keep."], cancellationToken);
        }

        if (source.Version != Version)
        {
            return await RefuseAsync(localizer["This record was changed meanwhile. Please review and save again."], cancellationToken);
        }

        var (fromId, toId) = (source.Id, target.Id);
        var now = clock.UtcNow;
        try
        {
            await db.InTransactionAsync(() => MergeAsync(fromId, toId, now, cancellationToken));
        }
        catch (DomainException exception)
        {
            return await RefuseAsync(localizer.Localize(exception), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await RefuseAsync(localizer["This record was changed meanwhile. Please review and save again."], cancellationToken);
        }

        var mergedBy = User.FindFirstValue(ClaimTypes.NameIdentifier);
        logger.CustomersMerged(mergedBy, fromId, toId);
        TempData.SetStatusMessage(localizer["Record #{0} is merged into {1}; its products, requests and invoices are now here.", fromId, target.Name]);
        return RedirectToPage("./Details", new { id = toId });
    }

    /// <summary>
    /// One attempt of the merge, inside the transaction: both records are loaded here, not before, because a retry after
    /// a transient fault starts from an empty change tracker and must merge them again as they are in the database.
    /// </summary>
    private async Task MergeAsync(int fromId, int toId, DateTime now, CancellationToken cancellationToken)
    {
        var source = await db.Customers.SingleAsync(c => c.Id == fromId, cancellationToken);
        var target = await db.Customers.SingleAsync(c => c.Id == toId, cancellationToken);

        // The form's version, not the one just read: a record changed since the form was shown refuses the save.
        db.Entry(source).Property(c => c.Version).OriginalValue = Version;
        source.MergeInto(target, now);

        await db.CustomerProducts.Where(p => p.CustomerId == fromId).ExecuteUpdateAsync(s => s.SetProperty(p => p.CustomerId, toId), cancellationToken);
        await db.ServiceRequests.Where(r => r.CustomerId == fromId).ExecuteUpdateAsync(s => s.SetProperty(r => r.CustomerId, toId), cancellationToken);
        await db.Invoices.Where(i => i.CustomerId == fromId).ExecuteUpdateAsync(s => s.SetProperty(i => i.CustomerId, toId), cancellationToken);
        await db.StoredFiles.Where(f => f.CustomerId == fromId).ExecuteUpdateAsync(s => s.SetProperty(f => f.CustomerId, toId), cancellationToken);
        await db.Complaints.Where(c => c.CustomerId == fromId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, toId), cancellationToken);
        await db.FollowUps.Where(f => f.CustomerId == fromId).ExecuteUpdateAsync(s => s.SetProperty(f => f.CustomerId, toId), cancellationToken);
        await db.ServiceContracts.Where(c => c.CustomerId == fromId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, toId), cancellationToken);

        // A training seat moves unless the record that stays is already registered for that event.
        await db.TrainingRegistrations
            .Where(r => r.CustomerId == fromId
                && !db.TrainingRegistrations.Any(t => t.CustomerId == toId && t.TrainingEventId == r.TrainingEventId && t.CancelledAt == null))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CustomerId, toId), cancellationToken);

        // The account (if it moves) leaves the duplicate before it joins the record that stays: UserId is unique.
        var userId = target.UserId;
        if (userId is not null && db.Entry(target).Property(c => c.UserId).IsModified)
        {
            db.Entry(target).Property(c => c.UserId).CurrentValue = null;
            await db.SaveChangesAsync(cancellationToken);
            target.LinkUser(userId);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<IActionResult> RefuseAsync(string message, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, message);
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Source = await SideAsync(From, cancellationToken);
        Target = Into is { } into ? await SideAsync(into, cancellationToken) : null;
        return Source is not null;
    }

    private Task<Side?> SideAsync(int id, CancellationToken cancellationToken) =>
        db.Customers.AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new Side(
                c.Id, c.Name, c.Mobile, c.Landline, c.Address == null ? null : c.Address.ToString(), c.UserId != null, c.MergedIntoId != null,
                db.CustomerProducts.Count(p => p.CustomerId == c.Id),
                db.ServiceRequests.Count(r => r.CustomerId == c.Id),
                c.Version))
            .FirstOrDefaultAsync(cancellationToken);

    public sealed record Side(int Id, string Name, string? Mobile, string? Landline, string? Address, bool HasAccount, bool Merged, int Products, int Requests, Guid Version);
}
