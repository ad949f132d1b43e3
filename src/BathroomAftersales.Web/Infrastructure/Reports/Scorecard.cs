using System.Linq.Expressions;
using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Domain.Surveys;
using BathroomAftersales.Domain.Training;
using BathroomAftersales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Infrastructure.Reports;

/// <summary>How a KPI stands against its target.</summary>
public enum KpiStatus
{
    /// <summary>Nothing to measure in the period: shown as "no data", never as 0%.</summary>
    NoData,

    Met,

    /// <summary>Below target but within <see cref="Scorecard.RateAtRiskMargin"/> (rates) or <see cref="Scorecard.RatingAtRiskMargin"/> (stars).</summary>
    AtRisk,

    Missed,

    /// <summary>A KPI the contract only asks to show (survey response rate, NPS, warranty cost, rework rate): no target.</summary>
    Shown,
}

/// <summary>
/// One KPI for one period. <see cref="Value"/> is a fraction 0–1 for rates, stars for ratings, a count for trainings and
/// yuan for warranty cost; null means no data. <see cref="Counted"/> is the number of records behind it (the
/// drill-down's length) and <see cref="Hits"/> how many of them met the promise (null where that means nothing).
/// </summary>
public sealed record KpiResult(decimal? Value, decimal? Target, KpiStatus Status, int Counted, int? Hits);

/// <summary>Every KPI of one period, as the scorecard page shows them; <see cref="ArchiveAccuracy"/> is null for a past or future period.</summary>
public sealed record ScorecardFigures(
    KpiResult ResponseRate,
    KpiResult OnTimeCompletion,
    KpiResult AverageRating,
    KpiResult SurveyScore,
    KpiResult SurveysHeld,
    KpiResult SurveyResponseRate,
    KpiResult NetPromoterScore,
    KpiResult ComplaintHandlingRate,
    KpiResult TrainingsHeld,
    KpiResult? ArchiveAccuracy,
    KpiResult WarrantyCost,
    KpiResult ReworkRate);

/// <summary>
/// The contract scorecard (domain guide, "KPIs"): one method per KPI, each an aggregate computed by the database, and
/// beside it the query of the records it counted, so the number and its drill-down list come from the same predicate.
/// Period boundaries are local midnights (<see cref="Period"/>); "now" caps periods that have not ended yet.
/// </summary>
public sealed class Scorecard(AppDbContext db, LocalClock clock)
{
    /// <summary>The name under which the scorecard's figures are cached (<see cref="ReportCache"/>).</summary>
    public const string Report = "scorecard";

    public const decimal ResponseRateTarget = 1m;
    public const decimal OnTimeCompletionTarget = 0.95m;
    public const decimal RatingTarget = 4.5m;
    public const decimal ComplaintHandlingTarget = 1m;
    public const decimal ArchiveAccuracyTarget = 1m;

    /// <summary>A rate this close below its target (5 percentage points) is "at risk" rather than "missed".</summary>
    public const decimal RateAtRiskMargin = 0.05m;

    /// <summary>An average rating this close below its target (0.2 stars) is "at risk" rather than "missed".</summary>
    public const decimal RatingAtRiskMargin = 0.2m;

    // ---- 24h response rate ----------------------------------------------------------------------------------------

    /// <summary>
    /// Requests whose response fell due in the period (up to now): <c>ResponseDueAt</c> in [start, min(end, now)). An
    /// unanswered request past its due time is counted, as a miss; one cancelled unanswered before its due time never
    /// fell due and is left out.
    /// </summary>
    public IQueryable<ServiceRequest> ResponsesDue(Period period)
    {
        var (start, end) = period.UtcBounds(clock.TimeZone);
        var now = clock.UtcNow;
        var until = now < end ? now : end;
        return db.ServiceRequests.AsNoTracking().Where(r =>
            r.ResponseDueAt >= start
            && r.ResponseDueAt < until
            && !(r.RespondedAt == null && r.CancelledAt != null && r.CancelledAt <= r.ResponseDueAt));
    }

