using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Domain.Surveys;
using BathroomAftersales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Infrastructure.Reports;

/// <summary>One period of the satisfaction trend. Averages are null when nothing was rated or answered ("no data").</summary>
public sealed record SatisfactionRow(Period Period, decimal? AverageRating, int Rated, decimal? SurveyScore, int SurveyResponses, decimal? NetPromoterScore);

/// <summary>
/// Median and 90th percentile of a set of durations in hours (null when the set is empty), from
/// <see cref="Percentiles.NearestRank"/>, and how many durations there were.
/// </summary>
public sealed record Durations(decimal? MedianHours, decimal? P90Hours, int Count)
{
    public static readonly Durations None = new(null, null, 0);
}

/// <summary>
/// The figures of one product model (<see cref="ModelId"/> null: requests without a registered product). Ratings are
/// kept as a sum and a count so that categories can be added up exactly from their models.
/// </summary>
public sealed record ModelRow(int? ModelId, string? Sku, string? Name, ProductCategory? Category, int Submitted, int Rated, int RatingSum, int WarrantyLines, decimal WarrantyCost)
{
    public decimal? AverageRating => Rated == 0 ? null : (decimal)RatingSum / Rated;
}

/// <summary>The figures of one category (<see cref="Category"/> null: requests without a registered product).</summary>
public sealed record CategoryRow(ProductCategory? Category, int Submitted, int Rated, decimal? AverageRating, decimal WarrantyCost);

/// <summary>One technician: requests completed in the period, of them on time, the ratings closed in it, completion times.</summary>
public sealed record TechnicianRow(int TechnicianId, string Name, int Completed, int CompletedOnTime, int Rated, decimal? AverageRating, Durations Completion)
{
    public decimal? OnTimeRate => Completed == 0 ? null : (decimal)CompletedOnTime / Completed;
}

/// <summary>One request type: submitted, of them emergencies, ratings, response and completion times.</summary>
public sealed record RequestTypeRow(RequestType Type, int Submitted, int Emergencies, int Rated, decimal? AverageRating, Durations Response, Durations Completion);

/// <summary>How many requests reached each step in the period, and the period's overall response and completion times.</summary>
public sealed record VolumeFigures(int Submitted, int Responded, int Completed, int Closed, int Cancelled, int Emergencies, Durations Response, Durations Completion);

/// <summary>A rated request with a comment; <see cref="ClosedAtUtc"/> is when it was rated.</summary>
public sealed record RatedComment(string Number, DateTime ClosedAtUtc, int Rating, string Comment);

/// <summary>A survey answer with a comment.</summary>
public sealed record SurveyComment(string Campaign, DateTime SubmittedAtUtc, int Overall, int Recommend, string Comment);

/// <summary>Everything the quarterly satisfaction report shows for one period; nothing localized, so it can be cached.</summary>
public sealed record QuarterlyFigures(
    Period Period,
    IReadOnlyList<SatisfactionRow> Trend,
    VolumeFigures Volumes,
    IReadOnlyList<RequestTypeRow> ByType,
    IReadOnlyList<CategoryRow> ByCategory,
    IReadOnlyList<ModelRow> ByModel,
    IReadOnlyList<TechnicianRow> ByTechnician,
    IReadOnlyList<RatedComment> LowestRated,
    IReadOnlyList<SurveyComment> LowestSurveyComments);

/// <summary>A histogram of whole-minute durations: each distinct value with how many requests took that long.</summary>
public readonly record struct MinuteCount(int Minutes, int Count);

