using BathroomAftersales.Domain.Contracts;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Portal.Contracts;

/// <summary>My service contracts, read-only, latest term first.</summary>
public sealed class IndexModel(AppDbContext db, CurrentCustomer currentCustomer, LocalClock clock) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);
        Today = clock.Today;
        Rows = await db.ServiceContracts.AsNoTracking()
            .Where(c => c.CustomerId == customerId)
            .OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id)
            .Select(c => new Row(c.Number, c.StartsOn, c.EndsOn, c.StoredStatus, c.TerminatedOn))
            .ToListAsync(cancellationToken);
    }

    public sealed record Row(string Number, DateOnly StartsOn, DateOnly EndsOn, ContractStatus StoredStatus, DateOnly? TerminatedOn)
    {
        public ContractStatus StatusOn(DateOnly today) => ServiceContract.StatusOf(StoredStatus, EndsOn, today);
    }
}
