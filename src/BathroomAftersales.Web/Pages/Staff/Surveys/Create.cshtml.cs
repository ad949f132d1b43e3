using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Surveys;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using BathroomAftersales.Web.Infrastructure.Surveys;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Staff.Surveys;

/// <summary>
/// Opening the campaign of a quarter (Manager): one per quarter. Opening invites the audience at once (in batches, in one
/// transaction) and queues every invitation's messages; the details page then shows how many were invited.
/// </summary>
public sealed class CreateModel(
    AppDbContext db,
    LocalClock clock,
    SurveyInvitations invitations,
    IValidator<CreateModel.InputModel> validator,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
        var quarter = Quarter.Containing(clock.UtcNow, clock.TimeZone);
        Input = new InputModel
        {
            Quarter = quarter.ToString(),
            Title = localizer["Customer satisfaction survey {0}", quarter.ToString()],
            OpensAt = clock.ToLocal(clock.UtcNow).Date,
            Audience = SurveyAudience.ServedInQuarter,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.AddValidationErrors(await validator.ValidateAsync(Input, cancellationToken));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var quarter = Quarter.Parse(Input.Quarter);
        var text = quarter.ToString();
        if (await db.SurveyCampaigns.AnyAsync(c => c.Quarter == text, cancellationToken))
        {
            ModelState.AddModelError("Input.Quarter", localizer["A campaign for {0} has already been opened.", text]);
            return Page();
        }

        var opensAt = clock.ToUtc(Input.OpensAt!.Value);
        var closesAt = Input.ClosesAt is { } closes ? clock.ToUtc(closes) : SurveyCampaign.DefaultClosesAt(quarter, clock.TimeZone);
        var now = clock.UtcNow;
        var openedBy = User.Identity?.Name ?? string.Empty;
        SurveyCampaign NewCampaign() => new(quarter, Input.Title!, Input.Audience, opensAt, closesAt, openedBy, now);
        try
        {
            // Checked once here for the message; each attempt of the save makes its own (see SurveyInvitations.OpenAsync).
            _ = NewCampaign();
        }
        catch (DomainException exception)
        {
            ModelState.AddDomainError(exception, localizer);
            return Page();
        }

        SurveyCampaign campaign;
        try
        {
            campaign = await invitations.OpenAsync(NewCampaign, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another Manager opened the same quarter a moment ago: the unique index refused this one, nothing was kept.
            db.ChangeTracker.Clear();
            ModelState.AddModelError("Input.Quarter", localizer["A campaign for {0} has already been opened.", text]);
            return Page();
        }

        TempData.SetStatusMessage(localizer["The campaign is open: {0} customers invited.", campaign.InvitedCount]);
        return RedirectToPage("/Staff/Surveys/Details", new { id = campaign.Id });
    }

    public sealed class InputModel
    {
        public string? Quarter { get; set; }

        public string? Title { get; set; }

        /// <summary>Local time (Asia/Shanghai), as typed.</summary>
        public DateTime? OpensAt { get; set; }

        /// <summary>Local time; empty for the default: 30 days after the quarter ends.</summary>
        public DateTime? ClosesAt { get; set; }

        public SurveyAudience Audience { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> localizer)
        {
            RuleFor(x => x.Quarter)
                .Must(q => Domain.Surveys.Quarter.TryParse(q, out _))
                .WithMessage(_ => localizer["Please enter a quarter like 2026-Q4."]);
            RuleFor(x => x.Title)
                .NotEmpty().WithMessage(_ => localizer["Please enter a title."])
                .MaximumLength(SurveyCampaign.TitleMaxLength).WithMessage(_ => localizer["The title can have at most {0} characters.", SurveyCampaign.TitleMaxLength]);
            RuleFor(x => x.OpensAt).NotNull().WithMessage(_ => localizer["Please enter when the survey opens."]);
            RuleFor(x => x.ClosesAt)
                .GreaterThan(x => x.OpensAt)
                .When(x => x.OpensAt is not null && x.ClosesAt is not null)
                .WithMessage(_ => localizer["The survey must close after it opens."]);
            RuleFor(x => x.Audience).IsInEnum().WithMessage(_ => localizer["Please choose who is invited."]);
        }
    }
}
