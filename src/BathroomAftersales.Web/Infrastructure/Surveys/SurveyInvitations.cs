using System.Globalization;
using BathroomAftersales.Domain.Notifications;
using BathroomAftersales.Domain.Surveys;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Infrastructure.Surveys;

/// <summary>
/// Opens a campaign: one invitation per customer of its audience, written in batches, each with its message queued —
/// an email with the personal link (when the customer has an address) and an in-app notification pointing at the portal
/// (when the customer has an account). Everything happens in one transaction: a campaign is never half-opened.
/// Only reachable customers (a portal account or an email) are invited in either audience: an invitation nobody can
/// receive would only lower the response rate.
/// </summary>
public sealed class SurveyInvitations(
    AppDbContext db,
    SurveyTokens tokens,
    LocalClock clock,
    IStringLocalizer<SharedResource> localizer,
    IConfiguration configuration)
{
    public const int BatchSize = 500;

    /// <summary>The link a signed-in customer follows (no token: the portal checks the account).</summary>
    public static string PortalPath(int invitationId) =>
        string.Create(CultureInfo.InvariantCulture, $"/Portal/Surveys/Answer/{invitationId}");

    /// <summary>
    /// Saves a campaign made by <paramref name="newCampaign"/> and its invitations; returns the saved campaign (its
    /// <see cref="SurveyCampaign.InvitedCount"/> says how many customers were invited). The campaign is made anew for each
    /// attempt: a retry after a transient fault must not reuse one that already holds a key and a count from the
    /// rolled-back attempt.
    /// </summary>
    public Task<SurveyCampaign> OpenAsync(Func<SurveyCampaign> newCampaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newCampaign);
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var campaign = newCampaign();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.SurveyCampaigns.Add(campaign);
            await db.SaveChangesAsync(cancellationToken);

            var lastId = 0;
            while (true)
            {
                var batch = await Audience(campaign)
                    .Where(c => c.Id > lastId)
                    .OrderBy(c => c.Id)
                    .Take(BatchSize)
                    .Select(c => new Recipient(c.Id, c.Email, c.UserId))
                    .ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }

                await InviteBatchAsync(campaign, batch, cancellationToken);
                lastId = batch[^1].CustomerId;
            }

            db.Entry(campaign).Property(c => c.InvitedCount).IsModified = true;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return campaign;
        });
    }

    private IQueryable<Domain.Customers.Customer> Audience(SurveyCampaign campaign)
    {
        var reachable = db.Customers.AsNoTracking().Where(c => c.UserId != null || (c.Email != null && c.Email != string.Empty));
        if (campaign.Audience == SurveyAudience.AllActiveCustomers)
        {
            return reachable;
        }

        var quarter = Quarter.Parse(campaign.Quarter);
        var start = quarter.StartUtc(clock.TimeZone);
        var end = quarter.EndUtc(clock.TimeZone);
        return reachable.Where(c => db.ServiceRequests.Any(r => r.CustomerId == c.Id && r.CompletedAt >= start && r.CompletedAt < end));
    }

    private async Task InviteBatchAsync(SurveyCampaign campaign, List<Recipient> batch, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var invitations = batch.Select(r => (Recipient: r, Invitation: campaign.Invite(r.CustomerId, SurveyTokens.NewNonce(), now))).ToList();
        db.SurveyInvitations.AddRange(invitations.Select(i => i.Invitation));
        await db.SaveChangesAsync(cancellationToken);

        var (subject, intro) = Notifier.Localize(() => (
            localizer["Satisfaction survey {0}: {1}", campaign.Quarter, campaign.Title].Value,
            localizer["Please tell us how we did this quarter: five short questions. The survey is open until {0} (Beijing time).", clock.Format(campaign.ClosesAt)].Value));
        foreach (var (recipient, invitation) in invitations)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"SurveyInvitation:{invitation.Id}");
            if (!string.IsNullOrWhiteSpace(recipient.Email))
            {
                var link = AbsoluteUrl("/Survey/" + tokens.Create(invitation.Id, invitation.TokenNonce));
                db.OutboxMessages.Add(new OutboxMessage("SurveyInvitation", recipient.Email, subject, $"{intro}\n\n{link}", key, now));
            }

            if (recipient.UserId is not null)
            {
                db.Notifications.Add(new Notification(recipient.UserId, subject, intro, PortalPath(invitation.Id), now));
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        // Batches leave nothing behind in the change tracker, so a large audience costs the same per batch.
        db.ChangeTracker.Clear();
        db.Attach(campaign);
    }

    private string AbsoluteUrl(string path)
    {
        var baseUrl = configuration["App:PublicUrl"];
        return string.IsNullOrWhiteSpace(baseUrl) ? path : baseUrl.TrimEnd('/') + path;
    }

    private sealed record Recipient(int CustomerId, string? Email, string? UserId);
}
