using System.Net;
using BathroomAftersales.Web.Data.Seed;
using BathroomAftersales.Web.Identity;

namespace BathroomAftersales.IntegrationTests.Support;

/// <summary>A demo account (seeded in Development) and where its role lands after signing in.</summary>
public sealed record DemoAccount(string Role, string Login, string LandingPage)
{
    public override string ToString() => Role;
}

public static class Accounts
{
    public const string Anonymous = nameof(Anonymous);

    public const string Password = DemoData.Password;

    public static readonly DemoAccount Customer = new(Roles.Customer, DemoData.CustomerEmail, "/Portal");
    public static readonly DemoAccount Agent = new(Roles.CrmAgent, DemoData.AgentEmail, "/Staff");
    public static readonly DemoAccount Technician = new(Roles.Technician, DemoData.TechnicianEmail, "/Technician/Jobs");
    public static readonly DemoAccount Manager = new(Roles.Manager, DemoData.ManagerEmail, "/Staff");
    public static readonly DemoAccount Admin = new(Roles.Admin, DemoData.AdminEmail, "/Admin");

    /// <summary>One demo account per role.</summary>
    public static readonly IReadOnlyList<DemoAccount> All = [Customer, Agent, Technician, Manager, Admin];

    public static DemoAccount ForRole(string role) => All.Single(a => a.Role == role);

    /// <summary>Submits the real login form; returns the app's answer (302 on success, 200 with the form on failure).</summary>
    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string login, string password, string? returnUrl = null)
    {
        var page = returnUrl is null ? "/Account/Login" : $"/Account/Login?returnUrl={Uri.EscapeDataString(returnUrl)}";
        return client.SubmitFormAsync(page, new Dictionary<string, string?>
        {
            ["Input.Login"] = login,
            ["Input.Password"] = password,
        });
    }

    /// <summary>
    /// Signs in and asserts it worked. An account with two-factor sign-in (the demo manager and admin, or one given
    /// <see cref="TwoFactor.TestKey"/>) also passes the second step, with the code its authenticator app would show (a new
    /// one: a code works once, see <see cref="TwoFactor.FreshCodeAsync"/>). The client must come from
    /// <see cref="AppFactory.CreateBrowser"/> then, whose clock the code is read from.
    /// </summary>
    public static async Task SignInAsync(this HttpClient client, string login, string password = Password)
    {
        var response = await client.LoginAsync(login, password);
        if (response.IsTwoFactorStep())
        {
            var factory = AppFactory.Of(client)
                ?? throw new InvalidOperationException($"{login} needs an authenticator code: sign in with a client from AppFactory.CreateBrowser.");
            response = await client.SubmitTwoFactorCodeAsync(response, await TwoFactor.FreshCodeAsync(factory, login));
        }

        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var document = await response.ReadDocumentAsync();
            throw new InvalidOperationException(
                $"Signing in as {login} answered {(int)response.StatusCode}: {string.Join(" | ", document.ErrorMessages())}");
        }
    }

    public static Task SignInAsync(this HttpClient client, DemoAccount account) => client.SignInAsync(account.Login);

    /// <summary>Whether the password step answered with the second step (a redirect to the authenticator code page).</summary>
    public static bool IsTwoFactorStep(this HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.RedirectTarget() is { } target
        && target.StartsWith("/Account/LoginWith2fa", StringComparison.OrdinalIgnoreCase);

    /// <summary>Fills the code into the second-step page the password step redirected to; returns the app's answer.</summary>
    public static Task<HttpResponseMessage> SubmitTwoFactorCodeAsync(this HttpClient client, HttpResponseMessage passwordStep, string code)
    {
        ArgumentNullException.ThrowIfNull(passwordStep);
        return client.SubmitFormAsync(passwordStep.RedirectTarget()!, new Dictionary<string, string?> { ["Input.Code"] = code });
    }

    /// <summary>Whether the response hands out an authentication cookie (a sign-in), as opposed to clearing it.</summary>
    public static bool HasAuthCookie(this HttpResponseMessage response) =>
        AuthCookie(response) is not null;

    /// <summary>The Set-Cookie header that hands out an authentication cookie, or null.</summary>
    public static string? AuthCookie(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith(IdentitySetup.AuthCookieName + "=", StringComparison.Ordinal) && !c.StartsWith(IdentitySetup.AuthCookieName + "=;", StringComparison.Ordinal))
            : null;
}
