using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Contracts;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Staff.Contracts;

/// <summary>A new service contract: find the customer (name or mobile), then the term (one year less a day by default).</summary>
public sealed class NewModel(AppDbContext db, LocalClock clock, RequestNumberAllocator numbers, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int SearchSize = 20;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty]
    public ContractInput Input { get; set; } = new();

    public IReadOnlyList<CustomerOption> Found { get; private set; } = [];

    public CustomerOption? Customer { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? customerId, CancellationToken cancellationToken)
    {
        Input = new ContractInput { CustomerId = customerId, StartsOn = clock.Today };
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken) || Customer is null)
        {
            return NotFound();
        }

        try
        {
            if (Input.StartsOn is not { } start)
            {
                throw new DomainException("Contract.StartRequired", "Please give the start date.");
            }

            // The number first (it has a transaction of its own); then the overlap check and the insert under the
            // customer's lock, so the same form sent twice at once cannot create two overlapping contracts.
            var number = await numbers.NextContractNumberAsync(cancellationToken);
            var customerId = Customer.Id;
            var contract = await db.ForCustomerAsync(customerId, async () =>
            {
                var existing = await db.ServiceContracts.Where(c => c.CustomerId == customerId).ToListAsync(cancellationToken);
                var created = ServiceContract.Create(number, customerId, start, Input.EndsOn, existing, clock.UtcNow);
                db.ServiceContracts.Add(created);
                await db.SaveChangesAsync(cancellationToken);
                return created;
            }, cancellationToken);
            TempData.SetStatusMessage(localizer["Contract {0} created.", contract.Number]);
            return RedirectToPage("./Details", new { id = contract.Id });
        }
        catch (DomainException exception)
        {
            ModelState.AddDomainError(exception, localizer);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (Input.CustomerId is { } id)
        {
            Customer = await db.Customers.AsNoTracking().Where(c => c.Id == id)
                .Select(c => new CustomerOption(c.Id, c.Name, c.Mobile)).FirstOrDefaultAsync(cancellationToken);
            return Customer is not null;
        }

        if (Q?.Trim() is { Length: > 0 } search)
        {
            Found = await db.Customers.AsNoTracking()
                .Where(c => c.Name.Contains(search) || (c.Mobile != null && c.Mobile.Contains(search)))
                .OrderBy(c => c.Name).ThenBy(c => c.Id)
                .Select(c => new CustomerOption(c.Id, c.Name, c.Mobile))
                .Take(SearchSize)
                .ToListAsync(cancellationToken);
        }

        return true;
    }

    public sealed record CustomerOption(int Id, string Name, string? Mobile);

    public sealed class ContractInput
    {
        public int? CustomerId { get; set; }

        public DateOnly? StartsOn { get; set; }

        /// <summary>Empty for the default term of one year less a day.</summary>
        public DateOnly? EndsOn { get; set; }
    }
}
