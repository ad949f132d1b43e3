using BathroomAftersales.Web.Infrastructure;
using BathroomAftersales.Web.Infrastructure.Surveys;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Portal.Surveys;

/// <summary>Answering one of my invitations while signed in: no token, the invitation must be mine (else 404).</summary>
public sealed class AnswerModel(
    CurrentCustomer currentCustomer,
    SurveyAnswering answering,
    IValidator<SurveyAnswerInput> validator,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public SurveyAnswerInput Input { get; set; } = new();

    public SurveyInvitationView Invitation { get; private set; } = null!;

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Refusal is not null)
        {
            return Page();
        }

        ModelState.AddValidationErrors(await validator.ValidateAsync(Input, cancellationToken));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);
        Refusal = await answering.AnswerAsync(id, nonce: null, customerId, Input.ToAnswers(), cancellationToken);
        if (Refusal is not null)
        {
            return Page();
        }

        TempData.SetStatusMessage(localizer["Your answers have been received. Thank you for helping us improve our service."]);
        return RedirectToPage("/Portal/Surveys/Index");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);
        if (await answering.FindAsync(id, nonce: null, customerId, cancellationToken) is not { } invitation)
        {
            return false;
        }

        Invitation = invitation;
        Refusal = answering.Refusal(invitation.Check);
        return true;
    }
}
