using BathroomAftersales.Web.Infrastructure;
using BathroomAftersales.Web.Infrastructure.Surveys;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BathroomAftersales.Web.Pages.Survey;

/// <summary>
/// The personal survey link, anonymous (the token is the credential). A forged, altered, expired or answered link gets a
/// page that says so — the same message for a forged link and an unknown id, so the page reveals nothing about which ids
/// exist — and never an error.
/// </summary>
public sealed class IndexModel(SurveyTokens tokens, SurveyAnswering answering, IValidator<SurveyAnswerInput> validator) : PageModel
{
    [BindProperty]
    public SurveyAnswerInput Input { get; set; } = new();

    public SurveyInvitationView? Invitation { get; private set; }

    /// <summary>Why the link cannot be answered; null when the form is shown.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken cancellationToken)
    {
        await LoadAsync(token, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? token, CancellationToken cancellationToken)
    {
        var (id, nonce) = await LoadAsync(token, cancellationToken);
        if (Refusal is not null)
        {
            return Page();
        }

        ModelState.AddValidationErrors(await validator.ValidateAsync(Input, cancellationToken));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var refused = await answering.AnswerAsync(id, nonce, customerId: null, Input.ToAnswers(), cancellationToken);
        if (refused is not null)
        {
            Refusal = refused;
            return Page();
        }

        return RedirectToPage("/Survey/Thanks");
    }

    private async Task<(int Id, string Nonce)> LoadAsync(string? token, CancellationToken cancellationToken)
    {
        if (tokens.TryRead(token, out var id, out var nonce))
        {
            Invitation = await answering.FindAsync(id, nonce, customerId: null, cancellationToken);
        }

        Refusal = Invitation is null ? answering.Refusal(Domain.Surveys.InvitationCheck.Invalid) : answering.Refusal(Invitation.Check);
        return (id, nonce);
    }
}
