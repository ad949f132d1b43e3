using BathroomAftersales.Domain.Complaints;

namespace BathroomAftersales.Web.Pages;

/// <summary>How the portal and the desk show a complaint's status, so both say the same thing.</summary>
public static class ComplaintText
{
    public static string StatusBadge(ComplaintStatus status) => status switch
    {
        ComplaintStatus.Received => "text-bg-warning",
        ComplaintStatus.Resolved => "text-bg-info",
        ComplaintStatus.Accepted => "text-bg-success",
        _ => "text-bg-primary",
    };
}
