using System.Text.RegularExpressions;

using BathroomAftersales.BrowserTests.Support;
using BathroomAftersales.Web.Data.Seed;

using static Microsoft.Playwright.Assertions;

namespace BathroomAftersales.BrowserTests;

/// <summary>
/// The technician on site, on a phone: opens the demo job scheduled for tomorrow morning (the shower maintenance),
/// starts the visit, files the work report with a part and the on-site fee, and sees the job completed. The desk then
/// issues the invoice, and the customer sees on her phone who pays each line and opens the invoice.
/// </summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed partial class TechnicianReportJourneyTests(BrowserFixture browser)
{
    private const string MaintenanceType = "保养";
    private const string ScheduledStatus = "已派工";
    private const string InProgressStatus = "服务中";
    private const string CompletedStatus = "已完成";
    private const string FiledMessage = "服务报告已提交，工单已完成并已通知客户。";
    private const string PaidByYou = "由您支付";

    [SkippableFact]
    public async Task Demo_technician_files_the_work_report_on_a_phone_and_the_job_is_completed()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        await using var session = await browser.OpenAsync(Devices.Phone(), nameof(Demo_technician_files_the_work_report_on_a_phone_and_the_job_is_completed));
        var page = session.Page;

        // 1. My jobs: the seeded maintenance visit of tomorrow morning.
        await SignIn.SignInAsync(page, DemoData.TechnicianEmail, DemoData.Password);
        await page.WaitForURLAsync(TechnicianUrl());
        var job = page.Locator("main li", new() { HasText = MaintenanceType }).Filter(new() { HasText = ScheduledStatus }).First;
        await job.Locator("a.request-number").ClickAsync();
        await page.WaitForURLAsync(JobUrl());
        var jobUrl = page.Url;

        // 2. Start the visit (early is allowed), then open the report.
        await page.Locator("#start-visit").ClickAsync();
        await Expect(page.Locator("#job-status")).ToHaveTextAsync(InProgressStatus);
        await page.Locator("#file-report").ClickAsync();
        await page.WaitForURLAsync(ReportUrl());
        await Expect(page.Locator("#warranty-state")).ToBeVisibleAsync();
        await Expect(page.Locator("#payer-note")).ToBeVisibleAsync();

        // 3. Fill it in with the keyboard-friendly controls: one part, the on-site fee, the confirmations.
        await page.Locator("#Input_WorkPerformed").FillAsync("清洗花洒出水孔和过滤网，更换密封圈，出水恢复正常。");
        await page.Locator("label[for='cause-Wear']").ClickAsync();
        var firstPart = page.Locator("#part-0");
        var partValue = await firstPart.Locator("option").Nth(1).GetAttributeAsync("value");
        await firstPart.SelectOptionAsync(partValue!);
        await page.Locator("#qty-0").FillAsync("1");
        await page.Locator("#fee-OnSiteFee").CheckAsync();
        await page.Locator("#restored").CheckAsync();
        await page.Locator("#Input_CustomerConfirmationName").FillAsync("李娜");
        await session.AssertNoHorizontalScrollAsync();
        await session.ScreenshotAsync("technician-report-mobile.png");

        // 4. File it: back on the job page, completed, with the confirmation.
        await page.Locator("#submit-report").ClickAsync();
        await page.WaitForURLAsync(jobUrl);
        await Expect(page.Locator("main [role=status]", new() { HasText = FiledMessage })).ToBeVisibleAsync();
        await Expect(page.Locator("#job-status")).ToHaveTextAsync(CompletedStatus);
        await Expect(page.Locator("#file-report")).ToHaveCountAsync(0);
        await session.AssertNoHorizontalScrollAsync();
        await session.ScreenshotAsync("technician-report-filed-mobile.png");
        session.AssertNothingWentWrong();
        var requestId = jobUrl[(jobUrl.LastIndexOf('/') + 1)..];

        // 5. The desk issues the invoice from the request page.
        await using var desk = await browser.OpenAsync(Devices.Desktop(), nameof(Demo_technician_files_the_work_report_on_a_phone_and_the_job_is_completed) + "-desk");
        await SignIn.SignInAsync(desk.Page, DemoData.AgentEmail, DemoData.Password);
        await desk.Page.GotoAsync($"/Staff/Requests/Details/{requestId}");
        await Expect(desk.Page.Locator("#work-report")).ToBeVisibleAsync();
        await desk.Page.Locator("#issue-invoice").ClickAsync();
        await Expect(desk.Page.Locator("#invoice-number")).ToBeVisibleAsync();
        var invoiceNumber = (await desk.Page.Locator("#invoice-number").InnerTextAsync()).Trim();
        desk.AssertNothingWentWrong();

        // 6. The customer sees every line with who pays it, in plain words, and opens her invoice.
        await using var customer = await browser.OpenAsync(Devices.Phone(), nameof(Demo_technician_files_the_work_report_on_a_phone_and_the_job_is_completed) + "-customer");
        await SignIn.SignInAsync(customer.Page, DemoData.Customer2Email, DemoData.Password);
        await customer.Page.GotoAsync($"/Portal/Requests/Details/{requestId}");
        await Expect(customer.Page.Locator("#report-lines li")).ToHaveCountAsync(2);
        await Expect(customer.Page.Locator("#report-lines .line-payer").First).ToHaveTextAsync(PaidByYou);
        await customer.AssertNoHorizontalScrollAsync();
        await customer.ScreenshotAsync("customer-work-report-payers-mobile.png");
        await customer.Page.Locator("#request-invoice a").ClickAsync();
        await Expect(customer.Page.Locator("#invoice-number")).ToHaveTextAsync(invoiceNumber);
        await customer.ScreenshotAsync("customer-invoice-mobile.png");
        customer.AssertNothingWentWrong();
    }

    [GeneratedRegex(@"/Technician/Jobs/?$", RegexOptions.IgnoreCase)]
    private static partial Regex TechnicianUrl();

    [GeneratedRegex(@"/Technician/Jobs/Details/\d+$", RegexOptions.IgnoreCase)]
    private static partial Regex JobUrl();

    [GeneratedRegex(@"/Technician/Jobs/Report/\d+$", RegexOptions.IgnoreCase)]
    private static partial Regex ReportUrl();
}
