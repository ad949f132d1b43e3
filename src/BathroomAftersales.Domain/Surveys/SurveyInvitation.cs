using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.Surveys;

/// <summary>What a personal survey link is worth right now.</summary>
public enum InvitationCheck
{
    Valid,

    /// <summary>Forged, altered, or not an invitation at all: the same answer, so nothing is revealed.</summary>
    Invalid,

    /// <summary>The campaign has not opened yet.</summary>
    NotOpenYet,

    Expired,

    Answered,
}

/// <summary>One customer invited to one campaign. Its personal link carries the id and the random <see cref="TokenNonce"/>.</summary>
public sealed class SurveyInvitation
{
    public const int NonceLength = 32;

    private SurveyInvitation()
    {
        TokenNonce = string.Empty;
    }

    internal SurveyInvitation(int campaignId, int customerId, string tokenNonce, DateTime expiresAt, DateTime nowUtc)
    {
        if (tokenNonce is not { Length: NonceLength })
        {
            throw new ArgumentException($"The nonce must have {NonceLength} characters.", nameof(tokenNonce));
        }

        CampaignId = campaignId;
        CustomerId = customerId;
        TokenNonce = tokenNonce;
        ExpiresAt = Guard.Utc(expiresAt, nameof(expiresAt));
        CreatedAt = Guard.Utc(nowUtc, nameof(nowUtc));
    }

    public int Id { get; private set; }

    public int CampaignId { get; private set; }

    public int CustomerId { get; private set; }

    /// <summary>Random, unique; a link whose nonce differs (an old or forged one) is refused.</summary>
    public string TokenNonce { get; private set; }

    /// <summary>The campaign's closing time, copied so a link is checked without another query.</summary>
    public DateTime ExpiresAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? AnsweredAt { get; private set; }

    /// <summary>Checks a link's nonce (null when the customer answers from the portal, signed in) against the clock.</summary>
    public InvitationCheck Check(string? nonce, DateTime opensAt, DateTime nowUtc)
    {
        if (nonce is not null && !FixedTimeEquals(nonce, TokenNonce))
        {
            return InvitationCheck.Invalid;
        }

        if (AnsweredAt is not null)
        {
            return InvitationCheck.Answered;
        }

        if (nowUtc >= ExpiresAt)
        {
            return InvitationCheck.Expired;
        }

        return nowUtc < opensAt ? InvitationCheck.NotOpenYet : InvitationCheck.Valid;
    }

    /// <summary>Records the answers; a second answer, a closed or a not yet open campaign is refused.</summary>
    public SurveyResponse Answer(string? nonce, DateTime opensAt, SurveyAnswers answers, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(answers);
        switch (Check(nonce, opensAt, nowUtc))
        {
            case InvitationCheck.Invalid:
                throw new DomainException("Survey.InvalidLink", "This survey link is not valid.");
            case InvitationCheck.Answered:
                throw new DomainException("Survey.Answered", "This survey has already been answered. Thank you!");
            case InvitationCheck.Expired:
                throw new DomainException("Survey.Expired", "This survey has closed.");
            case InvitationCheck.NotOpenYet:
                throw new DomainException("Survey.NotOpen", "This survey is not open yet.");
        }

        var response = new SurveyResponse(Id, CampaignId, answers, nowUtc);
        AnsweredAt = Guard.Utc(nowUtc, nameof(nowUtc));
        return response;
    }

    private static bool FixedTimeEquals(string a, string b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        var difference = 0;
        for (var i = 0; i < a.Length; i++)
        {
            difference |= a[i] ^ b[i];
        }

        return difference == 0;
    }
}
