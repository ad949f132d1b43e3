using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.Surveys;

/// <summary>The quarterly satisfaction survey (clauses 2.2(2), 4.2(2)): one campaign per quarter.</summary>
public sealed class SurveyCampaign
{
    public const int TitleMaxLength = 200;
    public const int OpenedByMaxLength = 100;

    /// <summary>Answers are accepted this long after the quarter ends unless the Manager chooses otherwise.</summary>
    public const int DefaultDaysAfterQuarter = 30;

    private SurveyCampaign()
    {
        Quarter = string.Empty;
        Title = string.Empty;
        OpenedBy = string.Empty;
    }

    public SurveyCampaign(Quarter quarter, string title, SurveyAudience audience, DateTime opensAt, DateTime closesAt, string openedBy, DateTime nowUtc)
    {
        Quarter = quarter.ToString();
        Title = Guard.Required(title, nameof(Title), TitleMaxLength);
        Audience = audience;
        OpensAt = Guard.Utc(opensAt, nameof(opensAt));
        ClosesAt = Guard.Utc(closesAt, nameof(closesAt));
        if (ClosesAt <= OpensAt)
        {
            throw new DomainException("Survey.CloseBeforeOpen", "The survey must close after it opens.");
        }

        if (ClosesAt <= nowUtc)
        {
            throw new DomainException("Survey.ClosedAlready", "The closing time has already passed.");
        }

        OpenedBy = openedBy.Length > OpenedByMaxLength ? openedBy[..OpenedByMaxLength] : openedBy;
        CreatedAt = Guard.Utc(nowUtc, nameof(nowUtc));
    }

    public int Id { get; private set; }

    /// <summary>"2026-Q4"; unique.</summary>
    public string Quarter { get; private set; }

    public string Title { get; private set; }

    public SurveyAudience Audience { get; private set; }

    public DateTime OpensAt { get; private set; }

    /// <summary>Invitations expire at this time.</summary>
    public DateTime ClosesAt { get; private set; }

    public string OpenedBy { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public int InvitedCount { get; private set; }

    /// <summary>The default closing time: local midnight after the quarter's last day, plus 30 days.</summary>
    public static DateTime DefaultClosesAt(Quarter quarter, TimeZoneInfo zone) =>
        quarter.EndUtc(zone).AddDays(DefaultDaysAfterQuarter);

    /// <summary>Creates the invitation of one customer; the nonce is the random half of its personal link.</summary>
    public SurveyInvitation Invite(int customerId, string tokenNonce, DateTime nowUtc)
    {
        if (Id == 0)
        {
            throw new InvalidOperationException("Save the campaign before inviting.");
        }

        InvitedCount++;
        return new SurveyInvitation(Id, customerId, tokenNonce, ClosesAt, nowUtc);
    }
}
