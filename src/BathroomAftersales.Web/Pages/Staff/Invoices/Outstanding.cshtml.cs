using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Staff.Invoices;

/// <summary>
/// Receivables: the invoices still open (Issued or PartiallyPaid) with their balance and age in Shanghai days, totalled
/// by ageing bucket (0–30, 31–60, over 60, <see cref="Ageing"/>). The totals cover every open invoice; the list shows
/// the oldest <see cref="MaxRows"/>. Money is summed through EF (which sums decimals correctly on SQLite too) and
/// never ordered by: rows go by issue time.
/// </summary>
public sealed class OutstandingModel(AppDbContext db, LocalClock clock) : PageModel
{
    public const int MaxRows = 200;

    public DateOnly Today { get; private set; }

    public IReadOnlyList<BucketTotal> Buckets { get; private set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int OpenCount => Buckets.Sum(b => b.Count);

    public decimal OpenBalance => Buckets.Sum(b => b.Balance);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = clock.Today;
        var open = db.Invoices.AsNoTracking().Where(i => i.Status == InvoiceStatus.Issued || i.Status == InvoiceStatus.PartiallyPaid);

        // The bucket edges as instants: issued on or after the Shanghai midnight that starts day 30 (resp. 60) ago.
        var day30Start = clock.ToUtc(Today.AddDays(-30).ToDateTime(TimeOnly.MinValue));
        var day60Start = clock.ToUtc(Today.AddDays(-60).ToDateTime(TimeOnly.MinValue));
        Buckets =
        [
            await TotalAsync(AgeingBucket.Days0To30, open.Where(i => i.IssuedAt >= day30Start), cancellationToken),
            await TotalAsync(AgeingBucket.Days31To60, open.Where(i => i.IssuedAt >= day60Start && i.IssuedAt < day30Start), cancellationToken),
            await TotalAsync(AgeingBucket.Over60, open.Where(i => i.IssuedAt < day60Start), cancellationToken),
        ];

        var rows = await (
                from i in open
                join c in db.Customers on i.CustomerId equals c.Id
                orderby i.IssuedAt, i.Id
                select new { i.Id, i.Number, CustomerName = c.Name, i.IssuedAt, i.Status, i.Total, i.PaidTotal })
            .Take(MaxRows)
            .ToListAsync(cancellationToken);
        Rows = rows.Select(r =>
        {
            var issuedOn = DateOnly.FromDateTime(clock.ToLocal(r.IssuedAt));
            return new Row(r.Id, r.Number, r.CustomerName, r.IssuedAt, r.Status, r.Total, r.Total - r.PaidTotal,
                Ageing.DaysOutstanding(issuedOn, Today), Ageing.BucketOf(issuedOn, Today));
        }).ToList();
    }

    private static async Task<BucketTotal> TotalAsync(AgeingBucket bucket, IQueryable<Invoice> invoices, CancellationToken cancellationToken)
    {
        var sums = await invoices
            .GroupBy(i => 1)
            .Select(g => new { Count = g.Count(), Total = g.Sum(i => i.Total), Paid = g.Sum(i => i.PaidTotal) })
            .FirstOrDefaultAsync(cancellationToken);
        return sums is null ? new BucketTotal(bucket, 0, 0m) : new BucketTotal(bucket, sums.Count, sums.Total - sums.Paid);
    }

    public sealed record BucketTotal(AgeingBucket Bucket, int Count, decimal Balance);

    public sealed record Row(
        int Id, string Number, string CustomerName, DateTime IssuedAt, InvoiceStatus Status, decimal Total, decimal Balance, int Days, AgeingBucket Bucket);
}
