using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.Notifications;

/// <summary>An in-app notification, shown in the user's notification list (customers: in the portal).</summary>
public sealed class Notification
{
    private Notification()
    {
        UserId = string.Empty;
        Title = string.Empty;
    }

    public Notification(string userId, string title, string? body, string? link, DateTime nowUtc)
    {
        UserId = Guard.Required(userId, nameof(UserId), 450);
        Title = Guard.Required(title, nameof(Title), 200);
        Body = Guard.Optional(body, nameof(Body), 2000);
        Link = Guard.Optional(link, nameof(Link), 300);
        CreatedAt = Guard.Utc(nowUtc, nameof(nowUtc));
    }

    public long Id { get; private set; }

    public string UserId { get; private set; }

    public string Title { get; private set; }

    public string? Body { get; private set; }

    /// <summary>A local path inside the app, e.g. /Portal/Requests/Details/12.</summary>
    public string? Link { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? ReadAt { get; private set; }

    public void MarkRead(DateTime nowUtc) => ReadAt ??= nowUtc;
}
