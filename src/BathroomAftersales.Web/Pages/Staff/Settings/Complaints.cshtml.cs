using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Staff.Settings;

/// <summary>
/// Complaint time limits (Manager): hours to acknowledge, days to resolve. They apply to complaints received (or
/// disputed) from now on; a second Manager saving meanwhile is told rather than overwritten (Version).
/// </summary>
public sealed class ComplaintsModel(
    AppDbContext db,
    LocalClock clock,
    IValidator<ComplaintsModel.InputModel> validator,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? UpdatedBy { get; private set; }

    public DateTime? UpdatedAt { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ShowCurrentAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.AddValidationErrors(await validator.ValidateAsync(Input, cancellationToken));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.UtcNow;
        var deadlines = new ComplaintDeadlines(Input.AcknowledgeHours, Input.ResolveDays);
        var settings = await db.ComplaintSettings.FirstOrDefaultAsync(s => s.Id == ComplaintSettings.SingletonId, cancellationToken);
        try
        {
            if (settings is null)
            {
                if (Input.Version != Guid.Empty)
                {
                    return await ConflictAsync(cancellationToken);
                }

                db.ComplaintSettings.Add(new ComplaintSettings(deadlines, User.Identity?.Name, now));
            }
            else
            {
                settings.Apply(deadlines, User.Identity?.Name, now);
                db.Entry(settings).Property(s => s.Version).OriginalValue = Input.Version;
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException exception)
        {
            ModelState.AddDomainError(exception, localizer);
            return Page();
        }
        catch (DbUpdateException)
        {
            return await ConflictAsync(cancellationToken);
        }

        TempData.SetStatusMessage(localizer["The complaint time limits have been saved. They apply to complaints received from now on."]);
        return RedirectToPage();
    }

    private async Task<IActionResult> ConflictAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await ShowCurrentAsync(cancellationToken);
        ModelState.AddModelError(string.Empty, localizer["This record was changed meanwhile. Please review and save again."]);
        return Page();
    }

    private async Task ShowCurrentAsync(CancellationToken cancellationToken)
    {
        var settings = await db.ComplaintSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == ComplaintSettings.SingletonId, cancellationToken);
        var deadlines = settings?.ToDeadlines() ?? ComplaintDeadlines.Default;
        Input = new InputModel { AcknowledgeHours = deadlines.AcknowledgeHours, ResolveDays = deadlines.ResolveDays, Version = settings?.Version ?? Guid.Empty };
        ModelState.Clear();
        UpdatedBy = settings?.UpdatedBy;
        UpdatedAt = settings?.UpdatedAt;
    }

    public sealed class InputModel
    {
        public int AcknowledgeHours { get; set; }

        public int ResolveDays { get; set; }

        public Guid Version { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> localizer)
        {
            RuleFor(x => x.AcknowledgeHours).InclusiveBetween(1, ComplaintSettings.MaxAcknowledgeHours)
                .WithMessage(_ => localizer["Please enter a number of hours between 1 and {0}.", ComplaintSettings.MaxAcknowledgeHours]);
            RuleFor(x => x.ResolveDays).InclusiveBetween(1, ComplaintSettings.MaxResolveDays)
                .WithMessage(_ => localizer["Please enter a number of days between 1 and {0}.", ComplaintSettings.MaxResolveDays]);
        }
    }
}
