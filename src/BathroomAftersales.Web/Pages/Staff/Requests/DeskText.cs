using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.ServiceRequests;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Staff.Requests;

/// <summary>How the desk pages word deadlines and badges, so the queue and the detail page say the same thing.</summary>
public static class DeskText
{
    /// <summary>"剩余 3 小时 20 分" or "已超时 1 小时 5 分".</summary>
    public static string TimeLeft(IStringLocalizer localizer, DateTime dueUtc, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var remaining = dueUtc - nowUtc;
        var span = remaining.Duration();
        var hours = (int)span.TotalHours;
        return remaining < TimeSpan.Zero
            ? localizer["Overdue by {0}h {1}m", hours, span.Minutes]
            : localizer["{0}h {1}m left", hours, span.Minutes];
    }

    public static string PriorityBadge(RequestPriority priority) => priority switch
    {
        RequestPriority.Emergency => "text-bg-danger",
        RequestPriority.High => "text-bg-warning",
        _ => "text-bg-light border",
    };
}