/// <summary>Percentiles of whole-minute durations read from a histogram the database grouped, not from the rows.</summary>
public static class Percentiles
{
    /// <summary>
    /// The nearest-rank percentile: the smallest value whose cumulative count reaches ⌈<paramref name="p"/> × N⌉
    /// (at least 1), N being the histogram's total. With an even N the median is therefore the lower of the two middle
    /// values (1, 2, 3, 4 → 2), never an average of two; every result is a duration that actually occurred. Null for an
    /// empty histogram. <paramref name="histogram"/> may be in any order and hold a value more than once.
    /// </summary>
    public static int? NearestRank(IEnumerable<MinuteCount> histogram, decimal p)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1m);
        var sorted = histogram
            .GroupBy(h => h.Minutes)
            .Select(g => new MinuteCount(g.Key, g.Sum(h => h.Count)))
            .OrderBy(h => h.Minutes)
            .ToList();
        long total = sorted.Sum(h => (long)h.Count);
        if (total == 0)
        {
            return null;
        }

        var rank = Math.Max(1L, (long)Math.Ceiling(p * total));
        long cumulative = 0;
        foreach (var bucket in sorted)
        {
            cumulative += bucket.Count;
            if (cumulative >= rank)
            {
                return bucket.Minutes;
            }
        }

        return sorted[^1].Minutes;
    }

    /// <summary>Median and 90th percentile in hours (minutes ÷ 60) of a histogram.</summary>
    public static Durations Of(IEnumerable<MinuteCount> histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var buckets = histogram.ToList();
        var count = buckets.Sum(b => b.Count);
        return count == 0
            ? Durations.None
            : new Durations(Hours(NearestRank(buckets, 0.5m)), Hours(NearestRank(buckets, 0.9m)), count);
    }

    private static decimal? Hours(int? minutes) => minutes is { } m ? m / 60m : null;
}

/// <summary>
/// The quarterly satisfaction report for managers. Every figure is an aggregate the database computes (counts, sums,
/// and for times a histogram of the stored whole minutes); no request is loaded. The sets counted are the scorecard's
/// (<see cref="Scorecard"/>), so both reports agree:
/// <list type="bullet">
/// <item>submitted: <c>SubmittedAt</c> in the period; emergencies among them;</item>
/// <item>response time: first response − submission (<c>ResponseMinutes</c>) of the requests submitted in the period and answered;</item>
/// <item>completion time: completion − submission (<c>CompletionMinutes</c>) of the requests completed in the period (<see cref="Scorecard.Completed"/>);</item>
/// <item>ratings: <see cref="Scorecard.Rated"/> (closed in the period with a rating); survey: <see cref="Scorecard.SurveyResponses"/>;</item>
/// <item>warranty cost: <see cref="Scorecard.WarrantyLines"/> (supplier-paid lines of work done in the period), by the request's product model.</item>
/// </list>
/// A request is counted under its current type, product and technician.
/// </summary>
public sealed class QuarterlyReport(AppDbContext db, Scorecard scorecard, LocalClock clock, IServiceScopeFactory scopes)
{
    /// <summary>How many earlier periods the satisfaction trend shows before the chosen one.</summary>
    public const int TrendPeriods = 4;

    /// <summary>How many comments each "lowest rated" list shows.</summary>
    public const int CommentCount = 20;

    /// <summary>The name under which the whole report is cached (<see cref="ReportCache"/>).</summary>
    public const string Report = "quarterly";

    /// <summary>The name under which one period's row of the satisfaction trend is cached.</summary>
    public const string SatisfactionReport = "satisfaction";

    /// <summary>
    /// The report of <paramref name="period"/> as <paramref name="cache"/> keeps it: computed by
    /// <see cref="ComputeAsync(Period, ReportCache?, CancellationToken)"/> with the trend's rows from the same cache.
    /// </summary>
    public static Task<Computed<QuarterlyFigures>> CachedAsync(ReportCache cache, Period period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return cache.GetAsync<QuarterlyReport, QuarterlyFigures>(Report, period, (r, of, token) => r.ComputeAsync(of, cache, token), cancellationToken);
    }

    /// <summary>A quarter, or a year (then its trend is by year), everything computed from the records.</summary>
    public Task<QuarterlyFigures> ComputeAsync(Period period, CancellationToken cancellationToken = default) =>
        ComputeAsync(period, trendCache: null, cancellationToken);