    /// <summary>The misses of <see cref="ResponsesDue"/>: answered late or not at all.</summary>
    public IQueryable<ServiceRequest> ResponsesMissed(Period period) => ResponsesDue(period).Where(ResponseMissed);

    /// <summary>Responded by <c>ResponseDueAt</c> ÷ <see cref="ResponsesDue"/>; target 100%.</summary>
    public Task<KpiResult> ResponseRateAsync(Period period, CancellationToken cancellationToken = default) =>
        RateAsync(ResponsesDue(period), ResponseMissed, ResponseRateTarget, cancellationToken);

    // ---- on-time completion ---------------------------------------------------------------------------------------

    /// <summary>Requests completed in the period (their current <c>CompletedAt</c>; a reopened request counts when it is completed again).</summary>
    public IQueryable<ServiceRequest> Completed(Period period)
    {
        var (start, end) = period.UtcBounds(clock.TimeZone);
        return db.ServiceRequests.AsNoTracking().Where(r => r.CompletedAt >= start && r.CompletedAt < end);
    }

    /// <summary>The misses of <see cref="Completed"/>: completed after <c>CompletionDueAt</c>.</summary>
    public IQueryable<ServiceRequest> CompletedLate(Period period) => Completed(period).Where(CompletionLate);

    /// <summary>Completed by <c>CompletionDueAt</c> ÷ <see cref="Completed"/>; target 95%.</summary>
    public Task<KpiResult> OnTimeCompletionAsync(Period period, CancellationToken cancellationToken = default) =>
        RateAsync(Completed(period), CompletionLate, OnTimeCompletionTarget, cancellationToken);

    // ---- average post-service rating ------------------------------------------------------------------------------

    /// <summary>Requests confirmed and rated by the customer, closed in the period.</summary>
    public IQueryable<ServiceRequest> Rated(Period period)
    {
        var (start, end) = period.UtcBounds(clock.TimeZone);
        return db.ServiceRequests.AsNoTracking()
            .Where(r => r.ClosedAt >= start && r.ClosedAt < end && r.Rating != null);
    }

    /// <summary>Mean of <see cref="Rated"/>'s ratings (1–5); target 4.5.</summary>
    public async Task<KpiResult> AverageRatingAsync(Period period, CancellationToken cancellationToken = default)
    {
        // One aggregate: no group comes back when nothing was rated.
        var figures = await Rated(period)
            .GroupBy(r => 1)
            .Select(g => new { Counted = g.Count(), Average = g.Average(r => (double)r.Rating!.Value) })
            .SingleOrDefaultAsync(cancellationToken);
        if (figures is null || figures.Counted == 0)
        {
            return new KpiResult(null, RatingTarget, KpiStatus.NoData, 0, null);
        }

        var average = (decimal)figures.Average;
        return new KpiResult(average, RatingTarget, Judge(average, RatingTarget, RatingAtRiskMargin), figures.Counted, null);
    }

    // ---- complaint handling rate ----------------------------------------------------------------------------------

    /// <summary>
    /// Complaints received in the period that can be judged by now: resolved, or still unresolved past their
    /// resolve-by. One still within its deadline is pending and not counted yet (it is neither handled nor missed).
    /// </summary>
    public IQueryable<Complaint> ComplaintsReceived(Period period)
    {
        var (start, end) = period.UtcBounds(clock.TimeZone);
        var now = clock.UtcNow;
        return db.Complaints.AsNoTracking().Where(c =>
            c.ReceivedAt >= start && c.ReceivedAt < end && (c.ResolvedAt != null || c.ResolveBy < now));
    }

    /// <summary>The misses of <see cref="ComplaintsReceived"/>: resolved after resolve-by, or not resolved by it.</summary>
    public IQueryable<Complaint> ComplaintsMissed(Period period) => ComplaintsReceived(period).Where(ComplaintMissed);

