using System.Net;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;

namespace BathroomAftersales.IntegrationTests.Security;

/// <summary>
/// ASVS 5.1.5: every page that takes a return URL (grep returnUrl: the login form, the registration form and the
/// language switch) sends the browser only to a path of this site, whatever it is given.
/// </summary>
public sealed class OpenRedirectTests(AppFactory factory) : IClassFixture<AppFactory>
{
    public static readonly TheoryData<string> HostileReturnUrls =
    [
        "https://evil.example",
        "//evil.example",
        "/\\evil.example",
        "\\\\evil",
        "javascript:alert(1)",
        "%2F%2Fevil.example",
        "/%2F/evil.example",
        "/\t/evil.example",
        "http:evil.example",
        " //evil.example",
    ];

    private static int _mobile;

    [Theory]
    [MemberData(nameof(HostileReturnUrls))]
    public async Task Login_with_a_hostile_return_url_stays_on_this_site(string returnUrl)
    {
        using var browser = factory.CreateBrowser();

        using var response = await browser.LoginAsync(DemoData.AgentEmail, Accounts.Password, returnUrl);

        AssertLocal(response);
    }

    [Theory]
    [MemberData(nameof(HostileReturnUrls))]
    public async Task Registration_with_a_hostile_return_url_stays_on_this_site(string returnUrl)
    {
        using var browser = factory.CreateBrowser();
        var mobile = "13911" + Interlocked.Increment(ref _mobile).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

        using var response = await browser.SubmitFormAsync(
            "/Account/Register?returnUrl=" + Uri.EscapeDataString(returnUrl),
            new Dictionary<string, string?>
            {
                ["Input.Name"] = "周敏",
                ["Input.Mobile"] = mobile,
                ["Input.Password"] = "Quiet-Harbour-Lamp-58",
                ["Input.ConfirmPassword"] = "Quiet-Harbour-Lamp-58",
            });

        AssertLocal(response);
    }

    [Theory]
    [MemberData(nameof(HostileReturnUrls))]
    public async Task The_language_switch_with_a_hostile_return_url_stays_on_this_site(string returnUrl)
    {
        using var browser = factory.CreateBrowser();

        using var response = await browser.SubmitFormAsync(
            "/Account/Login",
            new Dictionary<string, string?> { ["culture"] = "en-US", ["returnUrl"] = returnUrl },
            formAction: "/Culture");

        AssertLocal(response);
    }

    /// <summary>A redirect whose Location is a path of this site: one slash, then no slash or backslash.</summary>
    private static void AssertLocal(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.TryGetValues("Location", out var values) ? values.Single() : string.Empty;
        Assert.True(
            location.StartsWith('/') && !location.StartsWith("//", StringComparison.Ordinal) && !location.StartsWith("/\\", StringComparison.Ordinal)
                && !location.Any(char.IsControl),
            $"Location: {location}");
    }
}
