using System.Net;
using BathroomAftersales.IntegrationTests.Support;

namespace BathroomAftersales.IntegrationTests.Account;

public sealed class LanguageTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Login_page_is_Chinese_by_default()
    {
        using var browser = factory.CreateBrowser();

        var (response, page) = await browser.GetPageAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Texts.Chinese, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("登录", page.QuerySelector("h1")?.TextContent.Trim());
        response.Dispose();
    }

    [Fact]
    public async Task Login_page_is_English_when_the_query_string_asks_for_it()
    {
        using var browser = factory.CreateBrowser();

        var (response, page) = await browser.GetPageAsync("/Account/Login?culture=en-US&ui-culture=en-US");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Texts.English, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Sign in", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.DoesNotContain("登录", page.VisibleText(), StringComparison.Ordinal);
        response.Dispose();
    }

    [Fact]
    public async Task Language_switch_sets_a_cookie_and_the_next_page_is_English()
    {
        using var browser = factory.CreateBrowser();

        using var switched = await browser.SubmitFormAsync("/Account/Login", new Dictionary<string, string?> { ["culture"] = Texts.English });

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/Account/Login", switched.RedirectTarget());
        Assert.Contains(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        using var next = await browser.FollowRedirectAsync(switched);
        var page = await next.ReadDocumentAsync();
        Assert.Equal(Texts.English, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Sign in", page.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task Language_switch_refuses_an_unsupported_culture_and_sets_no_cookie()
    {
        using var browser = factory.CreateBrowser();

        using var response = await browser.SubmitFormAsync("/Account/Login", new Dictionary<string, string?> { ["culture"] = "fr-FR" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies)
            && cookies.Any(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Language_switch_does_not_redirect_to_another_site()
    {
        using var browser = factory.CreateBrowser();

        using var response = await browser.SubmitFormAsync("/Account/Login", new Dictionary<string, string?>
        {
            ["culture"] = Texts.English,
            ["returnUrl"] = "https://evil.example/",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.RedirectTarget());
    }
}
