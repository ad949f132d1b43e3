using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Contracts;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Staff.Contracts;

/// <summary>One contract with its predecessor and successor; renew and terminate, each under the version it was rendered from.</summary>
public sealed class DetailsModel(AppDbContext db, LocalClock clock, RequestNumberAllocator numbers, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public ActionInput Input { get; set; } = new();

    public ServiceContract Item { get; private set; } = null!;

    public string CustomerName { get; private set; } = string.Empty;

    public (int Id, string Number)? Predecessor { get; private set; }

    public (int Id, string Number)? Successor { get; private set; }

    public DateOnly Today { get; private set; }

    public ContractStatus Status => Item.StatusOn(Today);

    public bool CanChange => Item.StoredStatus == ContractStatus.Active;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRenewAsync(int id, CancellationToken cancellationToken)
    {
        var contract = await db.ServiceContracts.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null)
        {
            return NotFound();
        }

        try
        {
            RequireVersion(contract);
            var others = await db.ServiceContracts.Where(c => c.CustomerId == contract.CustomerId && c.Id != id).ToListAsync(cancellationToken);
            var successor = contract.Renew(await numbers.NextContractNumberAsync(cancellationToken), others, clock.UtcNow);
            db.ServiceContracts.Add(successor);
            await db.SaveChangesAsync(cancellationToken);
            TempData.SetStatusMessage(localizer["Renewed: contract {0} starts on {1}.", successor.Number, LocalClock.Format(successor.StartsOn)]);
            return RedirectToPage(new { id = successor.Id });
        }
        catch (DomainException exception)
        {
            return await RedisplayAsync(id, localizer.Localize(exception), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await RedisplayAsync(id, localizer["Someone changed this contract after you opened the page. Nothing was saved; please check and try again."], cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostTerminateAsync(int id, CancellationToken cancellationToken)
    {
        var contract = await db.ServiceContracts.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null)
        {
            return NotFound();
        }

        try
        {
            RequireVersion(contract);
            contract.Terminate(Input.TerminatedOn, Input.Reason);
            await db.SaveChangesAsync(cancellationToken);
            TempData.SetStatusMessage(localizer["Contract {0} terminated.", contract.Number]);
            return RedirectToPage(new { id });
        }
        catch (DomainException exception)
        {
            return await RedisplayAsync(id, localizer.Localize(exception), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await RedisplayAsync(id, localizer["Someone changed this contract after you opened the page. Nothing was saved; please check and try again."], cancellationToken);
        }
    }

    private void RequireVersion(ServiceContract contract)
    {
        if (contract.Version != Input.Version)
        {
            throw new DbUpdateConcurrencyException();
        }

        db.Entry(contract).Property(c => c.Version).OriginalValue = Input.Version;
    }

    private async Task<IActionResult> RedisplayAsync(int id, string error, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, error);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var contract = await db.ServiceContracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null)
        {
            return false;
        }

        Item = contract;
        Today = clock.Today;
        Input.Version = contract.Version;
        CustomerName = await db.Customers.Where(c => c.Id == contract.CustomerId).Select(c => c.Name).FirstAsync(cancellationToken);
        var predecessor = await db.ServiceContracts.AsNoTracking().Where(c => c.Id == contract.PredecessorId)
            .Select(c => new { c.Id, c.Number }).FirstOrDefaultAsync(cancellationToken);
        Predecessor = predecessor is null ? null : (predecessor.Id, predecessor.Number);
        var successor = await db.ServiceContracts.AsNoTracking().Where(c => c.PredecessorId == id)
            .Select(c => new { c.Id, c.Number }).FirstOrDefaultAsync(cancellationToken);
        Successor = successor is null ? null : (successor.Id, successor.Number);
        return true;
    }

    public sealed class ActionInput
    {
        public Guid Version { get; set; }

        public DateOnly? TerminatedOn { get; set; }

        public string? Reason { get; set; }
    }
}