    /// <summary>Resolved within the deadline ÷ <see cref="ComplaintsReceived"/>; target 100%.</summary>
    public Task<KpiResult> ComplaintHandlingRateAsync(Period period, CancellationToken cancellationToken = default) =>
        RateAsync(ComplaintsReceived(period), ComplaintMissed, ComplaintHandlingTarget, cancellationToken);

    // ---- trainings held -------------------------------------------------------------------------------------------

    /// <summary>Training events held that started in the period's calendar year, up to the period's end (year to date).</summary>
    public IQueryable<TrainingEvent> TrainingsHeld(Period period)
    {
        var start = period.WholeYear.StartUtc(clock.TimeZone);
        var end = period.EndUtc(clock.TimeZone);
        return db.TrainingEvents.AsNoTracking()
            .Where(e => e.Status == TrainingEventStatus.Held && e.StartsAt >= start && e.StartsAt < end);
    }

    /// <summary>
    /// The count of <see cref="TrainingsHeld"/> against 2 a year: met at 2; missed once the year is over with fewer;
    /// at risk before that (the year can still catch up).
    /// </summary>
    public async Task<KpiResult> TrainingsHeldAsync(Period period, CancellationToken cancellationToken = default)
    {
        var held = await TrainingsHeld(period).CountAsync(cancellationToken);
        var yearOver = period.EndDay == period.WholeYear.EndDay && period.EndUtc(clock.TimeZone) <= clock.UtcNow;
        var status = TrainingTarget.IsMet(held) ? KpiStatus.Met : yearOver ? KpiStatus.Missed : KpiStatus.AtRisk;
        return new KpiResult(held, TrainingTarget.HeldPerYear, status, held, null);
    }

    // ---- archive accuracy -----------------------------------------------------------------------------------------

    /// <summary>
    /// Every live customer record (merged duplicates excluded). The archive keeps no history of its problems, so this
    /// is the state now whatever the period: the scorecard shows it for the current period only.
    /// </summary>
    public IQueryable<Customer> ArchiveRecords() =>
        db.Customers.AsNoTracking().Where(c => c.MergedIntoId == null);

    /// <summary>The misses of <see cref="ArchiveRecords"/>: records with at least one <see cref="ArchiveProblems"/>.</summary>
    public IQueryable<Customer> ArchiveRecordsToFix() => ArchiveRecords().Where(ArchiveRecordToFix);

    /// <summary>Complete and valid records ÷ <see cref="ArchiveRecords"/>; target 100%.</summary>
    public Task<KpiResult> ArchiveAccuracyAsync(CancellationToken cancellationToken = default) =>
        RateAsync(ArchiveRecords(), ArchiveRecordToFix, ArchiveAccuracyTarget, cancellationToken);

    // ---- warranty cost --------------------------------------------------------------------------------------------

    /// <summary>Work reports whose service date (a local calendar day) is in the period.</summary>
    public IQueryable<WorkReport> WorkReports(Period period)
    {
        var (first, end) = (period.FirstDay, period.EndDay);
        return db.WorkReports.AsNoTracking().Where(w => w.ServiceDate >= first && w.ServiceDate < end);
    }

    /// <summary>The supplier-paid lines of <see cref="WorkReports"/>: the warranty cost's drill-down.</summary>
    public IQueryable<WorkReportLine> WarrantyLines(Period period)
    {
        // Driven from the period's reports (a range of the ServiceDate index), each report's lines read from the
        // covering index (WorkReportId, Payer, Amount): never a walk over every supplier line ever written.
        return from report in WorkReports(period)
               join line in db.WorkReportLines.AsNoTracking() on report.Id equals line.WorkReportId
               where line.Payer == Payer.Supplier
               select line;
    }

