using System.Text.RegularExpressions;

using BathroomAftersales.BrowserTests.Support;
using BathroomAftersales.Web.Data.Seed;

using static Microsoft.Playwright.Assertions;

namespace BathroomAftersales.BrowserTests;

/// <summary>Staff smoke tests: each demo role signs in and lands on its own start page, in Chinese.</summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed partial class StaffSignInTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Demo_agent_lands_on_the_service_desk()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        await using var session = await browser.OpenAsync(Devices.Desktop(), nameof(Demo_agent_lands_on_the_service_desk));
        var page = session.Page;

        await SignIn.SignInAsync(page, DemoData.AgentEmail, DemoData.Password);

        await page.WaitForURLAsync(StaffUrl());
        await Expect(page.Locator("main h1")).ToContainTextAsync("服务台");
        await Expect(page.Locator("nav a[href='/Staff']")).ToBeVisibleAsync();
        await session.AssertNoHorizontalScrollAsync();
        await session.ScreenshotAsync("staff-desktop.png");
        session.AssertNothingWentWrong();
    }

    [SkippableFact]
    public async Task Demo_manager_signs_in_with_an_authenticator_code_and_lands_on_the_service_desk()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        await using var session = await browser.OpenAsync(Devices.Desktop(), nameof(Demo_manager_signs_in_with_an_authenticator_code_and_lands_on_the_service_desk));
        var page = session.Page;
        await page.GotoAsync("/Account/Login");

        await SignIn.SubmitAsync(page, DemoData.ManagerEmail, DemoData.Password);

        // The password leads to the second step, in Chinese; the code is the one an app with the demo key shows.
        Assert.True(SignIn.IsTwoFactorStep(page));
        await Expect(page.Locator("main h1")).ToContainTextAsync("双重验证");
        await session.ScreenshotAsync("two-factor-code-desktop.png");
        await SignIn.SubmitCodeAsync(page, SignIn.FreshCode(DemoData.ManagerAuthenticatorKey));

        await page.WaitForURLAsync(StaffUrl());
        await Expect(page.Locator("main h1")).ToContainTextAsync("服务台");
        await session.AssertNoHorizontalScrollAsync();
        await session.ScreenshotAsync("manager-after-two-factor-desktop.png");
        session.AssertNothingWentWrong();
    }

    [SkippableFact]
    public async Task Demo_admin_lands_on_admin()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        await using var session = await browser.OpenAsync(Devices.Desktop(), nameof(Demo_admin_lands_on_admin));
        var page = session.Page;

        await SignIn.SignInAsync(page, DemoData.AdminEmail, DemoData.Password);

        await page.WaitForURLAsync(AdminUrl());
        await Expect(page.Locator("main h1")).ToContainTextAsync("系统管理");
        await session.AssertNoHorizontalScrollAsync();
        await session.ScreenshotAsync("admin-desktop.png");
        session.AssertNothingWentWrong();
    }

    [SkippableFact]
    public async Task Demo_technician_lands_on_my_jobs_on_a_phone()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        await using var session = await browser.OpenAsync(Devices.Phone(), nameof(Demo_technician_lands_on_my_jobs_on_a_phone));
        var page = session.Page;

        await SignIn.SignInAsync(page, DemoData.TechnicianEmail, DemoData.Password);

        await page.WaitForURLAsync(TechnicianUrl());
        await Expect(page.Locator("main h1")).ToContainTextAsync("我的工单");
        await session.AssertNoHorizontalScrollAsync();
        await session.ScreenshotAsync("technician-mobile.png");
        session.AssertNothingWentWrong();
    }

    [GeneratedRegex(@"/Staff/?$", RegexOptions.IgnoreCase)]
    private static partial Regex StaffUrl();

    [GeneratedRegex(@"/Admin/?$", RegexOptions.IgnoreCase)]
    private static partial Regex AdminUrl();

    [GeneratedRegex(@"/Technician/Jobs/?$", RegexOptions.IgnoreCase)]
    private static partial Regex TechnicianUrl();
}