    /// <summary>
    /// A quarter, or a year (then its trend is by year). The trend's rows come from <paramref name="trendCache"/> when
    /// given: those of settled periods are then usually kept figures (ADR 0018), and only the chosen period is computed.
    /// </summary>
    public async Task<QuarterlyFigures> ComputeAsync(Period period, ReportCache? trendCache, CancellationToken cancellationToken = default)
    {
        // The blocks are independent: each runs with its own connection (its own scope), at the same time.
        var trend = trendCache is null
            ? InOwnScope<IReadOnlyList<SatisfactionRow>>(async r =>
            {
                var rows = new List<SatisfactionRow>();
                foreach (var p in period.PreviousPeriods(TrendPeriods).Append(period))
                {
                    rows.Add(await r.SatisfactionAsync(p, cancellationToken));
                }

                return rows;
            })
            : CachedTrendAsync(trendCache, period, cancellationToken);
        var types = InOwnScope(async r =>
        {
            var byType = await r.ByTypeAsync(period, cancellationToken);
            return (byType, Volumes: await r.VolumesAsync(period, byType, cancellationToken));
        });
        var models = InOwnScope(r => r.ByModelAsync(period, cancellationToken));
        var technicians = InOwnScope(r => r.ByTechnicianAsync(period, cancellationToken));
        var comments = InOwnScope(async r =>
            (Rated: await r.LowestRatedAsync(period, cancellationToken), Survey: await r.LowestSurveyCommentsAsync(period, cancellationToken)));
        await Task.WhenAll(trend, types, models, technicians, comments);

        var (byTypeFigures, volumes) = await types;
        var byModel = await models;
        return new QuarterlyFigures(
            period,
            await trend,
            volumes,
            byTypeFigures.Rows,
            ByCategory(byModel),
            byModel,
            await technicians,
            (await comments).Rated,
            (await comments).Survey);
    }

    /// <summary>The trend's rows one by one through <paramref name="cache"/>, each computed in its own scope when not kept.</summary>
    private static async Task<IReadOnlyList<SatisfactionRow>> CachedTrendAsync(ReportCache cache, Period period, CancellationToken cancellationToken)
    {
        var rows = new List<SatisfactionRow>();
        foreach (var p in period.PreviousPeriods(TrendPeriods).Append(period))
        {
            var row = await cache.GetAsync<QuarterlyReport, SatisfactionRow>(
                SatisfactionReport, p, (r, of, token) => r.SatisfactionAsync(of, token), cancellationToken);
            rows.Add(row.Value);
        }

        return rows;
    }

