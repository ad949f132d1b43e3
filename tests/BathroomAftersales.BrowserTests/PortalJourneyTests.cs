using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

using BathroomAftersales.BrowserTests.Support;
using BathroomAftersales.Web.Data.Seed;

using Microsoft.Playwright;

using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

using static Microsoft.Playwright.Assertions;

namespace BathroomAftersales.BrowserTests;

/// <summary>
/// The customer portal on a phone, end to end: register a product, report a problem with a photo, find the request
/// again by its number. Screenshots of every step land in the artifacts folder.
/// </summary>
[Collection(BrowserTestsDefinition.Name)]
public sealed partial class PortalJourneyTests(BrowserFixture browser)
{
    private const string CustomerName = "张伟";
    private const string ModelCode = "C320";
    private const string InWarranty = "在保至";
    private const string OutOfWarranty = "已过保";

    /// <summary>The demo customer's seeded products: a toilet bought 8 months ago (24 months' warranty), a faucet bought 30 months ago.</summary>
    private const string SeededToiletSerial = "S7A2026030112";
    private const string SeededFaucetSerial = "M21B2024051033";

    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [SkippableFact]
    public async Task Customer_registers_a_product_and_submits_a_repair_with_a_photo_on_a_phone()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        await using var session = await browser.OpenAsync(
            Devices.Phone(), nameof(Customer_registers_a_product_and_submits_a_repair_with_a_photo_on_a_phone));
        var page = session.Page;
        var serial = "E2E" + RandomNumberGenerator.GetInt32(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);
        var purchaseDate = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), China).Date.AddDays(-60);
        var photo = CreatePhoto();

        try
        {
            // 1. Sign in and land on the dashboard.
            await SignIn.SignInAsync(page, DemoData.CustomerEmail, DemoData.Password);
            await page.WaitForURLAsync(PortalUrl());
            await Expect(page.Locator("main h1")).ToContainTextAsync(CustomerName);
            await Expect(page.Locator("main a.btn-new-request[href='/Portal/Requests/New']")).ToBeVisibleAsync();
            await session.AssertNoHorizontalScrollAsync();
            await session.ScreenshotAsync("portal-dashboard-mobile.png");

            // 2. Register a product: from the dashboard's link when it has one, else through "my products".
            var registerLink = page.Locator("main a[href='/Portal/Products/Register']:visible").First;
            if (await registerLink.CountAsync() == 0)
            {
                await page.GotoAsync("/Portal/Products");
                await Expect(page.Locator("main h1")).ToContainTextAsync("我的产品");
                await session.AssertNoHorizontalScrollAsync();
            }

            await registerLink.ClickAsync();
            await page.WaitForURLAsync(RegisterUrl());
            await Expect(page.Locator("main h1")).ToContainTextAsync("登记产品");

            var form = page.Locator("form#register-product");
            var model = form.Locator("[name='Input.ModelId']");
            var modelId = await model.Locator("option", new() { HasText = ModelCode }).First.GetAttributeAsync("value");
            Assert.False(string.IsNullOrEmpty(modelId), $"No model option mentions {ModelCode}.");
            await model.SelectOptionAsync(modelId!);
            await form.Locator("[name='Input.SerialNumber']").FillAsync(serial);
            await form.Locator("[name='Input.PurchaseDate']").FillAsync(purchaseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

            // The installation address comes from the customer's profile; fill in whatever it leaves empty.
            await FillIfEmptyAsync(form.Locator("[name='Input.Address.Province']"), "上海市");
            await FillIfEmptyAsync(form.Locator("[name='Input.Address.City']"), "上海市");
            await FillIfEmptyAsync(form.Locator("[name='Input.Address.District']"), "浦东新区");
            await FillIfEmptyAsync(form.Locator("[name='Input.Address.Street']"), "世纪大道 100 号");
            await session.AssertNoHorizontalScrollAsync();
            await session.ScreenshotAsync("product-register-mobile.png");

            await form.Locator("button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(ProductDetailsUrl());
            var productId = ProductDetailsUrl().Match(page.Url).Groups["id"].Value;
            await Expect(page.Locator("main h1")).ToContainTextAsync(ModelCode);
            await Expect(page.Locator("main")).ToContainTextAsync(serial);
            await Expect(page.Locator("main")).ToContainTextAsync(InWarranty);
            await session.AssertNoHorizontalScrollAsync();
            await session.ScreenshotAsync("product-detail-mobile.png");

            // 3. Report a problem with this product, a photo and a preferred time.
            var requestLink = page.Locator($"main a[href='/Portal/Requests/New?productId={productId}']:visible").First;
            await requestLink.ClickAsync();
            await page.WaitForURLAsync(NewRequestUrl());
            await Expect(page.Locator("main h1")).ToContainTextAsync("报修");

            var request = page.Locator("form#new-request");
            await Expect(request.Locator("[name='Input.ProductId']")).ToHaveValueAsync(productId);
            await Expect(page.Locator("#product-warranty")).ToContainTextAsync(InWarranty);
            await request.Locator("[name='Input.Type']").SelectOptionAsync("Repair");
            await request.Locator("[name='Input.Description']").FillAsync("马桶冲水后水箱一直在流水，停不下来，地上有一点积水。");
            await request.Locator("input[type=file][name='Photos']").SetInputFilesAsync(photo);

            var firstTime = request.Locator("input.btn-check[name='Input.PreferredTimes']").First;
            var firstTimeId = await firstTime.GetAttributeAsync("id");
            await request.Locator($"label[for='{firstTimeId}']").ClickAsync();
            await Expect(firstTime).ToBeCheckedAsync();
            await Expect(request.Locator("[name='Input.Address.Street']")).Not.ToHaveValueAsync(string.Empty);
            await Expect(page.Locator("#what-next")).ToBeVisibleAsync();
            await session.AssertNoHorizontalScrollAsync();
            await session.ScreenshotAsync("new-request-mobile.png");

            await request.Locator("button[type=submit]").ClickAsync();

            // 4. The confirmation: the request's own page with its number and the photo.
            await page.WaitForURLAsync(RequestDetailsUrl());
            var requestId = RequestDetailsUrl().Match(page.Url).Groups["id"].Value;
            var banner = page.Locator("main [role=status]", new() { HasText = "已收到报修" });
            await Expect(banner).ToBeVisibleAsync();
            var heading = page.Locator("main h1");
            await Expect(heading).ToHaveTextAsync(RequestNumber());
            var number = (await heading.InnerTextAsync()).Trim();
            await Expect(banner).ToContainTextAsync(number);
            await Expect(page.Locator("main")).ToContainTextAsync(serial);

            var thumbnail = page.Locator("main img[src$='/thumb']").First;
            await thumbnail.ScrollIntoViewIfNeededAsync();
            await Expect(thumbnail).ToBeVisibleAsync();
            await thumbnail.EvaluateAsync(
                "img => img.complete && img.naturalWidth > 0 ? true : new Promise((ok, fail) => { img.onload = () => ok(true); img.onerror = () => fail(new Error('thumbnail failed')); })");
            Assert.True(await thumbnail.EvaluateAsync<int>("img => img.naturalWidth") > 0, "The photo thumbnail did not load.");
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await session.AssertNoHorizontalScrollAsync();
            await session.ScreenshotAsync("request-detail-mobile.png");

            // 5. The list of my requests shows it, and so does the dashboard.
            await page.GotoAsync("/Portal/Requests");
            var row = page.Locator("main li", new() { HasText = number }).First;
            await Expect(row).ToBeVisibleAsync();
            await Expect(row.Locator($"a[href='/Portal/Requests/Details/{requestId}']")).ToBeVisibleAsync();
            await session.AssertNoHorizontalScrollAsync();
            await session.ScreenshotAsync("requests-list-mobile.png");

            await page.GotoAsync("/Portal");
            await Expect(page.Locator("main")).ToContainTextAsync(number);
            await session.AssertNoHorizontalScrollAsync();
            session.AssertNothingWentWrong();
        }
        finally
        {
            File.Delete(photo);
        }
    }

    [SkippableFact]
    public async Task Customer_sees_warranty_state_before_submitting()
    {
        Skip.If(browser.SkipReason is not null, browser.SkipReason);
        await using var session = await browser.OpenAsync(Devices.Phone(), nameof(Customer_sees_warranty_state_before_submitting));
        var page = session.Page;

        await SignIn.SignInAsync(page, DemoData.CustomerEmail, DemoData.Password);
        await page.WaitForURLAsync(PortalUrl());
        await page.GotoAsync("/Portal/Requests/New");

        var product = page.Locator("form#new-request [name='Input.ProductId']");
        var warranty = page.Locator("#product-warranty");
        await Expect(product).ToHaveValueAsync(string.Empty);
        await Expect(warranty).ToHaveTextAsync(string.Empty);

        var toilet = product.Locator("option", new() { HasText = SeededToiletSerial });
        await product.SelectOptionAsync((await toilet.GetAttributeAsync("value"))!);
        await Expect(warranty).ToContainTextAsync(InWarranty);
        await Expect(warranty).ToHaveTextAsync((await toilet.GetAttributeAsync("data-warranty"))!);

        // Choosing a product also fills the visit address with where it is installed.
        await Expect(page.Locator("form#new-request [name='Input.Address.Street']"))
            .ToHaveValueAsync((await toilet.GetAttributeAsync("data-street"))!);

        var faucet = product.Locator("option", new() { HasText = SeededFaucetSerial });
        await product.SelectOptionAsync((await faucet.GetAttributeAsync("value"))!);
        await Expect(warranty).ToHaveTextAsync(OutOfWarranty);

        await product.SelectOptionAsync(string.Empty);
        await Expect(warranty).ToHaveTextAsync(string.Empty);
        await session.AssertNoHorizontalScrollAsync();
        session.AssertNothingWentWrong();
    }

    private static async Task FillIfEmptyAsync(ILocator input, string value)
    {
        if (string.IsNullOrWhiteSpace(await input.InputValueAsync()))
        {
            await input.FillAsync(value);
        }
    }

    /// <summary>A small, real JPEG (a phone photo stand-in) in a temp file the caller deletes.</summary>
    private static string CreatePhoto()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ba-e2e-{Guid.NewGuid():N}.jpg");
        using var image = new Image<Rgb24>(320, 240, Color.LightBlue.ToPixel<Rgb24>());
        image.SaveAsJpeg(path);
        return path;
    }

    [GeneratedRegex(@"/Portal/?$", RegexOptions.IgnoreCase)]
    private static partial Regex PortalUrl();

    [GeneratedRegex(@"/Portal/Products/Register/?$", RegexOptions.IgnoreCase)]
    private static partial Regex RegisterUrl();

    [GeneratedRegex(@"/Portal/Products/Details/(?<id>\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ProductDetailsUrl();

    [GeneratedRegex(@"/Portal/Requests/New\?productId=\d+$", RegexOptions.IgnoreCase)]
    private static partial Regex NewRequestUrl();

    [GeneratedRegex(@"/Portal/Requests/Details/(?<id>\d+)(\?submitted=True)?$", RegexOptions.IgnoreCase)]
    private static partial Regex RequestDetailsUrl();

    // Passed to the browser as a JavaScript regex: keep to syntax both engines read alike.
    [GeneratedRegex(@"^\s*SR-\d{8}-\d{4}\s*$")]
    private static partial Regex RequestNumber();
}
