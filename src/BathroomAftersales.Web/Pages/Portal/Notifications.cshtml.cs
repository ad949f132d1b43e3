using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using BathroomAftersales.Web.Infrastructure.Notifications;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Portal;

/// <summary>The customer's notifications: what happened to their requests.</summary>
public sealed class NotificationsModel(AppDbContext db, LocalClock clock, IStringLocalizer<SharedResource> localizer)
    : NotificationListPageModel(db, clock, localizer);
