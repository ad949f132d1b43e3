using System.Text.RegularExpressions;

using BathroomAftersales.BrowserTests.Support;
using BathroomAftersales.Web.Data.Seed;

using Microsoft.Playwright;

using static Microsoft.Playwright.Assertions;

namespace BathroomAftersales.BrowserTests;

/// <summary>A customer on a phone: the Chinese login page, signing in by email or mobile number, a wrong password.</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed partial class CustomerSignInTests(BrowserFixture browser)
{
    private const string CustomerName = "张伟";

    [SkippableFact]
    public async Task Login_page_is_Chinese_by_default_on_a_phone()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        await using var session = await browser.OpenAsync(Devices.Phone(), nameof(Login_page_is_Chinese_by_default_on_a_phone));
        var page = session.Page;

        var response = await page.GotoAsync("/Account/Login");

        Assert.Equal(200, response?.Status);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page).ToHaveTitleAsync(new Regex("登录"));
        await Expect(page.Locator("main h1")).ToContainTextAsync("登录");
        await Expect(SignIn.Form(page).Locator("button[type=submit]")).ToContainTextAsync("登录");
        await session.AssertNoHorizontalScrollAsync();
        await session.ScreenshotAsync("login-mobile.png");
        session.AssertNothingWentWrong();
    }

    [SkippableFact]
    public async Task Demo_customer_signs_in_on_a_phone_and_reaches_the_portal()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        await using var session = await browser.OpenAsync(Devices.Phone(), nameof(Demo_customer_signs_in_on_a_phone_and_reaches_the_portal));
        var page = session.Page;

        await page.GotoAsync("/");
        await session.AssertNoHorizontalScrollAsync();
        var signInLink = page.Locator("a[href^='/Account/Login']:visible").First;
        await Expect(signInLink).ToContainTextAsync("登录");
        await signInLink.ClickAsync();

        await page.WaitForURLAsync(LoginUrl());
        await Expect(page.Locator("main h1")).ToContainTextAsync("登录");

        await SignIn.SubmitAsync(page, DemoData.CustomerEmail, DemoData.Password);

        await page.WaitForURLAsync(PortalUrl());
        await Expect(page.Locator("main h1")).ToContainTextAsync(CustomerName);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "报修" })
            .Or(page.GetByRole(AriaRole.Button, new() { Name = "报修" })).First).ToBeVisibleAsync();
        await session.AssertNoHorizontalScrollAsync();
        await session.ScreenshotAsync("portal-mobile.png");
        session.AssertNothingWentWrong();
    }

    [SkippableFact]
    public async Task Signing_in_by_mobile_number_works_in_the_browser()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        await using var session = await browser.OpenAsync(Devices.Phone(), nameof(Signing_in_by_mobile_number_works_in_the_browser));
        var page = session.Page;

        await SignIn.SignInAsync(page, DemoData.CustomerMobile, DemoData.Password);

        await page.WaitForURLAsync(PortalUrl());
        await Expect(page.Locator("main h1")).ToContainTextAsync(CustomerName);
        session.AssertNothingWentWrong();
    }

    [SkippableFact]
    public async Task Wrong_password_shows_a_message_not_an_error_page()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        await using var session = await browser.OpenAsync(Devices.Phone(), nameof(Wrong_password_shows_a_message_not_an_error_page));
        var page = session.Page;

        // The second demo customer, so one failed attempt never counts against the accounts the other tests use.
        var response = await SignIn.SignInAsync(page, DemoData.Customer2Email, "Wrong!Pass2026");

        Assert.True(response.Status < 500, $"The login POST answered {response.Status}.");
        await Expect(page).ToHaveURLAsync(LoginUrl());
        var alert = page.Locator("main [role=alert]:visible").First;
        await Expect(alert).ToBeVisibleAsync();
        await Expect(alert).ToHaveTextAsync(ChineseText());
        await Expect(SignIn.Form(page).Locator("[name='Input.Login']")).ToHaveValueAsync(DemoData.Customer2Email);
        await Expect(SignIn.Form(page).Locator("[name='Input.Password']")).ToHaveValueAsync(string.Empty);
        await session.AssertNoHorizontalScrollAsync();
        await session.ScreenshotAsync("login-failed-mobile.png");
        Assert.Empty(session.ServerErrors);
        session.AssertNothingWentWrong();
    }

    [GeneratedRegex(@"/Account/Login(\?.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex LoginUrl();

    [GeneratedRegex(@"/Portal/?$", RegexOptions.IgnoreCase)]
    private static partial Regex PortalUrl();

    // Passed to the browser as a JavaScript regex: keep to syntax both engines read alike.
    [GeneratedRegex(@"[\u4e00-\u9fff]")]
    private static partial Regex ChineseText();
}
