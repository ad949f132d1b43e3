using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;

using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Staff;

/// <summary>The service desk at a glance: how many requests are in each state, what is overdue, and what breaches next.</summary>
public sealed class IndexModel(AppDbContext db, LocalClock clock) : PageModel
{
    public const int QueueSize = 10;

    public DateTime NowUtc { get; private set; }

    public IReadOnlyDictionary<RequestStatus, int> CountsByStatus { get; private set; } = new Dictionary<RequestStatus, int>();

    public int ResponseOverdue { get; private set; }

    public int OpenEmergencies { get; private set; }

    public IReadOnlyList<QueueRow> Queue { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        NowUtc = now;

        var counts = await db.ServiceRequests.AsNoTracking()
            .GroupBy(r => r.Status)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        CountsByStatus = counts.ToDictionary(c => c.Key, c => c.Count);

        var open = db.ServiceRequests.AsNoTracking().Where(r => r.QueueRank < ServiceRequest.QueueRankFinished);

        ResponseOverdue = await open.CountAsync(r => r.RespondedAt == null && r.ResponseDueAt < now, cancellationToken);
        OpenEmergencies = await open.CountAsync(r => r.Priority == RequestPriority.Emergency, cancellationToken);

        // The clock that is still running: the response deadline until staff respond, then the completion deadline.
        // A completed request waits for the customer, so no deadline of the desk's runs for it.
        Queue = await (
                from r in open
                where r.Status != RequestStatus.Completed
                join c in db.Customers on r.CustomerId equals c.Id
                orderby r.QueueRank, r.QueueDueAt, r.Id
                select new QueueRow(
                    r.Id,
                    r.Number,
                    c.Name,
                    r.Type,
                    r.Priority,
                    r.Status,
                    r.RespondedAt == null,
                    r.QueueDueAt))
            .Take(QueueSize)
            .ToListAsync(cancellationToken);
    }

    public int Count(RequestStatus status) => CountsByStatus.TryGetValue(status, out var count) ? count : 0;
}

/// <param name="AwaitingResponse">True when <paramref name="DueAt"/> is the response deadline, false for completion.</param>
public sealed record QueueRow(
    int Id,
    string Number,
    string CustomerName,
    RequestType Type,
    RequestPriority Priority,
    RequestStatus Status,
    bool AwaitingResponse,
    DateTime DueAt)
{
    public TimeSpan Remaining(DateTime nowUtc) => DueAt - nowUtc;
}