    private async Task<T> InOwnScope<T>(Func<QuarterlyReport, Task<T>> block)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await block(scope.ServiceProvider.GetRequiredService<QuarterlyReport>());
    }

    /// <summary>Average rating and rated count, survey score and responses, and NPS of one period.</summary>
    public async Task<SatisfactionRow> SatisfactionAsync(Period period, CancellationToken cancellationToken = default)
    {
        var rated = await scorecard.Rated(period)
            .GroupBy(r => 1)
            .Select(g => new { Count = g.Count(), Sum = g.Sum(r => r.Rating!.Value) })
            .SingleOrDefaultAsync(cancellationToken);
        var survey = await scorecard.SurveyResponses(period)
            .GroupBy(r => 1)
            .Select(g => new
            {
                Count = g.Count(),
                Sum = g.Sum(r => r.Overall),
                Promoters = g.Count(r => r.Recommend >= NetPromoterScore.PromoterFrom),
                Detractors = g.Count(r => r.Recommend <= NetPromoterScore.DetractorUpTo),
            })
            .SingleOrDefaultAsync(cancellationToken);
        var ratedCount = rated?.Count ?? 0;
        var responses = survey?.Count ?? 0;
        return new SatisfactionRow(
            period,
            ratedCount == 0 ? null : (decimal)rated!.Sum / ratedCount,
            ratedCount,
            responses == 0 ? null : (decimal)survey!.Sum / responses,
            responses,
            responses == 0 ? null : NetPromoterScore.Compute(survey!.Promoters, survey.Detractors, responses));
    }

    private sealed record TypeFigures(IReadOnlyList<RequestTypeRow> Rows, List<MinuteCount> Response, List<MinuteCount> Completion);

    private async Task<TypeFigures> ByTypeAsync(Period period, CancellationToken cancellationToken)
    {
        var submitted = Submitted(period);
        var volumes = await submitted
            .GroupBy(r => r.Type)
            .Select(g => new { Type = g.Key, Count = g.Count(), Emergencies = g.Count(r => r.Priority == RequestPriority.Emergency) })
            .ToListAsync(cancellationToken);
        var ratings = await scorecard.Rated(period)
            .GroupBy(r => r.Type)
            .Select(g => new { Type = g.Key, Count = g.Count(), Sum = g.Sum(r => r.Rating!.Value) })
            .ToListAsync(cancellationToken);
        var response = await submitted
            .Where(r => r.ResponseMinutes != null)
            .GroupBy(r => new { r.Type, Minutes = r.ResponseMinutes!.Value })
            .Select(g => new { g.Key.Type, g.Key.Minutes, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var completion = await scorecard.Completed(period)
            .Where(r => r.CompletionMinutes != null)
            .GroupBy(r => new { r.Type, Minutes = r.CompletionMinutes!.Value })
            .Select(g => new { g.Key.Type, g.Key.Minutes, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var types = volumes.Select(v => v.Type)
            .Union(ratings.Select(r => r.Type))
            .Union(response.Select(r => r.Type))
            .Union(completion.Select(c => c.Type))
            .Order();
        var rows = types.Select(type =>
        {
            var volume = volumes.SingleOrDefault(v => v.Type == type);
            var rating = ratings.SingleOrDefault(r => r.Type == type);
            return new RequestTypeRow(
                type,
                volume?.Count ?? 0,
                volume?.Emergencies ?? 0,
                rating?.Count ?? 0,
                rating is null ? null : (decimal)rating.Sum / rating.Count,
                Percentiles.Of(response.Where(r => r.Type == type).Select(r => new MinuteCount(r.Minutes, r.Count))),
                Percentiles.Of(completion.Where(c => c.Type == type).Select(c => new MinuteCount(c.Minutes, c.Count))));
        }).ToList();
        return new TypeFigures(
            rows,
            [.. response.Select(r => new MinuteCount(r.Minutes, r.Count))],
            [.. completion.Select(c => new MinuteCount(c.Minutes, c.Count))]);
    }

    private async Task<VolumeFigures> VolumesAsync(Period period, TypeFigures byType, CancellationToken cancellationToken)
    {
        var (start, end) = period.UtcBounds(clock.TimeZone);
        var requests = db.ServiceRequests.AsNoTracking();
        return new VolumeFigures(
            byType.Rows.Sum(r => r.Submitted),
            await requests.CountAsync(r => r.RespondedAt >= start && r.RespondedAt < end, cancellationToken),
            await scorecard.Completed(period).CountAsync(cancellationToken),
            await requests.CountAsync(r => r.ClosedAt >= start && r.ClosedAt < end, cancellationToken),
            await requests.CountAsync(r => r.CancelledAt >= start && r.CancelledAt < end, cancellationToken),
            byType.Rows.Sum(r => r.Emergencies),
            Percentiles.Of(byType.Response),
            Percentiles.Of(byType.Completion));
    }

    private async Task<List<ModelRow>> ByModelAsync(Period period, CancellationToken cancellationToken)
    {
        var submitted = await Submitted(period)
            .GroupBy(r => r.ProductModelId)
            .Select(g => new { ModelId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var ratings = await scorecard.Rated(period)
            .GroupBy(r => r.ProductModelId)
            .Select(g => new { ModelId = g.Key, Count = g.Count(), Sum = g.Sum(r => r.Rating!.Value) })
            .ToListAsync(cancellationToken);
        var lines =
            from line in scorecard.WarrantyLines(period)
            join report in db.WorkReports on line.WorkReportId equals report.Id
            join request in db.ServiceRequests on report.ServiceRequestId equals request.Id
            select new { ModelId = request.ProductModelId, line.Amount };
        var warranty = await lines
            .GroupBy(x => x.ModelId)
            .Select(g => new { ModelId = g.Key, Count = g.Count(), Cost = g.Sum(x => x.Amount) })
            .ToListAsync(cancellationToken);

        var ids = submitted.Select(s => s.ModelId).Union(ratings.Select(r => r.ModelId)).Union(warranty.Select(w => w.ModelId)).ToList();
        var modelIds = ids.OfType<int>().ToList();
        var models = await db.ProductModels.AsNoTracking()
            .Where(m => modelIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Sku, m.Name, m.Category })
            .ToDictionaryAsync(m => m.Id, cancellationToken);

        return [.. ids.Select(id =>
        {
            var model = id is { } known ? models[known] : null;
            var rating = ratings.SingleOrDefault(r => r.ModelId == id);
            var cost = warranty.SingleOrDefault(w => w.ModelId == id);
            return new ModelRow(
                id,
                model?.Sku,
                model?.Name,
                model?.Category,
                submitted.SingleOrDefault(s => s.ModelId == id)?.Count ?? 0,
                rating?.Count ?? 0,
                rating?.Sum ?? 0,
                cost?.Count ?? 0,
                cost?.Cost ?? 0m);
        })
        .OrderBy(r => r.ModelId is null)
        .ThenByDescending(r => r.Submitted)
        .ThenBy(r => r.Sku, StringComparer.Ordinal)];
    }

    /// <summary>Categories added up from their models (a model's current category), so no further query is needed.</summary>
    private static List<CategoryRow> ByCategory(IEnumerable<ModelRow> models) =>
        [.. models
            .GroupBy(m => m.Category)
            .Select(g =>
            {
                var rated = g.Sum(m => m.Rated);
                return new CategoryRow(
                    g.Key,
                    g.Sum(m => m.Submitted),
                    rated,
                    rated == 0 ? null : (decimal)g.Sum(m => m.RatingSum) / rated,
                    g.Sum(m => m.WarrantyCost));
            })
            .OrderBy(c => c.Category is null)
            .ThenBy(c => c.Category)];

    private async Task<List<TechnicianRow>> ByTechnicianAsync(Period period, CancellationToken cancellationToken)
    {
        var completed = scorecard.Completed(period).Where(r => r.TechnicianId != null);
        var counts = await completed
            .GroupBy(r => r.TechnicianId!.Value)
            .Select(g => new { TechnicianId = g.Key, Count = g.Count(), OnTime = g.Count(r => r.CompletedAt <= r.CompletionDueAt) })
            .ToListAsync(cancellationToken);
        var ratings = await scorecard.Rated(period)
            .Where(r => r.TechnicianId != null)
            .GroupBy(r => r.TechnicianId!.Value)
            .Select(g => new { TechnicianId = g.Key, Count = g.Count(), Sum = g.Sum(r => r.Rating!.Value) })
            .ToListAsync(cancellationToken);
        var times = await completed
            .Where(r => r.CompletionMinutes != null)
            .GroupBy(r => new { TechnicianId = r.TechnicianId!.Value, Minutes = r.CompletionMinutes!.Value })
            .Select(g => new { g.Key.TechnicianId, g.Key.Minutes, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var ids = counts.Select(c => c.TechnicianId).Union(ratings.Select(r => r.TechnicianId)).ToList();
        var names = await db.Technicians.AsNoTracking()
            .Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.Name })
            .ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        return [.. ids.Select(id =>
        {
            var count = counts.SingleOrDefault(c => c.TechnicianId == id);
            var rating = ratings.SingleOrDefault(r => r.TechnicianId == id);
            return new TechnicianRow(
                id,
                names[id],
                count?.Count ?? 0,
                count?.OnTime ?? 0,
                rating?.Count ?? 0,
                rating is null ? null : (decimal)rating.Sum / rating.Count,
                Percentiles.Of(times.Where(t => t.TechnicianId == id).Select(t => new MinuteCount(t.Minutes, t.Count))));
        })
        .OrderByDescending(t => t.Completed)
        .ThenBy(t => t.Name, StringComparer.Ordinal)];
    }

    /// <summary>The lowest ratings closed in the period that carry a comment: rating ascending, then newest first.</summary>
    private async Task<List<RatedComment>> LowestRatedAsync(Period period, CancellationToken cancellationToken) =>
        await scorecard.Rated(period)
            .Where(r => r.RatingComment != null && r.RatingComment != "")
            .OrderBy(r => r.Rating)
            .ThenByDescending(r => r.ClosedAt)
            .ThenByDescending(r => r.Id)
            .Take(CommentCount)
            .Select(r => new RatedComment(r.Number, r.ClosedAt!.Value, r.Rating!.Value, r.RatingComment!))
            .ToListAsync(cancellationToken);

    /// <summary>The period's survey answers with the lowest overall scores that carry a comment, newest first within a score.</summary>
    private async Task<List<SurveyComment>> LowestSurveyCommentsAsync(Period period, CancellationToken cancellationToken) =>
        await (
            from response in scorecard.SurveyResponses(period)
            join campaign in db.SurveyCampaigns on response.CampaignId equals campaign.Id
            where response.Comment != null && response.Comment != ""
            orderby response.Overall, response.SubmittedAt descending, response.Id descending
            select new SurveyComment(campaign.Title, response.SubmittedAt, response.Overall, response.Recommend, response.Comment!))
            .Take(CommentCount)
            .ToListAsync(cancellationToken);

    private IQueryable<ServiceRequest> Submitted(Period period)
    {
        var (start, end) = period.UtcBounds(clock.TimeZone);
        return db.ServiceRequests.AsNoTracking().Where(r => r.SubmittedAt >= start && r.SubmittedAt < end);
    }
}
