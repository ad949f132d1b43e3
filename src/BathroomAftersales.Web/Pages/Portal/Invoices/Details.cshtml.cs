using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using BathroomAftersales.Web.Infrastructure.Billing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BathroomAftersales.Web.Pages.Portal.Invoices;

/// <summary>One of my invoices, printable; another customer's invoice is simply not found.</summary>
public sealed class DetailsModel(AppDbContext db, CurrentCustomer currentCustomer, IConfiguration configuration) : PageModel
{
    public InvoiceDocument Document { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);
        var document = await InvoiceDocument.LoadAsync(db, id, customerId, InvoiceDocument.SupplierNameFrom(configuration), cancellationToken);
        if (document is null)
        {
            return NotFound();
        }

        Document = document;
        return Page();
    }
}
