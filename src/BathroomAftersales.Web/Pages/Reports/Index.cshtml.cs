using BathroomAftersales.Web.Data;

using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Reports;

/// <summary>This quarter's headline KPIs (Shanghai calendar), each one aggregate query; no rows are loaded.</summary>
public sealed class IndexModel(AppDbContext db, LocalClock clock) : PageModel
{
    public QuarterSummary Summary { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var quarter = ((today.Month - 1) / 3) + 1;
        var startLocal = new DateOnly(today.Year, ((quarter - 1) * 3) + 1, 1);
        var startUtc = clock.ToUtc(startLocal.ToDateTime(TimeOnly.MinValue));
        var endUtc = clock.ToUtc(startLocal.AddMonths(3).ToDateTime(TimeOnly.MinValue));
        var now = clock.UtcNow;
        var dueUntil = now < endUtc ? now : endUtc;

        var submitted = await db.ServiceRequests
            .CountAsync(r => r.SubmittedAt >= startUtc && r.SubmittedAt < endUtc, cancellationToken);

        // Domain guide, KPI "24h response rate": requests whose response fell due in the period so far; an unanswered
        // one past its due time is a miss. A request cancelled unanswered before its due time never fell due.
        var due = db.ServiceRequests.Where(r =>
            r.ResponseDueAt >= startUtc
            && r.ResponseDueAt < dueUntil
            && !(r.RespondedAt == null && r.CancelledAt != null && r.CancelledAt <= r.ResponseDueAt));
        var responses = await due
            .GroupBy(r => 1)
            .Select(g => new
            {
                Due = g.Count(),
                OnTime = g.Count(r => r.RespondedAt != null && r.RespondedAt <= r.ResponseDueAt),
            })
            .SingleOrDefaultAsync(cancellationToken);

        var ratings = await db.ServiceRequests
            .Where(r => r.ClosedAt >= startUtc && r.ClosedAt < endUtc && r.Rating != null)
            .GroupBy(r => 1)
            .Select(g => new { Count = g.Count(), Average = g.Average(r => (double)r.Rating!.Value) })
            .SingleOrDefaultAsync(cancellationToken);

        Summary = new QuarterSummary(
            today.Year,
            quarter,
            startLocal,
            startLocal.AddMonths(3).AddDays(-1),
            submitted,
            responses?.Due ?? 0,
            responses?.OnTime ?? 0,
            ratings?.Average,
            ratings?.Count ?? 0);
    }
}

public sealed record QuarterSummary(
    int Year,
    int Quarter,
    DateOnly FirstDay,
    DateOnly LastDay,
    int Submitted,
    int ResponsesDue,
    int RespondedOnTime,
    double? AverageRating,
    int RatedCount)
{
    public const double ResponseRateTarget = 1.0;

    public const double RatingTarget = 4.5;

    public double? ResponseRate => ResponsesDue == 0 ? null : (double)RespondedOnTime / ResponsesDue;
}
