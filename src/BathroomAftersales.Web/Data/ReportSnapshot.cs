namespace BathroomAftersales.Web.Data;

/// <summary>
/// The figures of one report for one settled period, kept so that a first view after a restart, or on another
/// instance, reads them instead of aggregating a million rows again (ADR 0018). <see cref="Key"/> is the report and
/// the period ("scorecard|2026-Q3"); <see cref="Figures"/> the computed figures as JSON.
/// </summary>
public sealed class ReportSnapshot
{
    public const int KeyMaxLength = 60;

    public required string Key { get; init; }

    public required string Figures { get; set; }

    public DateTime ComputedAt { get; set; }
}
