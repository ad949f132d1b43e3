using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using BathroomAftersales.Web.Infrastructure.Notifications;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Staff;

/// <summary>The desk's own notifications: for managers, every overdue response or completion the escalation job found.</summary>
public sealed class NotificationsModel(AppDbContext db, LocalClock clock, IStringLocalizer<SharedResource> localizer)
    : NotificationListPageModel(db, clock, localizer);
