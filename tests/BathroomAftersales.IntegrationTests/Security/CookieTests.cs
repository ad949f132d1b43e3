using System.Net;
using BathroomAftersales.Domain.Notifications;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using BathroomAftersales.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;

namespace BathroomAftersales.IntegrationTests.Security;

/// <summary>ASVS 3.4.1–3.4.5: the cookies the app sets, read from the Set-Cookie headers.</summary>
public sealed class CookieTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_session_cookie_is_host_prefixed_secure_http_only_same_site_lax_for_the_whole_site()
    {
        using var browser = factory.CreateBrowser();

        using var login = await browser.LoginAsync(DemoData.CustomerEmail, Accounts.Password);

        var cookie = Attributes(login.AuthCookie() ?? throw new InvalidOperationException("No session cookie."));
        Assert.Equal("__Host-ba.auth", cookie.Name);
        Assert.True(cookie.Has("secure"), cookie.Header);
        Assert.True(cookie.Has("httponly"), cookie.Header);
        Assert.Equal("lax", cookie.Value("samesite"));
        Assert.Equal("/", cookie.Value("path"));
        Assert.False(cookie.Has("domain"), cookie.Header);
    }

    [Fact]
    public async Task The_antiforgery_cookie_is_host_prefixed_secure_http_only_and_same_site_strict()
    {
        using var browser = factory.CreateBrowser();

        using var form = await browser.GetAsync(new Uri("/Account/Login", UriKind.Relative));

        var cookie = Attributes(SetCookie(form, IdentitySetup.AntiforgeryCookieName));
        Assert.True(cookie.Has("secure"), cookie.Header);
        Assert.True(cookie.Has("httponly"), cookie.Header);
        Assert.Equal("strict", cookie.Value("samesite"));
        Assert.Equal("/", cookie.Value("path"));
        Assert.False(cookie.Has("domain"), cookie.Header);
    }

    [Fact]
    public async Task The_language_cookie_is_secure_http_only_and_same_site_lax()
    {
        using var browser = factory.CreateBrowser();

        using var switched = await browser.SubmitFormAsync(
            "/Account/Login",
            new Dictionary<string, string?> { ["culture"] = "en-US" },
            formAction: "/Culture");

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var cookie = Attributes(SetCookie(switched, ".AspNetCore.Culture"));
        Assert.True(cookie.Has("secure"), cookie.Header);
        Assert.True(cookie.Has("httponly"), cookie.Header);
        Assert.Equal("lax", cookie.Value("samesite"));
    }

    [Fact]
    public async Task A_page_without_a_status_message_sets_no_cookie_and_a_message_is_shown_once()
    {
        await using (var scope = factory.OpenDb())
        {
            var userId = await scope.Db.Users.Where(u => u.Email == DemoData.CustomerEmail).Select(u => u.Id).SingleAsync();
            scope.Db.Notifications.Add(new Notification(userId, "测试通知", null, null, factory.Time.GetUtcNow().UtcDateTime));
            await scope.Db.SaveChangesAsync();
        }

        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(DemoData.CustomerEmail);
        const string page = "/Portal/Notifications";
        using var quiet = await browser.GetAsync(new Uri(page, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, quiet.StatusCode);
        Assert.False(quiet.Headers.Contains("Set-Cookie"), string.Join(" | ", quiet.Headers.Where(h => h.Key == "Set-Cookie").SelectMany(h => h.Value)));

        using var marked = await browser.SubmitFormAsync(page, formAction: "handler=MarkAllRead");
        Assert.Contains(TempDataCookie, SetCookie(marked, TempDataCookie), StringComparison.Ordinal);

        var message = factory.InChinese("All notifications are marked as read.");
        var (shown, shownPage) = await browser.GetPageAsync(page);
        Assert.Contains(message, shownPage.QuerySelector("main [role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", SetCookie(shown, TempDataCookie), StringComparison.Ordinal);

        var (again, againPage) = await browser.GetPageAsync(page);
        Assert.Null(againPage.QuerySelector("main [role=status]"));
        Assert.False(again.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("Production", "false", true)]
    [InlineData("Staging", "false", true)]
    [InlineData("Production", null, true)]
    [InlineData("Development", null, true)]
    [InlineData("Development", "false", false)]
    public void Only_development_can_serve_cookies_over_plain_http(string environment, string? requireHttps, bool secure)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [IdentitySetup.RequireHttpsCookiesKey] = requireHttps })
            .Build();

        Assert.Equal(secure, IdentitySetup.RequireHttpsCookies(configuration, new HostingEnvironment { EnvironmentName = environment }));
    }

    private const string TempDataCookie = ".AspNetCore.Mvc.CookieTempDataProvider";

    private static string SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"No {name} cookie among: {string.Join(" | ", cookies)}")
            : throw new InvalidOperationException($"The response sets no cookies; expected {name}.");

    private static CookieHeader Attributes(string header) => new(header);

    private sealed class CookieHeader(string header)
    {
        private readonly Dictionary<string, string> _attributes = header.Split(';').Skip(1)
            .Select(part => part.Trim().Split('=', 2))
            .ToDictionary(kv => kv[0].ToLowerInvariant(), kv => kv.Length > 1 ? kv[1].ToLowerInvariant() : string.Empty);

        public string Header => header;

        public string Name => header.Split('=', 2)[0];

        public bool Has(string attribute) => _attributes.ContainsKey(attribute);

        public string? Value(string attribute) => _attributes.GetValueOrDefault(attribute);
    }
}
