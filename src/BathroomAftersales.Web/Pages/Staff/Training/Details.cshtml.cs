using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Training;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Staff.Training;

/// <summary>
/// One training event: who registered, attendance (once it has started), cancel (while planned) and mark held (after it
/// ends). Every form carries the version it was rendered from, so a change made meanwhile is never overwritten.
/// </summary>
public sealed class DetailsModel(AppDbContext db, LocalClock clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public Guid Version { get; set; }

    [BindProperty]
    public List<int> Attended { get; set; } = [];

    public TrainingEvent Item { get; private set; } = null!;

    public IReadOnlyList<RegistrationRow> Registrations { get; private set; } = [];

    public DateTime NowUtc { get; private set; }

    public bool CanEdit => Item.Status == TrainingEventStatus.Planned && NowUtc < Item.StartsAt;

    public bool CanCancel => Item.Status == TrainingEventStatus.Planned;

    public bool CanMarkAttendance => Item.Status != TrainingEventStatus.Cancelled && NowUtc >= Item.StartsAt;

    public bool CanMarkHeld => Item.Status == TrainingEventStatus.Planned && NowUtc >= Item.EndsAt;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostCancelAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, (training, now) =>
        {
            training.Cancel(now);
            return localizer["The training event has been cancelled."];
        }, cancellationToken);

    public Task<IActionResult> OnPostAttendanceAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, (training, now) =>
        {
            training.MarkAttendance(Attended, now);
            return localizer["Attendance saved."];
        }, cancellationToken);

    public Task<IActionResult> OnPostHeldAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, (training, now) =>
        {
            training.MarkHeld(now);
            return localizer["The training event is marked as held."];
        }, cancellationToken);

    private async Task<IActionResult> ActAsync(int id, Func<TrainingEvent, DateTime, string> apply, CancellationToken cancellationToken)
    {
        var training = await db.TrainingEvents.Include(e => e.Registrations).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (training is null)
        {
            return NotFound();
        }

        string error;
        try
        {
            if (training.Version != Version)
            {
                throw new DbUpdateConcurrencyException();
            }

            var message = apply(training, clock.UtcNow);
            db.Entry(training).Property(e => e.Version).IsModified = true;
            db.Entry(training).Property(e => e.Version).OriginalValue = Version;
            await db.SaveChangesAsync(cancellationToken);
            TempData.SetStatusMessage(message);
            return RedirectToPage(new { id });
        }
        catch (DomainException exception)
        {
            error = localizer.Localize(exception);
        }
        catch (DbUpdateConcurrencyException)
        {
            error = localizer["Someone changed this event after you opened the page. Nothing was saved; please check and try again."];
        }

        db.ChangeTracker.Clear();
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, error);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var training = await db.TrainingEvents.AsNoTracking().Include(e => e.Registrations).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (training is null)
        {
            return false;
        }

        Item = training;
        Version = training.Version;
        NowUtc = clock.UtcNow;
        Registrations = await (
                from r in db.TrainingRegistrations.AsNoTracking()
                join c in db.Customers on r.CustomerId equals c.Id
                where r.TrainingEventId == id && r.CancelledAt == null
                orderby r.RegisteredAt, r.Id
                select new RegistrationRow(r.Id, c.Name, c.Mobile, r.RegisteredAt, r.Attended))
            .ToListAsync(cancellationToken);
        return true;
    }

    public sealed record RegistrationRow(int Id, string CustomerName, string? Mobile, DateTime RegisteredAt, bool Attended);
}
