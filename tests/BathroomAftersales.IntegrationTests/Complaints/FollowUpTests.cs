using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Complaints;

/// <summary>Low ratings follow up: a 1★ or 2★ opens an item for CRM, closed with a note.</summary>
public sealed class FollowUpTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_one_star_rating_opens_a_follow_up_that_closes_only_with_a_note()
    {
        var requestId = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Completed);
        using var customer = factory.CreateBrowser();
        await customer.SignInAsync(DemoData.CustomerEmail);

        using var rated = await customer.SubmitFormAsync(string.Create(CultureInfo.InvariantCulture, $"/Portal/Requests/Details/{requestId}"), new Dictionary<string, string?>
        {
            ["Input.Rating"] = "1",
            ["Input.Comment"] = "修了两次还漏。",
        }, "handler=Confirm");
        Assert.Equal(HttpStatusCode.Redirect, rated.StatusCode);

        var followUp = await factory.QueryAsync(db => db.FollowUps.AsNoTracking().SingleAsync(f => f.ServiceRequestId == requestId));
        Assert.Equal(FollowUpStatus.Open, followUp.Status);
        Assert.Equal(1, followUp.Rating);

        using var agent = factory.CreateBrowser();
        await agent.SignInAsync(DemoData.AgentEmail);
        // The only open follow-up of this app, so the only close form on the page.
        const string action = "handler=Close";

        using var refused = await agent.SubmitFormAsync("/Staff/FollowUps", new Dictionary<string, string?> { ["Input.Note"] = " " }, action);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(FollowUpStatus.Open, (await factory.QueryAsync(db => db.FollowUps.AsNoTracking().SingleAsync(f => f.Id == followUp.Id))).Status);

        using var closed = await agent.SubmitFormAsync("/Staff/FollowUps", new Dictionary<string, string?> { ["Input.Note"] = "已致电客户，安排主管复查。" }, action);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var after = await factory.QueryAsync(db => db.FollowUps.AsNoTracking().SingleAsync(f => f.Id == followUp.Id));
        Assert.Equal(FollowUpStatus.Closed, after.Status);
        Assert.Equal("已致电客户，安排主管复查。", after.ClosingNote);
    }

    [Fact]
    public async Task A_four_star_rating_opens_no_follow_up()
    {
        var requestId = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Completed);
        using var customer = factory.CreateBrowser();
        await customer.SignInAsync(DemoData.CustomerEmail);

        await customer.SubmitFormAsync(string.Create(CultureInfo.InvariantCulture, $"/Portal/Requests/Details/{requestId}"), new Dictionary<string, string?>
        {
            ["Input.Rating"] = "4",
        }, "handler=Confirm");

        Assert.False(await factory.QueryAsync(db => db.FollowUps.AnyAsync(f => f.ServiceRequestId == requestId)));
    }
}
