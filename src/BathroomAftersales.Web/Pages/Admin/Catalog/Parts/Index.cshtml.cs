using BathroomAftersales.Domain.Products;
using BathroomAftersales.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Admin.Catalog.Parts;

/// <summary>The spare parts catalog (Manager, Admin): search by SKU or name, filter by category and state, by SKU a page at a time.</summary>
public sealed class IndexModel(AppDbContext db, LocalClock clock) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public ProductCategory? Category { get; set; }

    /// <summary>"active", "inactive" or empty for both.</summary>
    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    /// <summary>Keyset cursor: the SKU of the last row on the previous page (SKUs are unique).</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || Category is not null || !string.IsNullOrEmpty(State) || After is not null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var query = db.Parts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim();
            var upper = term.ToUpperInvariant();
            query = query.Where(p => p.Sku.Contains(upper) || p.Name.Contains(term));
        }

        if (Category is { } category)
        {
            query = query.Where(p => p.Fits.Contains(category));
        }

        query = State switch
        {
            "active" => query.Where(p => p.Active),
            "inactive" => query.Where(p => !p.Active),
            _ => query,
        };

        if (!string.IsNullOrEmpty(After))
        {
#pragma warning disable CA1309 // Translated to SQL, where the column's collation decides.
            query = query.Where(p => string.Compare(p.Sku, After) > 0);
#pragma warning restore CA1309
        }

        var page = await query
            .OrderBy(p => p.Sku)
            .Take(PageSize + 1)
            .Select(p => new Row(
                p.Id,
                p.Sku,
                p.Name,
                p.Fits,
                p.Active,
                p.Prices.Where(x => x.EffectiveFrom <= today).OrderByDescending(x => x.EffectiveFrom).Select(x => (decimal?)x.UnitPrice).FirstOrDefault(),
                p.Prices.Where(x => x.EffectiveFrom > today).OrderBy(x => x.EffectiveFrom).Select(x => (DateOnly?)x.EffectiveFrom).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        Rows = page.Take(PageSize).ToList();
        NextCursor = page.Count > PageSize ? Rows[^1].Sku : null;
    }

    /// <param name="PriceToday">The unit price in force today; null when the first price starts later.</param>
    /// <param name="NextPriceFrom">When a scheduled price change takes effect, if one is.</param>
    public sealed record Row(int Id, string Sku, string Name, IReadOnlyList<ProductCategory> Fits, bool Active, decimal? PriceToday, DateOnly? NextPriceFrom);
}
