using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Staff.Settings;

/// <summary>
/// SLA targets (Manager). Due times are computed when a request is submitted, so a change applies to new requests only;
/// a second Manager saving the same form meanwhile is told rather than overwritten (Version).
/// </summary>
public sealed class ServiceLevelsModel(
    AppDbContext db,
    ServiceLevelPolicyProvider policies,
    LocalClock clock,
    IValidator<ServiceLevelsModel.InputModel> validator,
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
            await ShowMetadataAsync(cancellationToken);
            return Page();
        }

        var now = clock.UtcNow;
        var by = User.Identity?.Name;
        var settings = await db.ServiceLevelSettings.FirstOrDefaultAsync(s => s.Id == ServiceLevelSettings.SingletonId, cancellationToken);
        try
        {
            if (settings is null)
            {
                // The first save creates the row; a form opened while another Manager created it is stale.
                if (Input.Version != Guid.Empty)
                {
                    return await ConflictAsync(cancellationToken);
                }

                settings = new ServiceLevelSettings(Input.ToPolicy(), now);
                settings.Apply(Input.ToPolicy(), by, now);
                db.ServiceLevelSettings.Add(settings);
            }
            else
            {
                settings.Apply(Input.ToPolicy(), by, now);
                db.Entry(settings).Property(s => s.Version).OriginalValue = Input.Version;
            }
        }
        catch (DomainException exception)
        {
            ModelState.AddDomainError(exception, localizer);
            await ShowMetadataAsync(cancellationToken);
            return Page();
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrency conflict on the row, or two first saves racing for id 1.
            return await ConflictAsync(cancellationToken);
        }

        policies.Changed();

        TempData.SetStatusMessage(localizer["The service level targets have been saved. They apply to requests submitted from now on."]);
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
        var settings = await db.ServiceLevelSettings.AsNoTracking()
            .FirstOrDefaultAsync(s => s.Id == ServiceLevelSettings.SingletonId, cancellationToken);
        Input = InputModel.From(settings?.ToPolicy() ?? policies.Fallback, settings?.Version ?? Guid.Empty);
        ModelState.Clear();
        UpdatedBy = settings?.UpdatedBy;
        UpdatedAt = settings?.UpdatedAt;
    }

    private async Task ShowMetadataAsync(CancellationToken cancellationToken)
    {
        var settings = await db.ServiceLevelSettings.AsNoTracking()
            .Where(s => s.Id == ServiceLevelSettings.SingletonId)
            .Select(s => new { s.UpdatedBy, s.UpdatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        UpdatedBy = settings?.UpdatedBy;
        UpdatedAt = settings?.UpdatedAt;
    }

    public sealed class InputModel
    {
        public int ResponseHours { get; set; }

        public int EmergencyResponseHours { get; set; }

        public int EmergencyCompletionHours { get; set; }

        public int RepairCompletionHours { get; set; }

        public int PartsReplacementCompletionHours { get; set; }

        public int MaintenanceCompletionHours { get; set; }

        public int InstallationGuidanceCompletionHours { get; set; }

        public int UsageQuestionCompletionHours { get; set; }

        /// <summary>Empty while no Manager has saved the targets yet.</summary>
        public Guid Version { get; set; }

        public static InputModel From(ServiceLevelPolicy policy, Guid version) => new()
        {
            ResponseHours = policy.ResponseHours,
            EmergencyResponseHours = policy.EmergencyResponseHours,
            EmergencyCompletionHours = policy.EmergencyCompletionHours,
            RepairCompletionHours = policy.RepairCompletionHours,
            PartsReplacementCompletionHours = policy.PartsReplacementCompletionHours,
            MaintenanceCompletionHours = policy.MaintenanceCompletionHours,
            InstallationGuidanceCompletionHours = policy.InstallationGuidanceCompletionHours,
            UsageQuestionCompletionHours = policy.UsageQuestionCompletionHours,
            Version = version,
        };

        public ServiceLevelPolicy ToPolicy() => new()
        {
            ResponseHours = ResponseHours,
            EmergencyResponseHours = EmergencyResponseHours,
            EmergencyCompletionHours = EmergencyCompletionHours,
            RepairCompletionHours = RepairCompletionHours,
            PartsReplacementCompletionHours = PartsReplacementCompletionHours,
            MaintenanceCompletionHours = MaintenanceCompletionHours,
            InstallationGuidanceCompletionHours = InstallationGuidanceCompletionHours,
            UsageQuestionCompletionHours = UsageQuestionCompletionHours,
        };
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> localizer)
        {
            var max = ServiceLevelSettings.MaxHours;
            foreach (var hours in new System.Linq.Expressions.Expression<Func<InputModel, int>>[]
            {
                x => x.ResponseHours, x => x.EmergencyResponseHours, x => x.EmergencyCompletionHours, x => x.RepairCompletionHours,
                x => x.PartsReplacementCompletionHours, x => x.MaintenanceCompletionHours, x => x.InstallationGuidanceCompletionHours,
                x => x.UsageQuestionCompletionHours,
            })
            {
                RuleFor(hours).InclusiveBetween(1, max).WithMessage(_ => localizer["Please enter a number of hours between 1 and {0}.", max]);
            }

            RuleFor(x => x.EmergencyResponseHours)
                .LessThanOrEqualTo(x => x.ResponseHours)
                .When(x => x.ResponseHours is >= 1 and <= ServiceLevelSettings.MaxHours)
                .WithMessage(_ => localizer["The emergency response target cannot be longer than the normal one."]);
        }
    }
}
