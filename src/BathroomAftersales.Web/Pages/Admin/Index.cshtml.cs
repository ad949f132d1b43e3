using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Identity;

using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Admin;

/// <summary>
/// The administration area (Manager and Admin): the sections the signed-in role may use, and for the Admin the
/// accounts at a glance. Deliberately nothing about customers or requests: separation of duties keeps customer data
/// away from the Admin role.
/// </summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    /// <summary>Whether the user may manage accounts (/Admin/Users, Admin only).</summary>
    public bool ManagesAccounts { get; private set; }

    public IReadOnlyList<RoleCountRow> AccountsByRole { get; private set; } = [];

    public int TotalAccounts { get; private set; }

    public int DeactivatedAccounts { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ManagesAccounts = User.IsInRole(Roles.Admin);
        if (!ManagesAccounts)
        {
            return;
        }

        var counts = await (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                group userRole by role.Name into g
                select new { Role = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        // Every role is listed, in the order of Roles.All, including the ones nobody holds yet.
        AccountsByRole = [.. Roles.All.Select(role => new RoleCountRow(
            role, counts.Where(c => c.Role == role).Sum(c => c.Count)))];

        TotalAccounts = await db.Users.CountAsync(cancellationToken);
        DeactivatedAccounts = await db.Users.CountAsync(u => !u.IsActive, cancellationToken);
    }
}

public sealed record RoleCountRow(string Role, int Count);
