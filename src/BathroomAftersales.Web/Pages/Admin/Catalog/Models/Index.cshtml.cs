using BathroomAftersales.Domain.Products;
using BathroomAftersales.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Admin.Catalog.Models;

/// <summary>The product models the supplier sells (Manager, Admin), by SKU, a page at a time.</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>Keyset cursor: the SKU of the last row on the previous page (SKUs are unique).</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = db.ProductModels.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim();
            var upper = term.ToUpperInvariant();
            query = query.Where(m => m.Sku.Contains(upper) || m.Name.Contains(term));
        }

        if (!string.IsNullOrEmpty(After))
        {
#pragma warning disable CA1309 // Translated to SQL, where the column's collation decides.
            query = query.Where(m => string.Compare(m.Sku, After) > 0);
#pragma warning restore CA1309
        }

        var page = await query
            .OrderBy(m => m.Sku)
            .Take(PageSize + 1)
            .Select(m => new Row(m.Id, m.Sku, m.Name, m.Category, m.WarrantyMonths, m.Discontinued))
            .ToListAsync(cancellationToken);
        Rows = page.Take(PageSize).ToList();
        NextCursor = page.Count > PageSize ? Rows[^1].Sku : null;
    }

    public sealed record Row(int Id, string Sku, string Name, ProductCategory Category, int WarrantyMonths, bool Discontinued);
}
