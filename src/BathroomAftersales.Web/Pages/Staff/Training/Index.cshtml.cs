using BathroomAftersales.Domain.Training;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Staff.Training;

/// <summary>
/// Training events: the upcoming ones soonest first, or (<see cref="Past"/>) the started ones latest first, paged by
/// keyset on (StartsAt, Id); above the list, this year's held events against the contract's target (clause 4.2(3)).
/// </summary>
public sealed class IndexModel(AppDbContext db, LocalClock clock) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public bool Past { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public bool IsFirstPage => string.IsNullOrEmpty(After);

    public int Year { get; private set; }

    public int HeldThisYear { get; private set; }

    public bool TargetMet => TrainingTarget.IsMet(HeldThisYear);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        Year = clock.Today.Year;
        var (yearStart, yearEnd) = TrainingTarget.YearBounds(Year, clock.TimeZone);
        HeldThisYear = await db.TrainingEvents.CountAsync(
            e => e.Status == TrainingEventStatus.Held && e.StartsAt >= yearStart && e.StartsAt < yearEnd, cancellationToken);

        var query = db.TrainingEvents.AsNoTracking().Where(e => Past ? e.StartsAt < now : e.StartsAt >= now);
        if (!string.IsNullOrEmpty(After))
        {
            if (!KeysetCursor.TryParse(After, out var at, out var lastId))
            {
                return BadRequest();
            }

            query = Past
                ? query.Where(e => e.StartsAt < at || (e.StartsAt == at && e.Id < lastId))
                : query.Where(e => e.StartsAt > at || (e.StartsAt == at && e.Id > lastId));
        }

        query = Past ? query.OrderByDescending(e => e.StartsAt).ThenByDescending(e => e.Id) : query.OrderBy(e => e.StartsAt).ThenBy(e => e.Id);
        var page = await query
            .Select(e => new Row(
                e.Id, e.Topic, e.StartsAt, e.EndsAt, e.Place, e.OnlineLink, e.Capacity, e.Status,
                db.TrainingRegistrations.Count(r => r.TrainingEventId == e.Id && r.CancelledAt == null)))
            .Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        Rows = page.Take(PageSize).ToList();
        NextCursor = page.Count > PageSize ? KeysetCursor.Format(Rows[^1].StartsAt, Rows[^1].Id) : null;
        return Page();
    }

    public sealed record Row(
        int Id, string Topic, DateTime StartsAt, DateTime EndsAt, string? Place, string? OnlineLink, int Capacity, TrainingEventStatus Status, int Registered);
}
