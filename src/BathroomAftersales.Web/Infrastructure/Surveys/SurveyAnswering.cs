using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Surveys;
using BathroomAftersales.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Infrastructure.Surveys;

/// <summary>An invitation as the survey form shows it, and whether it can still be answered.</summary>
public sealed record SurveyInvitationView(int InvitationId, string Quarter, string Title, DateTime ClosesAt, InvitationCheck Check);

/// <summary>
/// Loads and answers an invitation, for the personal link (nonce from the token) and for the portal (the signed-in
/// customer's own invitation, no nonce). One response per invitation: the entity refuses a second one, and the unique
/// index on the response's invitation refuses a second one saved at the same moment.
/// </summary>
public sealed class SurveyAnswering(AppDbContext db, LocalClock clock, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Null when there is no such invitation (or, with a customer id, not one of theirs).</summary>
    public async Task<SurveyInvitationView?> FindAsync(int invitationId, string? nonce, int? customerId, CancellationToken cancellationToken)
    {
        var row = await Query(invitationId, customerId).AsNoTracking()
            .Join(db.SurveyCampaigns, i => i.CampaignId, c => c.Id, (i, c) => new { Invitation = i, c.Quarter, c.Title, c.OpensAt, c.ClosesAt })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null
            ? null
            : new SurveyInvitationView(row.Invitation.Id, row.Quarter, row.Title, row.ClosesAt, row.Invitation.Check(nonce, row.OpensAt, clock.UtcNow));
    }

    /// <summary>Saves the answers; returns null on success, else the reason (already localized) it was refused.</summary>
    public async Task<string?> AnswerAsync(int invitationId, string? nonce, int? customerId, SurveyAnswers answers, CancellationToken cancellationToken)
    {
        var invitation = await Query(invitationId, customerId).FirstOrDefaultAsync(cancellationToken);
        if (invitation is null)
        {
            return localizer["This survey link is not valid."].Value;
        }

        var opensAt = await db.SurveyCampaigns.Where(c => c.Id == invitation.CampaignId).Select(c => c.OpensAt).FirstAsync(cancellationToken);
        try
        {
            db.SurveyResponses.Add(invitation.Answer(nonce, opensAt, answers, clock.UtcNow));
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DomainException exception)
        {
            return localizer.Localize(exception);
        }
        catch (DbUpdateException)
        {
            // The same invitation answered at the same moment (a double tap, two devices): the first one counts.
            db.ChangeTracker.Clear();
            return localizer["This survey has already been answered. Thank you!"].Value;
        }
    }

    /// <summary>The message for a link that cannot be answered; null when it can.</summary>
    public string? Refusal(InvitationCheck check) => check switch
    {
        InvitationCheck.Valid => null,
        InvitationCheck.Answered => localizer["This survey has already been answered. Thank you!"].Value,
        InvitationCheck.Expired => localizer["This survey has closed."].Value,
        InvitationCheck.NotOpenYet => localizer["This survey is not open yet."].Value,
        _ => localizer["This survey link is not valid."].Value,
    };

    private IQueryable<SurveyInvitation> Query(int invitationId, int? customerId)
    {
        var query = db.SurveyInvitations.Where(i => i.Id == invitationId);
        return customerId is { } id ? query.Where(i => i.CustomerId == id) : query;
    }
}
