using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Staff.Customers;

/// <summary>One archive record: what is wrong with it, its needs and preferences, products, requests and change history.</summary>
public sealed class DetailsModel(AppDbContext db, LocalClock clock) : PageModel
{
    public const int ListSize = 20;

    public Record Customer { get; private set; } = null!;

    public IReadOnlyList<ProductRow> Products { get; private set; } = [];

    public IReadOnlyList<RequestRow> Requests { get; private set; } = [];

    public IReadOnlyList<ChangeRow> Changes { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new Record(c.Id, c.Name, c.Kind, c.Mobile, c.Landline, c.Email, c.Address == null ? null : c.Address.ToString(), c.Notes, c.ArchiveProblems, c.UserId != null, c.MergedIntoId, c.CreatedAt, c.UpdatedAt))
            .FirstOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return NotFound();
        }

        Customer = customer;
        Today = clock.Today;
        Products = await db.CustomerProducts.AsNoTracking()
            .Where(p => p.CustomerId == id)
            .OrderByDescending(p => p.PurchaseDate).ThenByDescending(p => p.Id)
            .Take(ListSize)
            .Select(p => new ProductRow(p.Model!.Name, p.Model.Category, p.SerialNumber, p.PurchaseDate, p.WarrantyEndsOn))
            .ToListAsync(cancellationToken);
        Requests = await db.ServiceRequests.AsNoTracking()
            .Where(r => r.CustomerId == id)
            .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id)
            .Take(ListSize)
            .Select(r => new RequestRow(r.Id, r.Number, r.Type, r.Status, r.SubmittedAt))
            .ToListAsync(cancellationToken);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Changes = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Domain.Customers.Customer) && a.EntityId == key)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(ListSize)
            .Select(a => new ChangeRow(a.At, a.UserName, a.Field, a.OldValue, a.NewValue))
            .ToListAsync(cancellationToken);
        return Page();
    }

    public sealed record Record(
        int Id, string Name, CustomerKind Kind, string? Mobile, string? Landline, string? Email, string? Address, string? Notes,
        ArchiveProblems Problems, bool HasAccount, int? MergedIntoId, DateTime CreatedAt, DateTime UpdatedAt);

    public sealed record ProductRow(string ModelName, ProductCategory Category, string SerialNumber, DateOnly PurchaseDate, DateOnly WarrantyEndsOn);

    public sealed record RequestRow(int Id, string Number, RequestType Type, RequestStatus Status, DateTime SubmittedAt);

    public sealed record ChangeRow(DateTime At, string? UserName, string Field, string? OldValue, string? NewValue);
}
