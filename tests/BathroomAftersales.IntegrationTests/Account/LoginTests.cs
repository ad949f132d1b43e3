using System.Net;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using BathroomAftersales.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Account;

public sealed class LoginTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Customer_logs_in_by_mobile_and_lands_in_the_portal()
    {
        using var browser = factory.CreateBrowser();

        using var response = await browser.LoginAsync(DemoData.CustomerMobile, Accounts.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Portal", response.RedirectTarget());
        Assert.True(response.HasAuthCookie());
        using var portal = await browser.FollowRedirectAsync(response);
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
    }

    [Fact]
    public async Task Customer_logs_in_by_mobile_typed_with_spaces_and_country_code()
    {
        using var browser = factory.CreateBrowser();

        using var response = await browser.LoginAsync("+86 138 0000 0001", Accounts.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Portal", response.RedirectTarget());
    }

    [Fact]
    public async Task Customer_logs_in_by_email_and_lands_in_the_portal()
    {
        using var browser = factory.CreateBrowser();

        using var response = await browser.LoginAsync(DemoData.CustomerEmail, Accounts.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Portal", response.RedirectTarget());
        using var portal = await browser.FollowRedirectAsync(response);
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
    }

    [Theory]
    [InlineData(Roles.CrmAgent, "/Staff")]
    [InlineData(Roles.Manager, "/Staff")]
    [InlineData(Roles.Technician, "/Technician/Jobs")]
    [InlineData(Roles.Admin, "/Admin")]
    public async Task Staff_log_in_by_email_and_land_on_the_page_of_their_role(string role, string landing)
    {
        using var browser = factory.CreateBrowser();

        var login = Accounts.ForRole(role).Login;
        var response = await browser.LoginAsync(login, Accounts.Password);
        if (TwoFactorRequirement.IsRequiredFor(r => r == role))
        {
            // Manager and Admin have two-factor sign-in: the password leads to the second step first.
            Assert.True(response.IsTwoFactorStep());
            response = await browser.SubmitTwoFactorCodeAsync(response, await TwoFactor.FreshCodeAsync(factory, login));
        }

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(landing, response.RedirectTarget());
        using var page = await browser.FollowRedirectAsync(response);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Login_returns_to_the_local_page_that_asked_for_it()
    {
        using var browser = factory.CreateBrowser();
        using var asked = await browser.GetAsync(new Uri("/Reports", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);

        // The login page keeps the return URL of the redirect it was reached by.
        var loginPage = asked.RedirectTarget()!;
        using var response = await browser.SubmitFormAsync(loginPage, new Dictionary<string, string?>
        {
            ["Input.Login"] = DemoData.ManagerEmail,
            ["Input.Password"] = Accounts.Password,
        });

        // The return URL goes with the second step and is where the code sends the manager.
        Assert.True(response.IsTwoFactorStep());
        Assert.Contains("ReturnUrl=%2FReports", response.RedirectTarget(), StringComparison.OrdinalIgnoreCase);
        using var second = await browser.SubmitTwoFactorCodeAsync(response, await TwoFactor.FreshCodeAsync(factory, DemoData.ManagerEmail));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal("/Reports", second.RedirectTarget());
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    public async Task Login_never_redirects_to_another_site(string returnUrl)
    {
        using var browser = factory.CreateBrowser();

        using var response = await browser.LoginAsync(DemoData.AgentEmail, Accounts.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Staff", response.RedirectTarget());
    }

    [Fact]
    public async Task A_signed_in_user_opening_the_login_page_goes_to_their_landing_page()
    {
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(Accounts.Technician);

        using var response = await browser.GetAsync(new Uri("/Account/Login", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Technician/Jobs", response.RedirectTarget());
    }

    [Fact]
    public async Task Account_is_locked_after_five_failed_logins_and_then_refuses_even_the_right_password()
    {
        using var browser = factory.CreateBrowser();
        var login = DemoData.Customer2Mobile;
        var lockedText = factory.InChinese(
            "This account is locked after too many failed attempts. Please try again in {0} minutes.",
            (int)IdentitySetup.LockoutDuration.TotalMinutes);

        for (var attempt = 1; attempt <= IdentitySetup.MaxFailedAccessAttempts; attempt++)
        {
            using var failed = await browser.LoginAsync(login, "not-the-password-" + attempt);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.False(failed.HasAuthCookie());
        }

        using var response = await browser.LoginAsync(login, Accounts.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.HasAuthCookie());
        var page = await response.ReadDocumentAsync();
        Assert.Contains(lockedText, page.ErrorMessages());
        var lockoutEnd = await factory.QueryAsync(db =>
            db.Users.Where(u => u.UserName == login).Select(u => u.LockoutEnd).SingleAsync());

        // Lockout runs on the app's clock (AppUserManager).
        Assert.True(lockoutEnd > factory.Time.GetUtcNow().AddMinutes(14), $"LockoutEnd is {lockoutEnd}");
    }

    [Fact]
    public async Task Logout_ends_the_session_and_goes_home()
    {
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(Accounts.Agent);

        using var response = await browser.SubmitFormAsync("/Staff", formAction: "/Account/Logout");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.RedirectTarget());
        using var staff = await browser.GetAsync(new Uri("/Staff", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, staff.StatusCode);
        Assert.StartsWith("/Account/Login", staff.RedirectTarget(), StringComparison.Ordinal);
    }
}