    /// <summary>Sum of <see cref="WarrantyLines"/> in yuan; no data when no work was reported in the period.</summary>
    public async Task<KpiResult> WarrantyCostAsync(Period period, CancellationToken cancellationToken = default)
    {
        if (!await WorkReports(period).AnyAsync(cancellationToken))
        {
            return new KpiResult(null, null, KpiStatus.NoData, 0, null);
        }

        var lines = await WarrantyLines(period)
            .GroupBy(l => 1)
            .Select(g => new { Count = g.Count(), Cost = g.Sum(l => l.Amount) })
            .SingleOrDefaultAsync(cancellationToken);
        return new KpiResult(lines?.Cost ?? 0m, null, KpiStatus.Shown, lines?.Count ?? 0, null);
    }

    // ---- rework rate ----------------------------------------------------------------------------------------------

    /// <summary>
    /// Requests first completed in the period (<c>FirstCompletedAt</c>: a reopen clears <c>CompletedAt</c>, not this),
    /// so a request reopened later still counts in the period it was completed.
    /// </summary>
    public IQueryable<ServiceRequest> FirstCompleted(Period period)
    {
        var (start, end) = period.UtcBounds(clock.TimeZone);
        return db.ServiceRequests.AsNoTracking().Where(r => r.FirstCompletedAt >= start && r.FirstCompletedAt < end);
    }

    /// <summary>Of <see cref="FirstCompleted"/>, those the customer reopened (only possible within 30 days of completion).</summary>
    public IQueryable<ServiceRequest> Reworked(Period period) => FirstCompleted(period).Where(WasReworked);

    /// <summary><see cref="Reworked"/> ÷ <see cref="FirstCompleted"/>; shown, no target.</summary>
    public async Task<KpiResult> ReworkRateAsync(Period period, CancellationToken cancellationToken = default)
    {
        var (counted, reworked) = await CountWithAsync(FirstCompleted(period), WasReworked, cancellationToken);
        return counted == 0
            ? new KpiResult(null, null, KpiStatus.NoData, 0, null)
            : new KpiResult((decimal)reworked / counted, null, KpiStatus.Shown, counted, reworked);
    }

    // ---- surveys ----------------------------------------------------------------------------------------------------

    /// <summary>The quarterly campaigns of the period's quarters (one for a quarter, up to four for a year).</summary>
    public IQueryable<SurveyCampaign> SurveyCampaigns(Period period)
    {
        var quarters = QuarterTexts(period);
        return db.SurveyCampaigns.AsNoTracking().Where(c => quarters.Contains(c.Quarter));
    }

    /// <summary>Of <see cref="SurveyCampaigns"/>, those that have closed: a survey counts as held once it closed.</summary>
    public IQueryable<SurveyCampaign> SurveysHeld(Period period)
    {
        var now = clock.UtcNow;
        return SurveyCampaigns(period).Where(c => c.ClosesAt <= now);
    }

    /// <summary>
    /// Quarters with a closed campaign against one per quarter: met when every quarter has one; missed when one lacks
    /// it more than <see cref="SurveyCampaign.DefaultDaysAfterQuarter"/> days after the period ended; at risk before that.
    /// </summary>
    public async Task<KpiResult> SurveysHeldAsync(Period period, CancellationToken cancellationToken = default)
    {
        var expected = QuarterTexts(period).Length;
        var held = await SurveysHeld(period).Select(c => c.Quarter).Distinct().CountAsync(cancellationToken);
        var late = period.EndUtc(clock.TimeZone).AddDays(SurveyCampaign.DefaultDaysAfterQuarter) <= clock.UtcNow;
        var status = held >= expected ? KpiStatus.Met : late ? KpiStatus.Missed : KpiStatus.AtRisk;
        return new KpiResult(held, expected, status, held, null);
    }

    /// <summary>The invitations of <see cref="SurveyCampaigns"/>.</summary>
    public IQueryable<SurveyInvitation> SurveyInvitations(Period period)
    {
        // From the (at most four) campaigns to their invitations by the CampaignId index, not the other way round.
        return from campaign in SurveyCampaigns(period)
               join invitation in db.SurveyInvitations.AsNoTracking() on campaign.Id equals invitation.CampaignId
               select invitation;
    }

