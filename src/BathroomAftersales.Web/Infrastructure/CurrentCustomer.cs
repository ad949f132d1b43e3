using System.Security.Claims;
using BathroomAftersales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Infrastructure;

/// <summary>
/// The customer record of the signed-in user. Every Portal query starts from this id, so a customer can only ever
/// reach their own rows; another customer's id in a URL simply finds nothing (404).
/// </summary>
public sealed class CurrentCustomer(IHttpContextAccessor httpContext, AppDbContext db)
{
    private int? _id;

    public string? UserId => httpContext.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
    private bool _loaded;

    public async Task<int?> GetIdAsync(CancellationToken cancellationToken = default)
    {
        if (!_loaded)
        {
            var userId = UserId;
            _id = userId is null
                ? null
                : await db.Customers.AsNoTracking().Where(c => c.UserId == userId).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
            _loaded = true;
        }

        return _id;
    }

    /// <summary>The id, or an exception the portal turns into a friendly page: a Customer account always has a record.</summary>
    public async Task<int> RequireIdAsync(CancellationToken cancellationToken = default) =>
        await GetIdAsync(cancellationToken) ?? throw new InvalidOperationException("The signed-in customer has no customer record.");
}
