namespace BathroomAftersales.Web.Infrastructure.Reports;

/// <summary>
/// One line of the scorecard: its drill-down slug, its English name (the localization key), how its value reads, where
/// it sits in <see cref="ScorecardFigures"/>, and whether its drill-down lists misses by default.
/// </summary>
public sealed record ScorecardKpi(string Slug, string Name, ReportValueKind Kind, Func<ScorecardFigures, KpiResult?> Select, bool HasMisses)
{
    /// <summary>Archive accuracy: the current state of the archive, never kept per period.</summary>
    public bool IsCurrentStateOnly => Slug == ScorecardKpis.Archive;
}

/// <summary>The KPIs of the contract scorecard (domain guide, "KPIs"), in the order the page shows them.</summary>
public static class ScorecardKpis
{
    public const string Archive = "archive";

    public static readonly IReadOnlyList<ScorecardKpi> All =
    [
        new("response", "24-hour response rate", ReportValueKind.Percent, f => f.ResponseRate, HasMisses: true),
        new("completion", "On-time completion rate", ReportValueKind.Percent, f => f.OnTimeCompletion, HasMisses: true),
        new("rating", "Average post-service rating", ReportValueKind.Stars, f => f.AverageRating, HasMisses: false),
        new("survey-score", "Satisfaction survey score", ReportValueKind.Stars, f => f.SurveyScore, HasMisses: false),
        new("surveys-held", "Satisfaction surveys held", ReportValueKind.Count, f => f.SurveysHeld, HasMisses: false),
        new("survey-response", "Survey response rate", ReportValueKind.Percent, f => f.SurveyResponseRate, HasMisses: true),
        new("nps", "Net promoter score (NPS)", ReportValueKind.Points, f => f.NetPromoterScore, HasMisses: false),
        new("complaints", "Complaint handling rate", ReportValueKind.Percent, f => f.ComplaintHandlingRate, HasMisses: true),
        new("trainings", "Customer trainings held (year to date)", ReportValueKind.Count, f => f.TrainingsHeld, HasMisses: false),
        new(Archive, "Customer archive accuracy", ReportValueKind.Percent, f => f.ArchiveAccuracy, HasMisses: true),
        new("warranty", "Warranty cost", ReportValueKind.Money, f => f.WarrantyCost, HasMisses: false),
        new("rework", "Rework rate", ReportValueKind.Percent, f => f.ReworkRate, HasMisses: true),
    ];

    /// <summary>The KPI of a drill-down slug (exact, lower case); null for anything else.</summary>
    public static ScorecardKpi? Find(string? slug) => All.FirstOrDefault(k => string.Equals(k.Slug, slug, StringComparison.Ordinal));

    /// <summary>The English text (localization key) of a status.</summary>
    public static string StatusText(KpiStatus status) => status switch
    {
        KpiStatus.Met => "Met",
        KpiStatus.AtRisk => "At risk",
        KpiStatus.Missed => "Missed",
        KpiStatus.Shown => "Shown only",
        _ => "No data",
    };

    /// <summary>The Bootstrap badge colours of a status; always shown beside <see cref="StatusText"/>, never alone.</summary>
    public static string StatusBadge(KpiStatus status) => status switch
    {
        KpiStatus.Met => "text-bg-success",
        KpiStatus.AtRisk => "text-bg-warning",
        KpiStatus.Missed => "text-bg-danger",
        KpiStatus.Shown => "text-bg-info",
        _ => "text-bg-secondary",
    };

    /// <summary>A target as it reads: "100%" for a full rate, "≥ 95.0%", "≥ 4.50", "≥ 2"; null without a target.</summary>
    public static string? TargetText(ScorecardKpi kpi, KpiResult? result)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        if (result?.Target is not { } target)
        {
            return null;
        }

        return kpi.Kind == ReportValueKind.Percent && target == 1m ? "100%" : "≥ " + ReportFormat.Display(target, kpi.Kind);
    }
}
