using System.Net;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Security;

/// <summary>A 403 is a security event: the log file names the user, their address, the page and the request's trace id.</summary>
public sealed class AccessDeniedLogTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_403_is_logged_with_the_user_the_address_the_page_and_the_trace_id()
    {
        using var agent = factory.CreateBrowser();
        await agent.SignInAsync(Accounts.Agent);
        var agentId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoData.AgentEmail).Select(u => u.Id).SingleAsync());
        var traceId = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/Admin/Users", UriKind.Relative));
        request.Headers.Add("traceparent", $"00-{traceId}-{traceId[..16]}-01");

        using var response = await agent.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var line = Assert.Single(LogFiles.Read(factory).Split('\n'), l => l.Contains("Access denied (403)", StringComparison.Ordinal) && l.Contains(traceId, StringComparison.Ordinal));
        // The test server has no network connection, so the address (RemoteIp) is empty here; it is the field after "from".
        Assert.Contains($"user {agentId} from", line, StringComparison.Ordinal);
        Assert.Contains("GET /Admin/Users,", line, StringComparison.Ordinal);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", line);
    }
}
