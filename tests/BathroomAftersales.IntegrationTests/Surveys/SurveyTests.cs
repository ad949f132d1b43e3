using System.Net;
using BathroomAftersales.Domain.Surveys;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using BathroomAftersales.Web.Infrastructure.Surveys;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Surveys;

/// <summary>Quarterly satisfaction surveys over HTTP: opening a campaign, the personal link, the portal, the results.</summary>
public sealed class SurveyTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static readonly Dictionary<string, string?> GoodAnswers = new()
    {
        ["Input.Overall"] = "5",
        ["Input.Timeliness"] = "4",
        ["Input.Professionalism"] = "5",
        ["Input.Quality"] = "4",
        ["Input.Recommend"] = "10",
        ["Input.Comment"] = "师傅很专业",
    };

    [Fact]
    public async Task A_manager_opens_a_campaign_and_every_reachable_customer_is_invited_through_the_outbox()
    {
        using var manager = factory.CreateBrowser();
        await manager.SignInAsync(Accounts.Manager);

        var response = await manager.SubmitFormAsync("/Staff/Surveys/Create", new Dictionary<string, string?>
        {
            ["Input.Quarter"] = "2031-Q2",
            ["Input.Title"] = "2031年第二季度满意度调查",
            ["Input.Audience"] = nameof(SurveyAudience.AllActiveCustomers),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Staff/Surveys/Details/", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var (campaign, invitations, reachable, withEmail, withAccount, emails, notes) = await factory.QueryAsync(async db =>
        {
            var c = await db.SurveyCampaigns.SingleAsync(x => x.Quarter == "2031-Q2");
            return (
                c,
                await db.SurveyInvitations.CountAsync(i => i.CampaignId == c.Id),
                await db.Customers.CountAsync(x => x.UserId != null || (x.Email != null && x.Email != "")),
                await db.Customers.CountAsync(x => x.Email != null && x.Email != ""),
                await db.Customers.CountAsync(x => x.UserId != null),
                await db.OutboxMessages.CountAsync(m => m.Kind == "SurveyInvitation" && db.SurveyInvitations.Any(i => i.CampaignId == c.Id && m.DeduplicationKey == "SurveyInvitation:" + i.Id)),
                await db.Notifications.CountAsync(n => n.Link != null && n.Link.StartsWith("/Portal/Surveys/Answer/")));
        });
        Assert.True(invitations > 0);
        Assert.Equal(reachable, invitations);
        Assert.Equal(invitations, campaign.InvitedCount);
        Assert.Equal(withEmail, emails);
        Assert.True(notes >= withAccount);
        Assert.Equal(new DateTime(2031, 7, 30, 16, 0, 0, DateTimeKind.Utc), campaign.ClosesAt);

        var details = await manager.FollowRedirectAsync(response);
        var page = await details.ReadDocumentAsync();
        Assert.Equal(invitations.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("#invited")?.TextContent.Trim());
        Assert.Equal(factory.InChinese("No data"), page.QuerySelector("#nps")?.TextContent.Trim());

        // The same quarter again is refused with a message, nothing added.
        var again = await manager.SubmitFormAsync("/Staff/Surveys/Create", new Dictionary<string, string?> { ["Input.Quarter"] = "2031-q2" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(factory.InChinese("A campaign for {0} has already been opened.", "2031-Q2"), (await again.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(1, await factory.QueryAsync(db => db.SurveyCampaigns.CountAsync(c => c.Quarter == "2031-Q2")));
    }

    [Fact]
    public async Task The_link_from_the_email_is_answered_without_signing_in_and_the_response_is_stored()
    {
        var (invitationId, _) = await OpenCampaignAsync("2032-Q1", TimeSpan.FromDays(10));
        var link = await factory.QueryAsync(db => db.OutboxMessages
            .Where(m => m.DeduplicationKey == "SurveyInvitation:" + invitationId).Select(m => m.Body).SingleAsync());
        var path = link[link.IndexOf("/Survey/", StringComparison.Ordinal)..].Trim();
        using var anonymous = factory.CreateBrowser();

        var response = await anonymous.SubmitFormAsync(path, GoodAnswers);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Survey/Thanks", response.Headers.Location?.OriginalString);
        var stored = await factory.QueryAsync(db => db.SurveyResponses.SingleAsync(r => r.InvitationId == invitationId));
        Assert.Equal((5, 4, 5, 4, 10, "师傅很专业"), (stored.Overall, stored.Timeliness, stored.Professionalism, stored.Quality, stored.Recommend, stored.Comment));
        Assert.NotNull(await factory.QueryAsync(db => db.SurveyInvitations.Where(i => i.Id == invitationId).Select(i => i.AnsweredAt).SingleAsync()));

        // The manager sees it in the results, aggregated.
        using var manager = factory.CreateBrowser();
        await manager.SignInAsync(Accounts.Manager);
        var campaignId = await factory.QueryAsync(db => db.SurveyInvitations.Where(i => i.Id == invitationId).Select(i => i.CampaignId).SingleAsync());
        var (_, results) = await manager.GetPageAsync($"/Staff/Surveys/Details/{campaignId}");
        Assert.Equal("1", results.QuerySelector("#responses")?.TextContent.Trim());
        Assert.Equal("+100.0", results.QuerySelector("#nps")?.TextContent.Trim());
        Assert.Contains("师傅很专业", results.QuerySelector(".survey-comments")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_that_was_already_answered_is_refused()
    {
        var (invitationId, token) = await OpenCampaignAsync("2032-Q2", TimeSpan.FromDays(10));
        using var anonymous = factory.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.SubmitFormAsync($"/Survey/{token}", GoodAnswers)).StatusCode);
        var (_, form) = await anonymous.GetPageAsync($"/Survey/{token}");

        Assert.Equal(factory.InChinese("This survey has already been answered. Thank you!"), form.QuerySelector(".survey-refusal")?.TextContent.Trim());
        Assert.Null(form.QuerySelector("input[name='Input.Overall']"));
        Assert.Equal(1, await factory.QueryAsync(db => db.SurveyResponses.CountAsync(r => r.InvitationId == invitationId)));
    }

    [Fact]
    public async Task A_link_is_refused_once_the_campaign_has_closed()
    {
        var (invitationId, token) = await OpenCampaignAsync("2032-Q3", TimeSpan.FromHours(2));
        using var anonymous = factory.CreateBrowser();
        var (_, document) = await anonymous.GetPageAsync($"/Survey/{token}");
        var form = Browser.FindForm(document, new Uri($"https://localhost/Survey/{token}"), GoodAnswers.Keys).Fill(GoodAnswers);

        factory.Time.Advance(TimeSpan.FromHours(3));
        var response = await anonymous.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(factory.InChinese("This survey has closed."), (await response.ReadDocumentAsync()).QuerySelector(".survey-refusal")?.TextContent.Trim());
        Assert.Equal(0, await factory.QueryAsync(db => db.SurveyResponses.CountAsync(r => r.InvitationId == invitationId)));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("")]
    public async Task A_forged_token_gets_a_clear_message_and_no_form(string token)
    {
        using var anonymous = factory.CreateBrowser();

        var (response, document) = await anonymous.GetPageAsync($"/Survey/{token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(factory.InChinese("This survey link is not valid."), document.QuerySelector(".survey-refusal")?.TextContent.Trim());
        Assert.Null(document.QuerySelector("input[name='Input.Overall']"));
    }

    [Fact]
    public async Task An_altered_token_is_refused_like_a_forged_one()
    {
        var (_, token) = await OpenCampaignAsync("2033-Q1", TimeSpan.FromDays(10));
        var altered = token[..10] + (token[10] == 'x' ? 'y' : 'x') + token[11..];
        using var anonymous = factory.CreateBrowser();

        var (_, document) = await anonymous.GetPageAsync($"/Survey/{altered}");

        Assert.Equal(factory.InChinese("This survey link is not valid."), document.QuerySelector(".survey-refusal")?.TextContent.Trim());
    }

    [Fact]
    public async Task Answers_out_of_range_or_missing_are_refused_with_messages_and_nothing_is_stored()
    {
        var (invitationId, token) = await OpenCampaignAsync("2033-Q2", TimeSpan.FromDays(10));
        using var anonymous = factory.CreateBrowser();
        var (_, document) = await anonymous.GetPageAsync($"/Survey/{token}");
        var form = Browser.FindForm(document, new Uri($"https://localhost/Survey/{token}"), GoodAnswers.Keys).Fill(new Dictionary<string, string?>(GoodAnswers)
        {
            ["Input.Overall"] = "6",
            ["Input.Recommend"] = "11",
            ["Input.Quality"] = null,
            ["Input.Comment"] = new string('好', 1001),
        });

        var response = await anonymous.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await response.ReadDocumentAsync()).ErrorMessages();
        Assert.Contains(factory.InChinese("Please choose a score from 1 to 5."), errors);
        Assert.Contains(factory.InChinese("Please choose a number from 0 to 10."), errors);
        Assert.Contains(factory.InChinese("The comment can have at most {0} characters.", 1000), errors);
        Assert.Equal(0, await factory.QueryAsync(db => db.SurveyResponses.CountAsync(r => r.InvitationId == invitationId)));
    }

    [Fact]
    public async Task The_customer_answers_in_the_portal_and_another_customer_neither_sees_nor_opens_the_invitation()
    {
        var (invitationId, _) = await OpenCampaignAsync("2033-Q3", TimeSpan.FromDays(10));
        using var other = factory.CreateBrowser();
        await other.SignInAsync(DemoData.Customer2Email);
        var (_, otherList) = await other.GetPageAsync("/Portal/Surveys");
        Assert.DoesNotContain(otherList.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/Portal/Surveys/Answer/{invitationId}");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri($"/Portal/Surveys/Answer/{invitationId}", UriKind.Relative))).StatusCode);

        using var customer = factory.CreateBrowser();
        await customer.SignInAsync(Accounts.Customer);
        var (_, list) = await customer.GetPageAsync("/Portal/Surveys");
        Assert.Contains(list.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/Portal/Surveys/Answer/{invitationId}");
        var response = await customer.SubmitFormAsync($"/Portal/Surveys/Answer/{invitationId}", GoodAnswers);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, await factory.QueryAsync(db => db.SurveyResponses.CountAsync(r => r.InvitationId == invitationId)));
    }

    [Fact]
    public async Task A_crm_agent_cannot_open_the_results_or_a_campaign()
    {
        using var agent = factory.CreateBrowser();
        await agent.SignInAsync(Accounts.Agent);

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync(new Uri("/Staff/Surveys", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync(new Uri("/Staff/Surveys/Create", UriKind.Relative))).StatusCode);
    }

    /// <summary>A campaign for every reachable customer, open from now; the demo customer's invitation and its personal token.</summary>
    private async Task<(int InvitationId, string Token)> OpenCampaignAsync(string quarter, TimeSpan openFor)
    {
        await using var scope = factory.OpenDb();
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var campaign = await scope.Get<SurveyInvitations>().OpenAsync(() => new SurveyCampaign(Quarter.Parse(quarter), "满意度调查 " + quarter, SurveyAudience.AllActiveCustomers, now.AddMinutes(-1), now.Add(openFor), "test", now), CancellationToken.None);
        var customerId = await factory.CustomerIdAsync(DemoData.CustomerEmail);
        var invitation = await scope.Db.SurveyInvitations.AsNoTracking().SingleAsync(i => i.CampaignId == campaign.Id && i.CustomerId == customerId);
        return (invitation.Id, scope.Get<SurveyTokens>().Create(invitation.Id, invitation.TokenNonce));
    }
}
