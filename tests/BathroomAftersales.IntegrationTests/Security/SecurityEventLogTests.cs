using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Security;

/// <summary>ASVS 7.1.3 / 7.2.1: sign-in successes and failures reach the log file with the account and the client address.</summary>
public sealed class SecurityEventLogTests(ClientAddressAppFactory factory) : IClassFixture<ClientAddressAppFactory>
{
    [Fact]
    public async Task Sign_in_success_and_failure_are_logged_with_the_user_and_the_client_address()
    {
        const string address = "203.0.113.7";
        using var browser = factory.CreateBrowser(address);
        var agentId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoData.AgentEmail).Select(u => u.Id).SingleAsync());

        using var failed = await browser.LoginAsync(DemoData.AgentEmail, "Wrong-Secret-Xyz-4711");
        using var succeeded = await browser.LoginAsync(DemoData.AgentEmail, Accounts.Password);

        var lines = LogFiles.Read(factory).Split('\n');
        Assert.Contains(lines, l => l.Contains($"Sign-in failed for user {agentId} from {address}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"User {agentId} signed in from {address}", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Wrong-Secret-Xyz-4711", StringComparison.Ordinal));
    }
}
