namespace BathroomAftersales.Domain.Complaints;

/// <summary>What the complaint is about (clause 7).</summary>
public enum ComplaintCategory
{
    ServiceQuality,
    Timeliness,
    ProductQuality,
    StaffAttitude,
    Billing,
    Other,
}

/// <summary>How the complaint reached us (clause 7.1): the portal, or staff registering a call, a visit or an email.</summary>
public enum ComplaintChannel
{
    Web,
    Phone,
    OnSite,
    Email,
}

/// <summary>
/// Received → Acknowledged → Investigating → Resolved → Accepted. A dispute of the resolution is an event, not a resting
/// state: the complaint goes straight back to Investigating with a new resolve-by deadline.
/// </summary>
public enum ComplaintStatus
{
    Received,
    Acknowledged,
    Investigating,
    Resolved,
    Accepted,
}

public enum ComplaintEventKind
{
    Received,
    Acknowledged,
    OwnerAssigned,
    InvestigationStarted,
    Note,
    Resolved,
    Accepted,
    Disputed,
    Escalated,
}
