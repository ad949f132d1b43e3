using System.Globalization;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Files;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Portal.Products;

/// <summary>我的产品: the customer's registered products, newest purchase first, each with its warranty state.</summary>
public sealed class IndexModel(AppDbContext db, CurrentCustomer currentCustomer, LocalClock clock) : PageModel
{
    public const int PageSize = 20;

    public IReadOnlyList<ProductListItem> Products { get; private set; } = [];

    /// <summary>The cursor of the next page, or null on the last one.</summary>
    public string? NextCursor { get; private set; }

    public bool IsFirstPage { get; private set; } = true;

    public async Task OnGetAsync(string? after, CancellationToken cancellationToken)
    {
        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);
        var query = db.CustomerProducts.AsNoTracking().Where(p => p.CustomerId == customerId);

        // Keyset paging on (PurchaseDate, Id), both descending; an unreadable cursor simply shows the first page.
        if (TryParseCursor(after, out var afterDate, out var afterId))
        {
            IsFirstPage = false;
            query = query.Where(p => p.PurchaseDate < afterDate || (p.PurchaseDate == afterDate && p.Id < afterId));
        }

        var rows = await query
            .OrderByDescending(p => p.PurchaseDate)
            .ThenByDescending(p => p.Id)
            .Take(PageSize + 1)
            .Select(p => new
            {
                p.Id,
                ModelName = p.Model!.Name,
                p.Model.Category,
                p.SerialNumber,
                p.PurchaseDate,
                p.WarrantyEndsOn,
                p.InstallationAddress,
                ProofId = db.StoredFiles
                    .Where(f => f.CustomerProductId == p.Id && f.CustomerId == customerId && f.Purpose == FilePurpose.ProofOfPurchase)
                    .OrderByDescending(f => f.UploadedAt)
                    .Select(f => (Guid?)f.Id)
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var today = clock.Today;

        Products = [.. rows.Take(PageSize).Select(p => new ProductListItem(
            p.Id, p.ModelName, p.Category, p.SerialNumber, p.PurchaseDate, p.WarrantyEndsOn,
            CustomerProduct.IsInWarranty(p.PurchaseDate, p.WarrantyEndsOn, today), p.InstallationAddress, p.ProofId))];
        if (rows.Count > PageSize)
        {
            var last = Products[^1];
            NextCursor = FormatCursor(last.PurchaseDate, last.Id);
        }
    }

    public static string FormatCursor(DateOnly purchaseDate, int id) =>
        string.Create(CultureInfo.InvariantCulture, $"{purchaseDate:yyyy-MM-dd}_{id}");

    public static bool TryParseCursor(string? cursor, out DateOnly purchaseDate, out int id)
    {
        purchaseDate = default;
        id = 0;
        var parts = cursor?.Split('_');
        return parts is [var date, var number]
            && DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out purchaseDate)
            && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }
}

public sealed record ProductListItem(
    int Id,
    string ModelName,
    ProductCategory Category,
    string SerialNumber,
    DateOnly PurchaseDate,
    DateOnly WarrantyEndsOn,
    bool InWarranty,
    Address InstallationAddress,
    Guid? ProofId);
