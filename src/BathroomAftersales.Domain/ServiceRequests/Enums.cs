namespace BathroomAftersales.Domain.ServiceRequests;

/// <summary>Submitted → Acknowledged → Scheduled → InProgress → Completed → Closed, plus Cancelled and Reopened.</summary>
public enum RequestStatus
{
    Submitted,
    Acknowledged,
    Scheduled,
    InProgress,
    Completed,
    Closed,
    Cancelled,
    Reopened,
}

/// <summary>The service items of clauses 1.2 and 2.1; complaints are their own record.</summary>
public enum RequestType
{
    InstallationGuidance,
    Repair,
    Maintenance,
    PartsReplacement,
    UsageQuestion,
}

/// <summary>Clause 3.1(1): by phone, over the web, or on site.</summary>
public enum RequestChannel
{
    Web,
    Phone,
    OnSite,
}

public enum RequestPriority
{
    Low,
    Normal,
    High,

    /// <summary>Clause 3.3: active leak, flooding, no water, unusable toilet, broken ceramic with sharp edges.</summary>
    Emergency,
}

public enum RequestEventKind
{
    Submitted,
    Acknowledged,
    Dispatched,
    Redispatched,
    VisitStarted,
    Completed,
    AnsweredRemotely,
    Closed,
    AutoClosed,
    Reopened,
    Cancelled,
    PriorityChanged,
    TypeChanged,
    IncidentReviewed,
    Comment,
    MarkedDuplicate,
    Escalated,

    /// <summary>The technician filed the work report: the request moved to Completed.</summary>
    WorkReportFiled,

    /// <summary>A manager changed who pays a line of the work report (internal).</summary>
    PayerOverridden,
}

/// <summary>What the customer may do with their request right now; the portal shows exactly these buttons.</summary>
[Flags]
public enum CustomerActions
{
    None = 0,
    Cancel = 1,
    ConfirmAndRate = 2,
    Reopen = 4,
    AddMessage = 8,
}
