using System.Net;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Security;

/// <summary>
/// ASVS 3.3.1 / 3.3.3: signing out, and a password reset, renew the account's security stamp; a session cookie issued
/// before it stops working at the next stamp check (every minute, IdentitySetup). Deactivation:
/// UserAdministrationTests.Deactivation_ends_the_open_sessions_of_the_account.
/// </summary>
public sealed class SessionInvalidationTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static readonly TimeSpan PastStampCheck = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_session_cookie_replayed_after_logout_is_redirected_to_login()
    {
        using var browser = factory.CreateBrowser();
        using var login = await browser.LoginAsync(DemoData.AgentEmail, Accounts.Password);
        var cookie = SessionCookie(login);
        using (var replayedBefore = await ReplayAsync(cookie, "/Staff"))
        {
            Assert.Equal(HttpStatusCode.OK, replayedBefore.StatusCode);
        }

        using var logout = await browser.SubmitFormAsync("/Staff", formAction: "/Account/Logout");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        factory.Time.Advance(PastStampCheck);

        using var replayed = await ReplayAsync(cookie, "/Staff");

        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/Account/Login", replayed.RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_reset_by_the_admin_ends_the_open_sessions_of_the_account()
    {
        using var technician = factory.CreateBrowser();
        await technician.SignInAsync(Accounts.Technician);
        using var admin = factory.CreateBrowser();
        await admin.SignInAsync(Accounts.Admin);
        var technicianId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoData.TechnicianEmail).Select(u => u.Id).SingleAsync());

        using var reset = await admin.SubmitFormAsync(
            $"/Admin/Users/Edit/{technicianId}",
            new Dictionary<string, string?> { ["Input.NewPassword"] = "Fresh-Tile-Grout-77" },
            formAction: "handler=ResetPassword");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        factory.Time.Advance(PastStampCheck);

        using var after = await technician.GetAsync(new Uri("/Technician/Jobs", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.RedirectTarget(), StringComparison.Ordinal);
    }

    private static string SessionCookie(HttpResponseMessage login)
    {
        var header = login.AuthCookie() ?? throw new InvalidOperationException("The login handed out no session cookie.");
        return header.Split(';')[0];
    }

    /// <summary>Another browser that sends a copied cookie and nothing else.</summary>
    private async Task<HttpResponseMessage> ReplayAsync(string cookie, string path)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = new Uri("https://localhost"),
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}
