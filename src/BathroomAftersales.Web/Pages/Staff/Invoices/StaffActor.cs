using System.Security.Claims;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Staff.Invoices;

/// <summary>The signed-in staff member as the actor the billing entities record (display name, else login).</summary>
internal static class StaffActor
{
    public static async Task<RequestActor> OfAsync(AppDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        return new RequestActor(userId, string.IsNullOrWhiteSpace(name) ? user.Identity?.Name ?? "?" : name);
    }
}
