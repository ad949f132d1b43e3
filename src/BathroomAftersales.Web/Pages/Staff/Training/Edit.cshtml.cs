using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Training;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Staff.Training;

/// <summary>Plans a training event, or edits a planned one (times are entered in local time, stored in UTC).</summary>
public sealed class EditModel(AppDbContext db, LocalClock clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public EventInput Input { get; set; } = new();

    public bool IsNew { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        IsNew = id is null;
        if (id is null)
        {
            Input = new EventInput { Capacity = 30, IdempotencyKey = Guid.NewGuid() };
            return Page();
        }

        var training = await db.TrainingEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (training is null)
        {
            return NotFound();
        }

        Input = new EventInput
        {
            Topic = training.Topic,
            Description = training.Description,
            StartsAt = clock.ToLocal(training.StartsAt),
            EndsAt = clock.ToLocal(training.EndsAt),
            Place = training.Place,
            OnlineLink = training.OnlineLink,
            Capacity = training.Capacity,
            Version = training.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        IsNew = id is null;
        try
        {
            if (Input.StartsAt is not { } start || Input.EndsAt is not { } end)
            {
                throw new DomainException("Training.TimesRequired", "Please give the start and end times.");
            }

            var now = clock.UtcNow;
            TrainingEvent training;
            if (id is null)
            {
                // The same form sent twice (a double click, a retry) lands on the event it already planned.
                if (await PlannedByThisFormAsync(cancellationToken) is { } planned)
                {
                    return RedirectToPage("./Details", new { id = planned });
                }

                training = TrainingEvent.Plan(
                    Input.Topic ?? string.Empty, Input.Description, clock.ToUtc(start), clock.ToUtc(end), Input.Place, Input.OnlineLink, Input.Capacity ?? 0, now,
                    Input.IdempotencyKey == Guid.Empty ? null : Input.IdempotencyKey);
                db.TrainingEvents.Add(training);
            }
            else
            {
                var found = await db.TrainingEvents.Include(e => e.Registrations).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
                if (found is null)
                {
                    return NotFound();
                }

                training = found;
                training.Edit(Input.Topic ?? string.Empty, Input.Description, clock.ToUtc(start), clock.ToUtc(end), Input.Place, Input.OnlineLink, Input.Capacity ?? 0, now);
                db.Entry(training).Property(e => e.Version).OriginalValue = Input.Version;
            }

            await db.SaveChangesAsync(cancellationToken);
            TempData.SetStatusMessage(localizer["Training event saved."]);
            return RedirectToPage("./Details", new { id = training.Id });
        }
        catch (DomainException exception)
        {
            ModelState.AddDomainError(exception, localizer);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, localizer["Someone changed this event after you opened the page. Nothing was saved; please reload and try again."]);
        }
        catch (DbUpdateException) when (id is null && Input.IdempotencyKey != Guid.Empty)
        {
            // Two posts of the same form at the same moment: the unique key let only the first one in.
            if (await PlannedByThisFormAsync(cancellationToken) is not { } planned)
            {
                throw;
            }

            return RedirectToPage("./Details", new { id = planned });
        }

        return Page();
    }

    private async Task<int?> PlannedByThisFormAsync(CancellationToken cancellationToken)
    {
        if (Input.IdempotencyKey == Guid.Empty)
        {
            return null;
        }

        db.ChangeTracker.Clear();
        return await db.TrainingEvents.AsNoTracking()
            .Where(e => e.IdempotencyKey == Input.IdempotencyKey)
            .Select(e => (int?)e.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public sealed class EventInput
    {
        public string? Topic { get; set; }

        public string? Description { get; set; }

        public DateTime? StartsAt { get; set; }

        public DateTime? EndsAt { get; set; }

        public string? Place { get; set; }

        public string? OnlineLink { get; set; }

        public int? Capacity { get; set; }

        public Guid Version { get; set; }

        /// <summary>A new event's form key; see <see cref="TrainingEvent.IdempotencyKey"/>.</summary>
        public Guid IdempotencyKey { get; set; }
    }
}
