using BathroomAftersales.Domain.Catalog;

using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Infrastructure;

/// <summary>The database side of <see cref="FeeSchedule"/>: the entry in force on a day, read with one small query.</summary>
public static class FeeScheduleQueries
{
    public static Task<FeeScheduleEntry?> PriceOnAsync(
        this IQueryable<FeeScheduleEntry> entries, FeeKind kind, DateOnly day, CancellationToken cancellationToken = default) =>
        entries.AsNoTracking()
            .Where(e => e.Kind == kind && e.EffectiveFrom <= day)
            .OrderByDescending(e => e.EffectiveFrom)
            .FirstOrDefaultAsync(cancellationToken);
}
