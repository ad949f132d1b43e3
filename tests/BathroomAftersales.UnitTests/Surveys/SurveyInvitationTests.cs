using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Surveys;
using BathroomAftersales.Web.Infrastructure.Surveys;
using Microsoft.AspNetCore.DataProtection;

namespace BathroomAftersales.UnitTests.Surveys;

public sealed class SurveyInvitationTests
{
    private static readonly DateTime OpensAt = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime ClosesAt = new(2027, 1, 30, 16, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime During = new(2026, 12, 10, 2, 0, 0, DateTimeKind.Utc);
    private static readonly SurveyAnswers GoodAnswers = new(5, 4, 5, 4, 9, "很好");

    private readonly SurveyTokens _tokens = new(new EphemeralDataProtectionProvider());

    [Fact]
    public void A_genuine_token_reads_back_its_invitation_and_nonce()
    {
        var invitation = Invitation();
        var token = _tokens.Create(42, invitation.TokenNonce);

        Assert.True(_tokens.TryRead(token, out var id, out var nonce));
        Assert.Equal(42, id);
        Assert.Equal(InvitationCheck.Valid, invitation.Check(nonce, OpensAt, During));
    }

    [Fact]
    public void An_altered_token_is_refused()
    {
        var token = _tokens.Create(42, SurveyTokens.NewNonce());
        var altered = (token[^2] == 'A' ? token[..^2] + "B" : token[..^2] + "A") + token[^1];

        Assert.False(_tokens.TryRead(altered, out _, out _));
        Assert.False(_tokens.TryRead("not a token", out _, out _));
        Assert.False(_tokens.TryRead(string.Empty, out _, out _));
    }

    [Fact]
    public void A_token_signed_by_another_key_ring_is_refused()
    {
        var forged = new SurveyTokens(new EphemeralDataProtectionProvider()).Create(42, SurveyTokens.NewNonce());

        Assert.False(_tokens.TryRead(forged, out _, out _));
    }

    [Fact]
    public void A_nonce_that_is_not_the_invitations_is_refused()
    {
        Assert.Equal(InvitationCheck.Invalid, Invitation().Check(SurveyTokens.NewNonce(), OpensAt, During));
    }

    [Fact]
    public void A_link_is_refused_from_the_moment_the_campaign_closes()
    {
        var invitation = Invitation();

        Assert.Equal(InvitationCheck.Valid, invitation.Check(invitation.TokenNonce, OpensAt, ClosesAt.AddSeconds(-1)));
        Assert.Equal(InvitationCheck.Expired, invitation.Check(invitation.TokenNonce, OpensAt, ClosesAt));
        var exception = Assert.Throws<DomainException>(() => invitation.Answer(invitation.TokenNonce, OpensAt, GoodAnswers, ClosesAt.AddHours(1)));
        Assert.Equal("This survey has closed.", exception.Message);
    }

    [Fact]
    public void An_answered_invitation_refuses_a_second_answer()
    {
        var invitation = Invitation();
        var response = invitation.Answer(invitation.TokenNonce, OpensAt, GoodAnswers, During);

        Assert.Equal(9, response.Recommend);
        Assert.Equal(InvitationCheck.Answered, invitation.Check(invitation.TokenNonce, OpensAt, During.AddMinutes(1)));
        var exception = Assert.Throws<DomainException>(() => invitation.Answer(invitation.TokenNonce, OpensAt, GoodAnswers, During.AddMinutes(1)));
        Assert.Equal("This survey has already been answered. Thank you!", exception.Message);
    }

    [Fact]
    public void A_link_before_the_campaign_opens_is_not_answerable_yet() =>
        Assert.Equal(InvitationCheck.NotOpenYet, Invitation().Check(null, OpensAt, OpensAt.AddMinutes(-1)));

    [Theory]
    [InlineData(0, 5, 10)]
    [InlineData(6, 5, 10)]
    [InlineData(5, 5, 11)]
    [InlineData(5, 5, -1)]
    public void Answers_out_of_range_are_refused_and_the_invitation_stays_open(int overall, int quality, int recommend)
    {
        var invitation = Invitation();

        Assert.Throws<DomainException>(() => invitation.Answer(null, OpensAt, new SurveyAnswers(overall, 3, 3, quality, recommend, null), During));
        Assert.Null(invitation.AnsweredAt);
    }

    [Fact]
    public void A_campaign_must_close_after_it_opens()
    {
        var exception = Assert.Throws<DomainException>(() =>
            new SurveyCampaign(new Quarter(2026, 4), "满意度调查", SurveyAudience.ServedInQuarter, OpensAt, OpensAt, "manager", During));
        Assert.Equal("The survey must close after it opens.", exception.Message);
    }

    private static SurveyInvitation Invitation()
    {
        var campaign = new SurveyCampaign(new Quarter(2026, 4), "2026年第四季度满意度调查", SurveyAudience.ServedInQuarter, OpensAt, ClosesAt, "manager", OpensAt);

        // The id is the database's; a saved campaign is what invites.
        typeof(SurveyCampaign).GetProperty(nameof(SurveyCampaign.Id))!.SetValue(campaign, 7);
        return campaign.Invite(customerId: 3, SurveyTokens.NewNonce(), OpensAt);
    }
}
