using BathroomAftersales.BrowserTests.Support;
using BathroomAftersales.Web.Data.Seed;

using static Microsoft.Playwright.Assertions;

namespace BathroomAftersales.BrowserTests;

/// <summary>
/// The demo manager reads the contract scorecard, opens the records behind a number, and reads the quarterly
/// satisfaction report with its charts drawn by the vendored Chart.js.
/// </summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed class ReportsJourneyTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task The_manager_reads_the_scorecard_its_records_and_the_quarterly_report_with_charts()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        await using var manager = await browser.OpenAsync(Devices.Desktop(), nameof(The_manager_reads_the_scorecard_its_records_and_the_quarterly_report_with_charts));
        await SignIn.SignInAsync(manager.Page, DemoData.ManagerEmail, DemoData.Password);

        // The scorecard: every KPI with its status in words, and the table the export writes.
        await manager.Page.GotoAsync("/Reports/Scorecard");
        await Expect(manager.Page.Locator("h1")).ToContainTextAsync("计分卡");
        await Expect(manager.Page.Locator("[data-report-table=scorecard] tbody tr")).ToHaveCountAsync(12);
        await Expect(manager.Page.Locator("[data-report-table=scorecard]")).ToContainTextAsync("响应率");
        await manager.ScreenshotAsync("scorecard-desktop.png");

        // A number opens the records behind it.
        await manager.Page.Locator("a[data-drill=response]").ClickAsync();
        await Expect(manager.Page.Locator("h1")).ToBeVisibleAsync();
        Assert.Contains("/Reports/Scorecard/Records", manager.Page.Url, StringComparison.Ordinal);

        // The quarterly report: its charts are drawn (Chart.js attached to every canvas), the numbers are in tables.
        await manager.Page.GotoAsync("/Reports/Quarterly");
        var canvases = manager.Page.Locator("main canvas");
        Assert.True(await canvases.CountAsync() >= 3, "The quarterly report draws at least three charts.");
        await manager.Page.WaitForFunctionAsync(
            "() => window.Chart && [...document.querySelectorAll('main canvas')].every(c => window.Chart.getChart(c))");
        Assert.True(await manager.Page.Locator("main [data-report-table]").CountAsync() >= 4, "The quarterly report shows its numbers in tables.");
        await manager.ScreenshotAsync("quarterly-report-desktop.png");

        // The print layout leaves navigation and the period form out.
        await manager.Page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
        await Expect(manager.Page.Locator("nav.navbar")).ToBeHiddenAsync();
        await manager.Page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Screen });

        manager.AssertNothingWentWrong();
    }
}
