using System.Globalization;
using System.Net;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Identity;
using Xunit.Abstractions;

namespace BathroomAftersales.IntegrationTests.Security;

/// <summary>
/// Every Razor page of the app × anonymous and every role: 200, a redirect to the login page, or 403. The pages are
/// found at run time, so a new page cannot be forgotten: it fails <see cref="Every_page_of_the_app_is_classified_by_the_access_table"/>
/// until it is added to the table below. Pages with a route parameter are opened with the ids of
/// <see cref="AccessMatrixFixture.RouteSamples"/>.
/// </summary>
public sealed class PageAccessMatrixTests(AccessMatrixFixture fixture, ITestOutputHelper output) : IClassFixture<AccessMatrixFixture>
{
    /// <summary>
    /// Pages anyone may open, signed in or not, and what a GET of each answers. The home and login pages send a signed-in
    /// user on to the page of their role; logout and the language switch act on POST only, and a GET just goes home.
    /// </summary>
    private static readonly Dictionary<string, Func<string, string>> PublicPages = new()
    {
        ["/Index"] = who => who == Accounts.Anonymous ? Ok : RedirectTo(Accounts.ForRole(who).LandingPage),
        ["/Account/Login"] = who => who == Accounts.Anonymous ? Ok : RedirectTo(Accounts.ForRole(who).LandingPage),
        ["/Account/Register"] = _ => Ok,
        ["/Account/AccessDenied"] = _ => Ok,
        ["/Account/Logout"] = _ => RedirectTo("/"),

        // The second sign-in step opens only with the two-factor cookie of a password just checked; without it, back to the login.
        ["/Account/LoginWith2fa"] = _ => RedirectTo("/Account/Login"),
        ["/Account/LoginWithRecoveryCode"] = _ => RedirectTo("/Account/Login"),
        ["/Culture"] = _ => RedirectTo("/"),
        ["/Error"] = _ => Ok,

        // The personal survey link: without a token (or with a bad one) it shows, to anyone, that the link is not valid.
        ["/Survey/Index"] = _ => Ok,
        ["/Survey/Thanks"] = _ => Ok,
    };

    /// <summary>The audience folders and the roles each one admits (WebSetup.AddAppPages).</summary>
    private static readonly IReadOnlyList<(string Folder, string[] Roles)> RoleFolders =
    [
        ("/Portal/", [Roles.Customer]),
        ("/Staff/", [Roles.CrmAgent, Roles.Manager]),
        ("/Technician/", [Roles.Technician]),
        ("/Reports/", [Roles.Manager]),
        ("/Admin/", [Roles.Manager, Roles.Admin]),
    ];

    /// <summary>Folders inside an audience folder that admit fewer roles; they decide before <see cref="RoleFolders"/>.</summary>
    private static readonly IReadOnlyList<(string Folder, string[] Roles)> RestrictedFolders =
    [
        ("/Staff/Settings/", [Roles.Manager]),
        ("/Staff/Surveys/", [Roles.Manager]),
        ("/Admin/Users/", [Roles.Admin]),
    ];

    /// <summary>Other pages under /Account (two-factor set-up): any signed-in user.</summary>
    private const string SignedInFolder = "/Account/";

    public static TheoryData<string> Everyone => new([Accounts.Anonymous, .. Roles.All]);

    private const string Ok = "200";
    private const string Forbidden = "403";

    [Fact]
    public void Every_page_of_the_app_is_classified_by_the_access_table()
    {
        foreach (var page in fixture.Pages)
        {
            output.WriteLine($"{page.Path}  ({page.RouteTemplate})");
        }

        var unclassified = fixture.Pages.Where(p => Classify(p.Path) is null).Select(p => p.Path).ToList();

        Assert.True(
            unclassified.Count == 0,
            $"Pages missing from the access table of {nameof(PageAccessMatrixTests)}: {string.Join(", ", unclassified)}");
    }

    [Fact]
    public void Every_page_with_a_route_parameter_has_a_sample_value()
    {
        var missing = new List<string>();
        foreach (var page in fixture.Pages)
        {
            try
            {
                _ = fixture.Url(page);
            }
            catch (InvalidOperationException e)
            {
                missing.Add(e.Message);
            }
        }

        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void The_matrix_sees_the_public_pages_and_every_audience_folder()
    {
        var paths = fixture.Pages.Select(p => p.Path).ToList();

        Assert.Contains("/Index", paths);
        Assert.Contains("/Account/Login", paths);
        Assert.All(RoleFolders, f => Assert.Contains(paths, p => p.StartsWith(f.Folder, StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Everyone))]
    public async Task Each_page_answers_200_a_login_redirect_or_403_by_role(string who)
    {
        var browser = fixture.Browser(who);
        var failures = new List<string>();
        foreach (var page in fixture.Pages)
        {
            // Unclassified pages and pages without sample route values fail their own tests above.
            if (Classify(page.Path) is not { } admits || !fixture.TryUrl(page, out var url))
            {
                continue;
            }

            using var response = await browser.GetAsync(new Uri(url, UriKind.Relative));
            var expected = admits(who, url);
            var actual = Describe(response);
            if (actual != expected)
            {
                failures.Add($"GET {url} as {who}: expected {expected}, got {actual}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>What a GET of the page answers, by who asks; null when the table does not know the page.</summary>
    private static Func<string, string, string>? Classify(string path)
    {
        if (PublicPages.TryGetValue(path, out var expected))
        {
            return (who, _) => expected(who);
        }

        foreach (var (folder, roles) in RestrictedFolders.Concat(RoleFolders))
        {
            if (path.StartsWith(folder, StringComparison.Ordinal))
            {
                return (who, url) => who == Accounts.Anonymous ? RedirectToLogin(url)
                    : roles.Contains(who) ? Ok
                    : Forbidden;
            }
        }

        if (path.StartsWith(SignedInFolder, StringComparison.Ordinal))
        {
            return (who, url) => who == Accounts.Anonymous ? RedirectToLogin(url) : Ok;
        }

        return null;
    }

    private static string RedirectTo(string target) => $"302 to {target}";

    private static string RedirectToLogin(string url) => RedirectTo($"/Account/Login?ReturnUrl={url}");

    /// <summary>"200", "403" or "302 to /path?query" (unescaped, whether the app sent an absolute or a relative Location).</summary>
    private static string Describe(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is not { } location)
        {
            return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }

        var target = new Uri(new Uri("https://localhost"), location);
        return RedirectTo(Uri.UnescapeDataString(target.PathAndQuery));
    }
}
