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
            Input = new EventInput { Capacity = 30 };
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
                training = TrainingEvent.Plan(Input.Topic ?? string.Empty, Input.Description, clock.ToUtc(start), clock.ToUtc(end), Input.Place, Input.OnlineLink, Input.Capacity ?? 0, now);
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

        return Page();
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
    }
}
