using System.Globalization;
using System.Text.RegularExpressions;

using BathroomAftersales.BrowserTests.Support;
using BathroomAftersales.Web.Data.Seed;

using static Microsoft.Playwright.Assertions;

namespace BathroomAftersales.BrowserTests;

/// <summary>
/// The service desk end to end: the demo agent takes the emergency at the top of the queue, acknowledges it and sends
/// the demo technician; the customer then sees who comes and when on her phone. Screenshots land in the artifacts
/// folder.
/// </summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed partial class DeskJourneyTests(BrowserFixture browser)
{
    private const string EmergencyBadge = "紧急";
    private const string AcknowledgedStatus = "已受理";
    private const string ScheduledStatus = "已派工";
    private const string AcknowledgedMessage = "已受理，响应计时已停止。";
    private const string TechnicianName = "王师傅";
    private const string EmergencyCustomer = "李娜";

    /// <summary>The seeded emergency of the second demo customer, submitted 40 minutes before the app started.</summary>
    private const string EmergencyDescription = "恒温花洒阀门漏水";

    [SkippableFact]
    public async Task Agent_acknowledges_and_dispatches_the_newest_emergency_and_the_customer_sees_the_visit()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);

        string number;
        string requestId;
        string window;

        await using (var desk = await browser.OpenAsync(
            Devices.Desktop(), nameof(Agent_acknowledges_and_dispatches_the_newest_emergency_and_the_customer_sees_the_visit)))
        {
            var page = desk.Page;

            // 1. The queue: emergencies first, so the seeded one is the top row.
            await SignIn.SignInAsync(page, DemoData.AgentEmail, DemoData.Password);
            await page.WaitForURLAsync(StaffUrl());
            await page.GotoAsync("/Staff/Requests");
            await Expect(page.Locator("main h1")).ToContainTextAsync("请求队列");
            await Expect(page.Locator("#emergency-banner")).ToBeVisibleAsync();

            var top = page.Locator("table#queue tbody tr").First;
            await Expect(top).ToHaveClassAsync(EmergencyRow());
            await Expect(top.Locator(".badge", new() { HasText = EmergencyBadge })).ToBeVisibleAsync();
            await Expect(top).ToContainTextAsync(EmergencyCustomer);
            var link = top.Locator("td.request-number a");
            number = (await link.InnerTextAsync()).Trim();
            Assert.Matches(RequestNumber(), number);
            requestId = (await top.GetAttributeAsync("data-request-id"))!;
            Assert.False(string.IsNullOrEmpty(requestId), "The top queue row carries no request id.");
            await desk.AssertNoHorizontalScrollAsync();
            await desk.ScreenshotAsync("desk-queue-desktop.png");

            // 2. Its page: the emergency banner, the customer's own words, waiting to be acknowledged.
            await link.ClickAsync();
            await page.WaitForURLAsync(StaffDetailsUrl(requestId));
            await Expect(page.Locator("main h1")).ToHaveTextAsync(number);
            await Expect(page.Locator("main")).ToContainTextAsync(EmergencyDescription);
            await Expect(page.Locator("#emergency-banner")).ToBeVisibleAsync();

            await page.Locator("form[action*='handler=Acknowledge'] button[type=submit]").ClickAsync();
            await Expect(page.Locator("main [role=status]", new() { HasText = AcknowledgedMessage })).ToBeVisibleAsync();
            await Expect(page.Locator("#request-status")).ToHaveTextAsync(AcknowledgedStatus);

            // 3. Dispatch to the demo technician at the prefilled time.
            var dispatch = page.Locator("form[action*='handler=Dispatch']");
            await dispatch.Locator(".form-check", new() { HasText = TechnicianName })
                .Locator("input[name='Input.TechnicianId']").CheckAsync();
            var startValue = await dispatch.Locator("[name='Input.AppointmentStart']").InputValueAsync();
            var hoursValue = await dispatch.Locator("[name='Input.DurationHours']").InputValueAsync();
            Assert.False(string.IsNullOrEmpty(startValue), "The appointment start is not prefilled.");
            Assert.False(string.IsNullOrEmpty(hoursValue), "The duration is not prefilled.");
            var start = DateTime.Parse(startValue, CultureInfo.InvariantCulture);
            var end = start.AddHours(int.Parse(hoursValue, CultureInfo.InvariantCulture));
            window = $"{start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} – {end.ToString("HH:mm", CultureInfo.InvariantCulture)}";

            await dispatch.Locator("button[type=submit]").ClickAsync();
            await Expect(page.Locator("main [role=status]", new() { HasText = $"已派工给{TechnicianName}。" })).ToBeVisibleAsync();
            await Expect(page.Locator("#request-status")).ToHaveTextAsync(ScheduledStatus);
            await Expect(page.Locator("#technician")).ToHaveTextAsync(TechnicianName);
            await Expect(page.Locator("main")).ToContainTextAsync(window);
            await desk.AssertNoHorizontalScrollAsync();
            await desk.ScreenshotAsync("desk-dispatched-desktop.png");
            desk.AssertNothingWentWrong();
        }

        // 4. The customer, on her phone, finds the request by its number and sees who comes and when.
        await using var portal = await browser.OpenAsync(
            Devices.Phone(), nameof(Agent_acknowledges_and_dispatches_the_newest_emergency_and_the_customer_sees_the_visit) + "-portal");
        var phone = portal.Page;
        await SignIn.SignInAsync(phone, DemoData.Customer2Email, DemoData.Password);
        await phone.WaitForURLAsync(PortalUrl());
        await phone.GotoAsync("/Portal/Requests");
        var row = phone.Locator("main li", new() { HasText = number }).First;
        await Expect(row).ToContainTextAsync(ScheduledStatus);
        await row.Locator($"a[href='/Portal/Requests/Details/{requestId}']").ClickAsync();
        await phone.WaitForURLAsync(PortalDetailsUrl(requestId));
        await Expect(phone.Locator("main h1")).ToHaveTextAsync(number);

        var visit = phone.Locator("main dl");
        await Expect(visit.Locator("dt", new() { HasText = "技术人员" })).ToBeVisibleAsync();
        await Expect(visit.Locator("dd", new() { HasText = TechnicianName })).ToBeVisibleAsync();
        await Expect(visit.Locator("dt", new() { HasText = "预约时间" })).ToBeVisibleAsync();
        await Expect(visit.Locator("dd", new() { HasText = window })).ToBeVisibleAsync();
        await portal.AssertNoHorizontalScrollAsync();
        await portal.ScreenshotAsync("portal-visit-mobile.png");
        portal.AssertNothingWentWrong();
    }

    private static Regex StaffDetailsUrl(string id) => new($"/Staff/Requests/Details/{Regex.Escape(id)}$", RegexOptions.IgnoreCase);

    private static Regex PortalDetailsUrl(string id) => new($"/Portal/Requests/Details/{Regex.Escape(id)}$", RegexOptions.IgnoreCase);

    [GeneratedRegex(@"/Staff/?$", RegexOptions.IgnoreCase)]
    private static partial Regex StaffUrl();

    [GeneratedRegex(@"/Portal/?$", RegexOptions.IgnoreCase)]
    private static partial Regex PortalUrl();

    [GeneratedRegex(@"\brow-emergency\b")]
    private static partial Regex EmergencyRow();

    [GeneratedRegex(@"^SR-\d{8}-\d{4}$")]
    private static partial Regex RequestNumber();
}
