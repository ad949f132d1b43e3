using System.Text.RegularExpressions;

using BathroomAftersales.BrowserTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

using static Microsoft.Playwright.Assertions;

namespace BathroomAftersales.BrowserTests;

/// <summary>
/// The customer relationship on both sides: the demo customer files a complaint on her phone, the demo agent
/// acknowledges and resolves it, the customer accepts the resolution; then a manager opens the quarter's survey and the
/// customer answers it from the personal link in her email, without signing in.
/// </summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed partial class CrmJourneyTests(BrowserFixture browser)
{
    private const string Complaint = "师傅上门迟到了两个小时，也没有提前打电话。";
    private const string Resolution = "已向您致歉，并对技术人员进行了准时上门培训；本次上门服务费全免。";

    [SkippableFact]
    public async Task A_complaint_is_filed_resolved_and_accepted_and_the_survey_is_answered_from_its_link()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        var name = nameof(A_complaint_is_filed_resolved_and_accepted_and_the_survey_is_answered_from_its_link);

        // 1. The customer files a complaint on her phone.
        await using var customer = await browser.OpenAsync(Devices.Phone(), name + "-customer");
        await SignIn.SignInAsync(customer.Page, DemoData.CustomerEmail, DemoData.Password);
        await customer.Page.GotoAsync("/Portal/Complaints/New");
        await customer.Page.Locator("#Input_Category").SelectOptionAsync("Timeliness");
        await customer.Page.Locator("#Input_Description").FillAsync(Complaint);
        await customer.AssertNoHorizontalScrollAsync();
        await customer.ScreenshotAsync("complaint-new-mobile.png");
        await customer.Page.Locator("#new-complaint button[type=submit]").ClickAsync();
        await customer.Page.WaitForURLAsync(ComplaintUrl());
        var complaintPath = new Uri(customer.Page.Url).AbsolutePath;
        var id = complaintPath[(complaintPath.LastIndexOf('/') + 1)..];

        // 2. The agent acknowledges and resolves it.
        await using var desk = await browser.OpenAsync(Devices.Desktop(), name + "-desk");
        await SignIn.SignInAsync(desk.Page, DemoData.AgentEmail, DemoData.Password);
        await desk.Page.GotoAsync("/Staff/Complaints/Details/" + id);
        await desk.Page.Locator("form[action*='handler=Acknowledge'] button[type=submit]").ClickAsync();
        await desk.Page.Locator("#resolution-text").FillAsync(Resolution);
        await desk.Page.Locator("form[action*='handler=Resolve'] button[type=submit]").ClickAsync();
        await Expect(desk.Page.Locator("main [role=status]")).ToBeVisibleAsync();
        await desk.ScreenshotAsync("complaint-resolved-desktop.png");
        desk.AssertNothingWentWrong();

        // 3. The customer reads the resolution and accepts it.
        await customer.Page.GotoAsync(complaintPath);
        await Expect(customer.Page.Locator("#resolution")).ToContainTextAsync(Resolution);
        await customer.Page.Locator("form[action*='handler=Accept'] button[type=submit]").ClickAsync();
        await Expect(customer.Page.Locator("#complaint-status")).ToHaveTextAsync("已接受");
        await customer.ScreenshotAsync("complaint-accepted-mobile.png");
        customer.AssertNothingWentWrong();

        // 4. A manager opens this quarter's satisfaction survey for all reachable customers.
        await using var manager = await browser.OpenAsync(Devices.Desktop(), name + "-manager");
        await SignIn.SignInAsync(manager.Page, DemoData.ManagerEmail, DemoData.Password);
        await manager.Page.GotoAsync("/Staff/Surveys/Create");
        await manager.Page.Locator("#Audience_All").CheckAsync();
        await manager.Page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(manager.Page.Locator("main [role=status]")).ToBeVisibleAsync();
        manager.AssertNothingWentWrong();

        // 5. The customer follows the link in her email, signed out, and answers.
        var body = await browser.QueryAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == "SurveyInvitation" && m.To == DemoData.CustomerEmail)
            .Select(m => m.Body)
            .SingleAsync());
        var link = SurveyLink().Match(body).Value;
        Assert.False(string.IsNullOrEmpty(link), "The invitation email carries a personal survey link.");
        await using var guest = await browser.OpenAsync(Devices.Phone(), name + "-link");
        await guest.Page.GotoAsync(link);
        foreach (var question in new[] { "Overall", "Timeliness", "Professionalism", "Quality" })
        {
            await guest.Page.Locator($"label[for='Input_{question}_5']").ClickAsync();
        }

        await guest.Page.Locator("label[for='Input_Recommend_9']").ClickAsync();
        await guest.Page.Locator("#Input_Comment").FillAsync("处理投诉很及时。");
        await guest.AssertNoHorizontalScrollAsync();
        await guest.ScreenshotAsync("survey-link-mobile.png");
        await guest.Page.Locator("main form button[type=submit]").ClickAsync();
        await guest.Page.WaitForURLAsync(ThanksUrl());
        await guest.ScreenshotAsync("survey-thanks-mobile.png");
        guest.AssertNothingWentWrong();
    }

    [GeneratedRegex(@"/Portal/Complaints/Details/\d+$", RegexOptions.IgnoreCase)]
    private static partial Regex ComplaintUrl();

    [GeneratedRegex(@"/Survey/Thanks", RegexOptions.IgnoreCase)]
    private static partial Regex ThanksUrl();

    [GeneratedRegex(@"/Survey/[A-Za-z0-9_\-]+")]
    private static partial Regex SurveyLink();
}
