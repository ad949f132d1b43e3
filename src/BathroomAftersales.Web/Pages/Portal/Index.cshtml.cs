using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;

using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Portal;

/// <summary>The customer's home: open requests with what happens next, and registered products with their warranty.</summary>
public sealed class IndexModel(AppDbContext db, LocalClock clock, CurrentCustomer currentCustomer) : PageModel
{
    public const int MaxOpenRequests = 10;

    public string? CustomerName { get; private set; }

    public IReadOnlyList<OpenRequestRow> OpenRequests { get; private set; } = [];

    public IReadOnlyList<ProductRow> Products { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var customerId = await currentCustomer.GetIdAsync(cancellationToken);
        var customer = customerId is null
            ? null
            : await db.Customers.AsNoTracking()
                .Where(c => c.Id == customerId)
                .Select(c => new { c.Id, c.Name })
                .SingleOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return;
        }

        CustomerName = customer.Name;

        OpenRequests = await db.ServiceRequests.AsNoTracking()
            .Where(r => r.CustomerId == customer.Id
                && r.Status != RequestStatus.Closed
                && r.Status != RequestStatus.Cancelled)
            .OrderByDescending(r => r.SubmittedAt)
            .ThenByDescending(r => r.Id)
            .Take(MaxOpenRequests)
            .Select(r => new OpenRequestRow(
                r.Id, r.Number, r.Type, r.Status, r.Priority, r.SubmittedAt, r.AppointmentStart, r.AppointmentEnd))
            .ToListAsync(cancellationToken);

        var today = clock.Today;
        var products = await db.CustomerProducts.AsNoTracking()
            .Where(p => p.CustomerId == customer.Id)
            .OrderByDescending(p => p.PurchaseDate)
            .ThenBy(p => p.Id)
            .Select(p => new { p.Id, ModelName = p.Model!.Name, p.Model.Category, p.SerialNumber, p.PurchaseDate, p.WarrantyEndsOn })
            .ToListAsync(cancellationToken);

        Products = [.. products.Select(p => new ProductRow(
            p.Id, p.ModelName, p.Category, p.SerialNumber, p.PurchaseDate, p.WarrantyEndsOn,
            CustomerProduct.IsInWarranty(p.PurchaseDate, p.WarrantyEndsOn, today)))];
    }
}

public sealed record OpenRequestRow(
    int Id,
    string Number,
    RequestType Type,
    RequestStatus Status,
    RequestPriority Priority,
    DateTime SubmittedAt,
    DateTime? AppointmentStart,
    DateTime? AppointmentEnd);

public sealed record ProductRow(
    int Id,
    string ModelName,
    ProductCategory Category,
    string SerialNumber,
    DateOnly PurchaseDate,
    DateOnly WarrantyEndsOn,
    bool InWarranty);
