using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Training;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Portal.Training;

/// <summary>
/// Training for customers (clause 2.2(5)): the upcoming events with the seats left, and my registrations. Registering
/// saves the event under its concurrency token, so two customers taking the last seat at once cannot both get it: the
/// second save is refused, read again and then finds the event full.
/// </summary>
public sealed class IndexModel(AppDbContext db, CurrentCustomer currentCustomer, LocalClock clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int UpcomingSize = 50;
    public const int MaxAttempts = 3;

    public IReadOnlyList<EventRow> Upcoming { get; private set; } = [];

    public IReadOnlyList<RegistrationRow> Mine { get; private set; } = [];

    public DateTime NowUtc { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRegisterAsync(int eventId, CancellationToken cancellationToken)
    {
        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var training = await db.TrainingEvents.Include(e => e.Registrations).FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken);
            if (training is null)
            {
                return NotFound();
            }

            try
            {
                training.Register(customerId, clock.UtcNow);
                db.Entry(training).Property(e => e.Version).IsModified = true;
                await db.SaveChangesAsync(cancellationToken);
                TempData.SetStatusMessage(localizer["You are registered for {0}.", training.Topic]);
                return RedirectToPage();
            }
            catch (DomainException exception)
            {
                return await RedisplayAsync(localizer.Localize(exception), cancellationToken);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Someone else registered or cancelled meanwhile (or took the same seat twice): read again and retry.
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException)
            {
                return await RedisplayAsync(localizer["Many people are registering right now. Please try again."], cancellationToken);
            }
        }
    }

    public async Task<IActionResult> OnPostCancelAsync(int registrationId, CancellationToken cancellationToken)
    {
        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);
        var eventId = await db.TrainingRegistrations.AsNoTracking()
            .Where(r => r.Id == registrationId && r.CustomerId == customerId && r.CancelledAt == null)
            .Select(r => (int?)r.TrainingEventId)
            .FirstOrDefaultAsync(cancellationToken);
        if (eventId is null)
        {
            return NotFound();
        }

        var training = await db.TrainingEvents.Include(e => e.Registrations).FirstAsync(e => e.Id == eventId, cancellationToken);
        try
        {
            training.CancelRegistration(customerId, clock.UtcNow);
            db.Entry(training).Property(e => e.Version).IsModified = true;
            await db.SaveChangesAsync(cancellationToken);
            TempData.SetStatusMessage(localizer["Your registration for {0} is cancelled.", training.Topic]);
            return RedirectToPage();
        }
        catch (DomainException exception)
        {
            return await RedisplayAsync(localizer.Localize(exception), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await RedisplayAsync(localizer["The event changed while you were cancelling. Please try again."], cancellationToken);
        }
    }

    private async Task<IActionResult> RedisplayAsync(string error, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        ModelState.AddModelError(string.Empty, error);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);
        var now = clock.UtcNow;
        NowUtc = now;
        Upcoming = await db.TrainingEvents.AsNoTracking()
            .Where(e => e.Status == TrainingEventStatus.Planned && e.StartsAt > now)
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id)
            .Select(e => new EventRow(
                e.Id, e.Topic, e.Description, e.StartsAt, e.EndsAt, e.Place, e.OnlineLink, e.Capacity,
                db.TrainingRegistrations.Count(r => r.TrainingEventId == e.Id && r.CancelledAt == null),
                db.TrainingRegistrations.Any(r => r.TrainingEventId == e.Id && r.CustomerId == customerId && r.CancelledAt == null)))
            .Take(UpcomingSize)
            .ToListAsync(cancellationToken);
        Mine = await (
                from r in db.TrainingRegistrations.AsNoTracking()
                join e in db.TrainingEvents on r.TrainingEventId equals e.Id
                where r.CustomerId == customerId && r.CancelledAt == null
                orderby e.StartsAt descending, r.Id descending
                select new RegistrationRow(r.Id, e.Topic, e.StartsAt, e.EndsAt, e.Place, e.OnlineLink, e.Status, r.Attended))
            .Take(UpcomingSize)
            .ToListAsync(cancellationToken);
    }

    public sealed record EventRow(
        int Id, string Topic, string? Description, DateTime StartsAt, DateTime EndsAt, string? Place, string? OnlineLink, int Capacity, int Registered, bool IsMine)
    {
        public int SeatsLeft => Math.Max(0, Capacity - Registered);
    }

    public sealed record RegistrationRow(
        int Id, string Topic, DateTime StartsAt, DateTime EndsAt, string? Place, string? OnlineLink, TrainingEventStatus Status, bool Attended);
}
