using System.Net;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Security;

/// <summary>ASVS 2.2.1 / 11.1.4: the forms that guess passwords or create records answer 429 past the limit.</summary>
public sealed class RateLimitTests(ClientAddressAppFactory factory) : IClassFixture<ClientAddressAppFactory>
{
    private const int Limit = ClientAddressAppFactory.PermitLimit;

    [Fact]
    public async Task Login_posts_past_the_limit_get_429_with_retry_after_and_a_localized_page()
    {
        using var browser = factory.CreateBrowser("198.51.100.1");
        for (var attempt = 1; attempt <= Limit; attempt++)
        {
            using var allowed = await browser.LoginAsync("nobody@example.com", "Wrong-Password-" + attempt);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await browser.LoginAsync("nobody@example.com", "Wrong-Password-x");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
        var page = await refused.ReadDocumentAsync();
        Assert.Contains(factory.InChinese("Too many attempts"), page.VisibleText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_pages_is_never_limited_and_another_client_can_still_sign_in()
    {
        using var flooding = factory.CreateBrowser("198.51.100.2");
        for (var attempt = 1; attempt <= Limit + 1; attempt++)
        {
            using var _ = await flooding.LoginAsync("nobody@example.com", "Wrong-Password-" + attempt);
        }

        for (var read = 0; read < Limit * 3; read++)
        {
            using var form = await flooding.GetAsync(new Uri("/Account/Login", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        }

        using var other = factory.CreateBrowser("198.51.100.3");
        using var signedIn = await other.LoginAsync(Accounts.Agent.Login, Accounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    public static TheoryData<string, string, string?, string?> LimitedForms => new()
    {
        // page, client address, who is signed in, form action (null: the page's only form)
        { "/Account/Register", "198.51.100.10", null, null },
        { "/Portal/Requests/New", "198.51.100.11", DemoData.CustomerEmail, null },
        { "/Portal/Complaints/New", "198.51.100.12", DemoData.CustomerEmail, null },
        { "/Admin/Users/Edit/{agent}", "198.51.100.13", DemoData.AdminEmail, "handler=ResetPassword" },
    };

    [Theory]
    [MemberData(nameof(LimitedForms))]
    public async Task Registration_password_reset_request_and_complaint_posts_past_the_limit_get_429(string page, string address, string? login, string? formAction)
    {
        using var browser = factory.CreateBrowser(address);
        if (login is not null)
        {
            await browser.SignInAsync(login);
        }

        var agentId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoData.AgentEmail).Select(u => u.Id).SingleAsync());
        var url = page.Replace("{agent}", agentId, StringComparison.Ordinal);

        // Invalid posts (empty or too short) count as much as valid ones: the limit is on trying.
        for (var attempt = 1; attempt <= Limit; attempt++)
        {
            using var allowed = await browser.SubmitFormAsync(url, Fields(formAction), formAction);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }

        using var refused = await browser.SubmitFormAsync(url, Fields(formAction), formAction);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_refused_post_is_logged_as_a_security_event_with_the_client_address()
    {
        const string address = "198.51.100.20";
        using var browser = factory.CreateBrowser(address);
        for (var attempt = 1; attempt <= Limit + 1; attempt++)
        {
            using var _ = await browser.LoginAsync("nobody@example.com", "Wrong-Password-" + attempt);
        }

        var log = LogFiles.Read(factory);
        Assert.Contains(log.Split('\n'), line => line.Contains("Rate limit reached: POST /Account/Login", StringComparison.Ordinal) && line.Contains(address, StringComparison.Ordinal));
    }

    private static Dictionary<string, string?>? Fields(string? formAction) =>
        formAction is null ? null : new Dictionary<string, string?> { ["Input.NewPassword"] = "short" };
}