    /// <summary>The answers to <see cref="SurveyCampaigns"/>: the drill-down of the survey score and of NPS.</summary>
    public IQueryable<SurveyResponse> SurveyResponses(Period period)
    {
        return from campaign in SurveyCampaigns(period)
               join response in db.SurveyResponses.AsNoTracking() on campaign.Id equals response.CampaignId
               select response;
    }

    /// <summary>Answered ÷ <see cref="SurveyInvitations"/>; shown, no target.</summary>
    public Task<KpiResult> SurveyResponseRateAsync(Period period, CancellationToken cancellationToken = default) =>
        RateAsync(SurveyInvitations(period), InvitationUnanswered, null, cancellationToken);

    /// <summary>The misses of <see cref="SurveyInvitations"/>: invitations nobody answered.</summary>
    public IQueryable<SurveyInvitation> SurveyInvitationsUnanswered(Period period) =>
        SurveyInvitations(period).Where(InvitationUnanswered);

    /// <summary>Mean overall score (1–5) of <see cref="SurveyResponses"/>; target 4.5 like the post-service rating.</summary>
    public async Task<KpiResult> SurveyScoreAsync(Period period, CancellationToken cancellationToken = default) =>
        (await SurveyFiguresAsync(period, cancellationToken)).Score;

    /// <summary>% promoters (9–10) − % detractors (0–6) of <see cref="SurveyResponses"/>, in points; shown.</summary>
    public async Task<KpiResult> NetPromoterScoreAsync(Period period, CancellationToken cancellationToken = default) =>
        (await SurveyFiguresAsync(period, cancellationToken)).Nps;

