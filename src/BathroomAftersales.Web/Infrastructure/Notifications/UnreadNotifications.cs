using System.Globalization;
using System.Security.Claims;
using BathroomAftersales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Infrastructure.Notifications;

/// <summary>
/// The badge in the navigation: how many of the signed-in user's notifications are unread, up to <see cref="MaxShown"/>
/// and "99+" beyond. It is on every page, so it counts at most one more than it shows: an account with thousands of
/// unread notifications (a busy dealer) costs the same as one with a hundred.
/// </summary>
public sealed class UnreadNotifications(AppDbContext db)
{
    public const int MaxShown = 99;

    public Task<int> CountAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var userId = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        return userId is null
            ? Task.FromResult(0)
            : db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).Take(MaxShown + 1).CountAsync(cancellationToken);
    }

    /// <summary>The badge's text for a count from <see cref="CountAsync"/>.</summary>
    public static string Badge(int count) =>
        count > MaxShown ? MaxShown.ToString(CultureInfo.InvariantCulture) + "+" : count.ToString(CultureInfo.InvariantCulture);
}
