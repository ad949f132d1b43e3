using System.Security.Claims;
using BathroomAftersales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Infrastructure.Notifications;

/// <summary>The badge in the navigation: how many of the signed-in user's notifications are unread.</summary>
public sealed class UnreadNotifications(AppDbContext db)
{
    public Task<int> CountAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var userId = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        return userId is null
            ? Task.FromResult(0)
            : db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);
    }
}
