using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Admin.Users;

/// <summary>Staff accounts. Customer accounts are not listed: Admin sees no customer data (separation of duties).</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>Keyset cursor: the normalized user name of the last row on the previous page.</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var customerRoleId = "role-" + Roles.Customer.ToLowerInvariant();
        var query = db.Users.AsNoTracking()
            .Where(u => !db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == customerRoleId));
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim();
            var upper = term.ToUpperInvariant();
            query = query.Where(u => u.NormalizedUserName!.Contains(upper) || u.NormalizedEmail!.Contains(upper) || u.DisplayName.Contains(term));
        }

        if (!string.IsNullOrEmpty(After))
        {
#pragma warning disable CA1309 // Translated to SQL, where the column's collation decides.
            query = query.Where(u => string.Compare(u.NormalizedUserName, After) > 0);
#pragma warning restore CA1309
        }

        var page = await query
            .OrderBy(u => u.NormalizedUserName)
            .Take(PageSize + 1)
            .Select(u => new Row(
                u.Id,
                u.DisplayName,
                u.UserName!,
                u.NormalizedUserName!,
                u.Email,
                u.IsActive,
                u.LockoutEnd,
                db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList()))
            .ToListAsync(cancellationToken);

        Rows = page.Take(PageSize).ToList();
        NextCursor = page.Count > PageSize ? Rows[^1].NormalizedUserName : null;
    }

    public sealed record Row(
        string Id,
        string DisplayName,
        string UserName,
        string NormalizedUserName,
        string? Email,
        bool IsActive,
        DateTimeOffset? LockoutEnd,
        List<string> Roles);
}
