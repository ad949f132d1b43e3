using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Files;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Portal.Products;

/// <summary>One of my products: its warranty, where it is installed, the proof of purchase and its service history.</summary>
public sealed class DetailsModel(AppDbContext db, CurrentCustomer currentCustomer, LocalClock clock) : PageModel
{
    public ProductView Product { get; private set; } = null!;

    public bool InWarranty { get; private set; }

    public Guid? ProofId { get; private set; }

    public IReadOnlyList<ServiceHistoryRow> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);

        // Always by id and owner together: another customer's product is simply not found.
        var product = await db.CustomerProducts.AsNoTracking()
            .Where(p => p.Id == id && p.CustomerId == customerId)
            .Select(p => new ProductView(
                p.Id, p.Model!.Name, p.Model.Sku, p.Model.Category, p.SerialNumber, p.PurchaseDate, p.WarrantyEndsOn, p.InstallationAddress))
            .FirstOrDefaultAsync(cancellationToken);
        if (product is null)
        {
            return NotFound();
        }

        Product = product;
        var today = clock.Today;
        InWarranty = CustomerProduct.IsInWarranty(product.PurchaseDate, product.WarrantyEndsOn, today);

        ProofId = await db.StoredFiles.AsNoTracking()
            .Where(f => f.CustomerProductId == id && f.CustomerId == customerId && f.Purpose == FilePurpose.ProofOfPurchase)
            .OrderByDescending(f => f.UploadedAt)
            .Select(f => (Guid?)f.Id)
            .FirstOrDefaultAsync(cancellationToken);

        History = await db.ServiceRequests.AsNoTracking()
            .Where(r => r.CustomerProductId == id && r.CustomerId == customerId)
            .OrderByDescending(r => r.SubmittedAt)
            .ThenByDescending(r => r.Id)
            .Select(r => new ServiceHistoryRow(r.Id, r.Number, r.Type, r.Status, r.Priority, r.SubmittedAt))
            .ToListAsync(cancellationToken);
        return Page();
    }
}

public sealed record ProductView(
    int Id,
    string ModelName,
    string Sku,
    ProductCategory Category,
    string SerialNumber,
    DateOnly PurchaseDate,
    DateOnly WarrantyEndsOn,
    Address InstallationAddress);

public sealed record ServiceHistoryRow(int Id, string Number, RequestType Type, RequestStatus Status, RequestPriority Priority, DateTime SubmittedAt);
