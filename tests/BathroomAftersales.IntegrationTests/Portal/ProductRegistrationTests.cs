using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.Files;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BathroomAftersales.IntegrationTests.Portal;

/// <summary>登记产品 over HTTP: the product appears with its warranty; a duplicate, a future date or an unknown model is refused and nothing is stored.</summary>
public sealed class ProductRegistrationTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string Register = "/Portal/Products/Register";

    [Fact]
    public async Task A_registered_product_appears_in_my_products_with_its_warranty()
    {
        using var customer = await SignedInAsync(DemoData.CustomerEmail);
        var customerId = await factory.CustomerIdAsync(DemoData.CustomerEmail);
        var (modelId, months) = await ModelAsync("BS-A45");
        var purchased = Today.AddDays(-10);
        var warrantyEnds = purchased.AddMonths(months);

        using var response = await customer.SubmitFormAsync(
            Register,
            Fields(modelId, "a45-2026-000123", purchased),
            [new Upload("ProofPhoto", "发票.png", "image/png", TestImages.Png())]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var product = await factory.QueryAsync(db => db.CustomerProducts.AsNoTracking().SingleAsync(p => p.SerialNumber == "A45-2026-000123"));
        Assert.Equal($"/Portal/Products/Details/{product.Id}", response.RedirectTarget());
        Assert.Equal(customerId, product.CustomerId);
        Assert.Equal(modelId, product.ProductModelId);
        Assert.Equal(purchased, product.PurchaseDate);
        Assert.Equal(warrantyEnds, product.WarrantyEndsOn);
        Assert.Equal("浦东新区", product.InstallationAddress.District);
        var proof = await factory.QueryAsync(db => db.StoredFiles.AsNoTracking().SingleAsync(f => f.CustomerProductId == product.Id));
        Assert.Equal(FilePurpose.ProofOfPurchase, proof.Purpose);
        Assert.Equal(customerId, proof.CustomerId);
        Assert.True(File.Exists(Path.Combine(factory.FilesRoot, proof.StorageName)));

        var warranty = $"在保至 {warrantyEnds:yyyy-MM-dd}";
        Assert.Equal(factory.InChinese("In warranty until {0}", warrantyEnds.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), warranty);

        using var detail = await customer.FollowRedirectAsync(response);
        var page = await detail.ReadDocumentAsync();
        Assert.Contains(factory.InChinese("Product registered."), page.VisibleText(), StringComparison.Ordinal);
        Assert.Contains(warranty, page.VisibleText(), StringComparison.Ordinal);

        // The list, after the detail page has shown (and so used up) the confirmation.
        var (list, document) = await customer.GetPageAsync("/Portal/Products");
        using (list)
        {
            var item = document.QuerySelectorAll("li").Single(li => li.TextContent.Contains("A45-2026-000123", StringComparison.Ordinal));
            Assert.Contains(warranty, item.TextContent, StringComparison.Ordinal);
            Assert.NotNull(item.QuerySelector($"img[src='/files/{proof.Id}/thumb']"));
        }
    }

    [Fact]
    public async Task A_serial_registered_by_another_customer_is_refused_without_saying_whose_it_is()
    {
        using var customer2 = await SignedInAsync(DemoData.Customer2Email);
        var (modelId, _) = await ModelAsync("TL-S7");
        var before = await PortalRowCounts.ReadAsync(factory);

        // 张伟's toilet, typed in lower case.
        using var response = await customer2.SubmitFormAsync(
            Register, Fields(modelId, "s7a2026030112", Today.AddDays(-3)), [new Upload("ProofPhoto", "receipt.jpg", "image/jpeg", TestImages.Jpeg())]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(factory.InChinese("This serial number is already registered. Please contact customer service."), page.ErrorMessages());
        var html = page.DocumentElement.OuterHtml;
        foreach (var owner in new[] { "张伟", DemoData.CustomerMobile, "138-0000-0001", DemoData.CustomerEmail, "张杨路" })
        {
            Assert.DoesNotContain(owner, html, StringComparison.Ordinal);
        }

        Assert.Equal(before, await PortalRowCounts.ReadAsync(factory));
    }

    [Fact]
    public async Task A_product_registered_twice_by_the_same_customer_is_refused_as_already_registered()
    {
        using var customer = await SignedInAsync(DemoData.CustomerEmail);
        var (modelId, _) = await ModelAsync("FC-M21");
        var before = await PortalRowCounts.ReadAsync(factory);

        using var response = await customer.SubmitFormAsync(Register, Fields(modelId, "M21B2024051033", Today.AddMonths(-30)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese("You have already registered this product."), (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await PortalRowCounts.ReadAsync(factory));
    }

    public static TheoryData<string, string, string> RefusedFields => new()
    {
        { "future purchase date", "Input.PurchaseDate", "The purchase date cannot be in the future." },
        { "unknown model", "Input.ModelId", "Please choose a model from the list." },
        { "no model", "Input.ModelId", "Please choose a model from the list." },
        { "unreadable model", "Input.ModelId", "Please choose a model from the list." },
        { "no serial", "Input.SerialNumber", "Please enter the serial number." },
        { "long serial", "Input.SerialNumber", "The serial number can be at most {0} characters." },
        { "no purchase date", "Input.PurchaseDate", "Please enter the purchase date." },
        { "unreadable purchase date", "Input.PurchaseDate", "Please enter the purchase date." },
        { "long street", "Input.Address.Street", "At most {0} characters." },
    };

    [Theory]
    [MemberData(nameof(RefusedFields))]
    public async Task A_refused_registration_gets_a_clear_message_and_stores_nothing(string problem, string field, string messageKey)
    {
        using var customer = await SignedInAsync(DemoData.CustomerEmail);
        var (modelId, _) = await ModelAsync("TL-C320");
        var fields = Fields(modelId, "C320-REFUSED-" + problem.Length, Today.AddDays(-1));
        fields[field] = problem switch
        {
            "future purchase date" => Format(Today.AddDays(1)),
            "unknown model" => "999999",
            "unreadable model" => "toilet",
            "long serial" => new string('9', 61),
            "unreadable purchase date" => "2026-02-30",
            "long street" => new string('路', 201),
            _ => string.Empty,
        };
        var before = await PortalRowCounts.ReadAsync(factory);

        using var response = await customer.SubmitFormAsync(Register, fields, [new Upload("ProofPhoto", "receipt.jpg", "image/jpeg", TestImages.Jpeg())]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = messageKey switch
        {
            "The serial number can be at most {0} characters." => factory.InChinese(messageKey, 60),
            "At most {0} characters." => factory.InChinese(messageKey, 200),
            _ => factory.InChinese(messageKey),
        };
        Assert.Contains(expected, (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await PortalRowCounts.ReadAsync(factory));
    }

    [Fact]
    public async Task A_fake_proof_of_purchase_is_refused_and_no_product_is_stored()
    {
        using var customer = await SignedInAsync(DemoData.CustomerEmail);
        var (modelId, _) = await ModelAsync("TL-W110");
        var before = await PortalRowCounts.ReadAsync(factory);

        using var response = await customer.SubmitFormAsync(
            Register,
            Fields(modelId, "W110-FAKE-PROOF", Today.AddDays(-1)),
            [new Upload("ProofPhoto", "发票.jpg", "image/jpeg", "%PDF-1.7 not a photo"u8.ToArray())]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese("“{0}” is not a JPEG, PNG or WebP photo.", "发票.jpg"), (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await PortalRowCounts.ReadAsync(factory));
    }

    private DateOnly Today => factory.Services.GetRequiredService<LocalClock>().Today;

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The form's own fields (the installation address stays the profile's) with a model, a serial and a date.</summary>
    private static Dictionary<string, string?> Fields(int modelId, string serial, DateOnly purchased) => new()
    {
        ["Input.ModelId"] = modelId.ToString(CultureInfo.InvariantCulture),
        ["Input.SerialNumber"] = serial,
        ["Input.PurchaseDate"] = Format(purchased),
    };

    private async Task<(int Id, int WarrantyMonths)> ModelAsync(string sku)
    {
        var model = await factory.QueryAsync(db => db.ProductModels.AsNoTracking().SingleAsync(m => m.Sku == sku));
        return (model.Id, model.WarrantyMonths);
    }

    private async Task<HttpClient> SignedInAsync(string login)
    {
        var browser = factory.CreateBrowser();
        await browser.SignInAsync(login);
        return browser;
    }
}
