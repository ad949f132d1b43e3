using System.Globalization;
using BathroomAftersales.Domain.ServiceRequests;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Portal;

/// <summary>How the portal words a request's state, the same on the dashboard, the list and the detail page.</summary>
public static class PortalText
{
    public static string NextStep(IStringLocalizer l, LocalClock clock, RequestStatus status, RequestPriority priority, DateTime? appointmentStart, DateTime? appointmentEnd)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(clock);
        return status switch
        {
            RequestStatus.Submitted when priority == RequestPriority.Emergency => l["Waiting for customer service to accept it (within 2 hours)"],
            RequestStatus.Submitted => l["Waiting for customer service to accept it (within 24 hours)"],
            RequestStatus.Acknowledged => l["Waiting for a technician to be assigned"],
            RequestStatus.Scheduled when appointmentStart is { } start && appointmentEnd is { } end =>
                l["The technician will visit on {0}", $"{clock.Format(start)}–{clock.ToLocal(end).ToString("HH:mm", CultureInfo.InvariantCulture)}"],
            RequestStatus.Scheduled => l["Waiting for a technician to be assigned"],
            RequestStatus.InProgress => l["The technician is working on it"],
            RequestStatus.Completed => l["Please confirm the result and rate the service"],
            RequestStatus.Reopened => l["Accepted again; we will follow up"],
            _ => string.Empty,
        };
    }

    public static string StatusBadge(RequestStatus status) => status switch
    {
        RequestStatus.Submitted or RequestStatus.Reopened => "text-bg-warning",
        RequestStatus.Completed => "text-bg-success",
        RequestStatus.Closed or RequestStatus.Cancelled => "text-bg-secondary",
        _ => "text-bg-info",
    };
}
