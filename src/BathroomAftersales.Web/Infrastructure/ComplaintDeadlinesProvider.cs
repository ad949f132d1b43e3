using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Infrastructure;

/// <summary>The complaint time limits in force: the Manager's settings row when there is one, else the contract's 24h / 7 days.</summary>
public sealed class ComplaintDeadlinesProvider(AppDbContext db)
{
    private ComplaintDeadlines? _current;

    public async Task<ComplaintDeadlines> CurrentAsync(CancellationToken cancellationToken = default) =>
        _current ??= await db.ComplaintSettings.AsNoTracking()
            .Where(s => s.Id == ComplaintSettings.SingletonId)
            .Select(s => new ComplaintDeadlines(s.AcknowledgeHours, s.ResolveDays))
            .FirstOrDefaultAsync(cancellationToken) ?? ComplaintDeadlines.Default;
}