    /// <summary>The survey score and NPS from one aggregate over <see cref="SurveyResponses"/>.</summary>
    private async Task<(KpiResult Score, KpiResult Nps)> SurveyFiguresAsync(Period period, CancellationToken cancellationToken)
    {
        var figures = await SurveyResponses(period)
            .GroupBy(r => 1)
            .Select(g => new
            {
                Counted = g.Count(),
                Overall = g.Average(r => (double)r.Overall),
                Promoters = g.Count(r => r.Recommend >= NetPromoterScore.PromoterFrom),
                Detractors = g.Count(r => r.Recommend <= NetPromoterScore.DetractorUpTo),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (figures is null || figures.Counted == 0)
        {
            return (new KpiResult(null, RatingTarget, KpiStatus.NoData, 0, null), new KpiResult(null, null, KpiStatus.NoData, 0, null));
        }

        var average = (decimal)figures.Overall;
        var score = new KpiResult(average, RatingTarget, Judge(average, RatingTarget, RatingAtRiskMargin), figures.Counted, null);
        var nps = new KpiResult(
            NetPromoterScore.Compute(figures.Promoters, figures.Detractors, figures.Counted), null, KpiStatus.Shown, figures.Counted, figures.Promoters);
        return (score, nps);
    }

    // ---- the whole scorecard --------------------------------------------------------------------------------------

    /// <summary>The figures of <paramref name="period"/> as <paramref name="cache"/> keeps them (computed by <see cref="ComputeAsync"/>).</summary>
    public static Task<Computed<ScorecardFigures>> CachedAsync(ReportCache cache, Period period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return cache.GetAsync<Scorecard, ScorecardFigures>(Report, period, (s, of, token) => s.ComputeAsync(of, token), cancellationToken);
    }

    /// <summary>
    /// Every KPI of <paramref name="period"/> in one go, for the scorecard page (kept by <see cref="ReportCache"/>).
    /// Archive accuracy is only computed for a period that contains now: the archive keeps no history.
    /// </summary>
    public async Task<ScorecardFigures> ComputeAsync(Period period, CancellationToken cancellationToken = default)
    {
        var response = await ResponseRateAsync(period, cancellationToken);
        var completion = await OnTimeCompletionAsync(period, cancellationToken);
        var rating = await AverageRatingAsync(period, cancellationToken);
        var (surveyScore, nps) = await SurveyFiguresAsync(period, cancellationToken);
        var surveysHeld = await SurveysHeldAsync(period, cancellationToken);
        var surveyResponse = await SurveyResponseRateAsync(period, cancellationToken);
        var complaints = await ComplaintHandlingRateAsync(period, cancellationToken);
        var trainings = await TrainingsHeldAsync(period, cancellationToken);
        var archive = IsCurrent(period) ? await ArchiveAccuracyAsync(cancellationToken) : null;
        var warranty = await WarrantyCostAsync(period, cancellationToken);
        var rework = await ReworkRateAsync(period, cancellationToken);
        return new ScorecardFigures(
            response, completion, rating, surveyScore, surveysHeld, surveyResponse, nps, complaints, trainings, archive, warranty, rework);
    }

    /// <summary>Whether now falls in <paramref name="period"/>: the only period archive accuracy describes.</summary>
    public bool IsCurrent(Period period)
    {
        var (start, end) = period.UtcBounds(clock.TimeZone);
        var now = clock.UtcNow;
        return start <= now && now < end;
    }

    // ---- shared ---------------------------------------------------------------------------------------------------

    /// <summary>Met at or above target; at risk within the margin below; missed further below.</summary>
    public static KpiStatus Judge(decimal value, decimal target, decimal atRiskMargin) =>
        value >= target ? KpiStatus.Met
        : value >= target - atRiskMargin ? KpiStatus.AtRisk
        : KpiStatus.Missed;

    private static readonly Expression<Func<ServiceRequest, bool>> ResponseMissed =
        r => r.RespondedAt == null || r.RespondedAt > r.ResponseDueAt;

    private static readonly Expression<Func<ServiceRequest, bool>> CompletionLate = r => r.CompletedAt > r.CompletionDueAt;

    private static readonly Expression<Func<ServiceRequest, bool>> WasReworked = r => r.ReopenCount > 0;

    private static readonly Expression<Func<Complaint, bool>> ComplaintMissed =
        c => c.ResolvedAt == null || c.ResolvedAt > c.ResolveBy;

    private static readonly Expression<Func<Customer, bool>> ArchiveRecordToFix = c => c.ArchiveProblems != ArchiveProblems.None;

    private static readonly Expression<Func<SurveyInvitation, bool>> InvitationUnanswered = i => i.AnsweredAt == null;

    private static async Task<KpiResult> RateAsync<T>(
        IQueryable<T> counted, Expression<Func<T, bool>> missed, decimal? target, CancellationToken cancellationToken)
    {
        var (total, misses) = await CountWithAsync(counted, missed, cancellationToken);
        if (total == 0)
        {
            return new KpiResult(null, target, KpiStatus.NoData, 0, null);
        }

        var hits = total - misses;
        var rate = (decimal)hits / total;
        var status = target is { } goal ? Judge(rate, goal, RateAtRiskMargin) : KpiStatus.Shown;
        return new KpiResult(rate, target, status, total, hits);
    }

    /// <summary>
    /// The rows of <paramref name="query"/> and how many of them match <paramref name="predicate"/>, in one aggregate
    /// query (a group by a constant: no group, so zero, when nothing matches).
    /// </summary>
    private static async Task<(int Total, int Matching)> CountWithAsync<T>(
        IQueryable<T> query, Expression<Func<T, bool>> predicate, CancellationToken cancellationToken)
    {
        var counts = await query
            .GroupBy(_ => 1)
            .Select(g => new { Total = g.Count(), Matching = g.AsQueryable().Count(predicate) })
            .SingleOrDefaultAsync(cancellationToken);
        return counts is null ? (0, 0) : (counts.Total, counts.Matching);
    }

    private static string[] QuarterTexts(Period period) =>
        period.IsYear
            ? [.. Enumerable.Range(1, 4).Select(q => Period.OfQuarter(period.Year, q).ToString())]
            : [period.ToString()];
}
