using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.Catalog;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BathroomAftersales.IntegrationTests.Catalog;

/// <summary>The catalogs of the administration area: product models, parts with their prices, and the fee schedule.</summary>
public sealed class CatalogTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string NewPart = "/Admin/Catalog/Parts/Edit";
    private const string NewModel = "/Admin/Catalog/Models/Edit";
    private const string Fees = "/Admin/Catalog/Fees";

    private DateOnly Today => factory.Services.GetRequiredService<LocalClock>().Today;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Invariant(int id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<HttpClient> SignedInAsync(DemoAccount account)
    {
        var browser = factory.CreateBrowser();
        await browser.SignInAsync(account);
        return browser;
    }

    [Fact]
    public async Task A_manager_creates_a_part_and_finds_it_in_the_list()
    {
        using var browser = await SignedInAsync(Accounts.Manager);

        using var response = await browser.SubmitFormAsync(NewPart, new Dictionary<string, string?>
        {
            ["Input.Sku"] = " pt-ws01 ",
            ["Input.Name"] = "马桶密封圈",
            ["Input.Fits"] = nameof(ProductCategory.Toilet),
            ["Input.UnitPrice"] = "19.90",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var list = await browser.FollowRedirectAsync(response);
        var text = (await list.ReadDocumentAsync()).VisibleText();
        Assert.Contains(factory.InChinese("The part {0} has been saved.", "PT-WS01"), text, StringComparison.Ordinal);
        Assert.Contains("¥19.90", text, StringComparison.Ordinal);
        var part = await factory.QueryAsync(db => db.Parts.AsNoTracking().Include(p => p.Prices).SingleAsync(p => p.Sku == "PT-WS01"));
        Assert.Equal("马桶密封圈", part.Name);
        Assert.Equal([ProductCategory.Toilet], part.Fits);
        Assert.True(part.Active);
        Assert.Equal(19.90m, part.PriceOn(Today));
    }

    [Fact]
    public async Task A_duplicate_part_sku_in_any_case_is_refused_with_a_message()
    {
        using var browser = await SignedInAsync(Accounts.Manager);
        var before = await factory.QueryAsync(db => db.Parts.CountAsync());

        using var response = await browser.SubmitFormAsync(NewPart, new Dictionary<string, string?>
        {
            ["Input.Sku"] = "pt-fv01",
            ["Input.Name"] = "另一个进水阀",
            ["Input.Fits"] = nameof(ProductCategory.Toilet),
            ["Input.UnitPrice"] = "40",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese("A part with SKU {0} already exists.", "PT-FV01"), (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await factory.QueryAsync(db => db.Parts.CountAsync()));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("12.345")]
    [InlineData("1000000.01")]
    public async Task A_negative_three_decimal_or_too_large_price_is_refused(string price)
    {
        using var browser = await SignedInAsync(Accounts.Manager);

        using var response = await browser.SubmitFormAsync(NewPart, new Dictionary<string, string?>
        {
            ["Input.Sku"] = "PT-BAD",
            ["Input.Name"] = "错误价格",
            ["Input.Fits"] = nameof(ProductCategory.Other),
            ["Input.UnitPrice"] = price,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(
            factory.InChinese("Please enter an amount from 0 to 1,000,000 yuan with at most two decimal places."),
            (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.False(await factory.QueryAsync(db => db.Parts.AnyAsync(p => p.Sku == "PT-BAD")));
    }

    [Fact]
    public async Task A_price_change_from_a_future_day_leaves_the_old_price_in_force_today()
    {
        using var browser = await SignedInAsync(Accounts.Manager);
        var id = await factory.QueryAsync(db => db.Parts.Where(p => p.Sku == "PT-DV01").Select(p => p.Id).SingleAsync());
        var nextWeek = Today.AddDays(7);

        using var response = await browser.SubmitFormAsync($"{NewPart}/{Invariant(id)}", new Dictionary<string, string?>
        {
            ["Input.UnitPrice"] = "75.00",
            ["Input.PriceEffectiveFrom"] = Day(nextWeek),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var part = await factory.QueryAsync(db => db.Parts.AsNoTracking().Include(p => p.Prices).SingleAsync(p => p.Id == id));
        Assert.Equal(68m, part.PriceOn(Today));
        Assert.Equal(68m, part.PriceOn(nextWeek.AddDays(-1)));
        Assert.Equal(75m, part.PriceOn(nextWeek));
        var (_, list) = await browser.GetPageAsync("/Admin/Catalog/Parts?q=PT-DV01");
        var text = list.VisibleText();
        Assert.Contains("¥68.00", text, StringComparison.Ordinal);
        Assert.Contains(factory.InChinese("New price from {0}", Day(nextWeek)), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_price_cannot_be_changed_from_a_past_day()
    {
        using var browser = await SignedInAsync(Accounts.Manager);
        var id = await factory.QueryAsync(db => db.Parts.Where(p => p.Sku == "PT-SC01").Select(p => p.Id).SingleAsync());

        using var response = await browser.SubmitFormAsync($"{NewPart}/{Invariant(id)}", new Dictionary<string, string?>
        {
            ["Input.UnitPrice"] = "99",
            ["Input.PriceEffectiveFrom"] = Day(Today.AddDays(-1)),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese("A new price cannot start in the past."), (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(1, await factory.QueryAsync(db => db.PartPrices.CountAsync(p => p.PartId == id)));
    }

    [Fact]
    public async Task A_part_edited_meanwhile_by_another_manager_is_not_overwritten()
    {
        using var first = await SignedInAsync(Accounts.Manager);
        using var second = await SignedInAsync(Accounts.Admin);
        var id = await factory.QueryAsync(db => db.Parts.Where(p => p.Sku == "PT-HG01").Select(p => p.Id).SingleAsync());
        var url = $"{NewPart}/{Invariant(id)}";
        var (_, stalePage) = await second.GetPageAsync(url);

        using var saved = await first.SubmitFormAsync(url, new Dictionary<string, string?> { ["Input.Name"] = "浴室柜阻尼铰链（加厚）" });
        var stale = Browser.FindForm(stalePage, new Uri("https://localhost" + url), ["Input.Name"])
            .Fill(new Dictionary<string, string?> { ["Input.Name"] = "铰链" });
        using var conflict = await second.SubmitAsync(stale);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        Assert.Contains(factory.InChinese("This record was changed meanwhile. Please review and save again."), (await conflict.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal("浴室柜阻尼铰链（加厚）", await factory.QueryAsync(db => db.Parts.Where(p => p.Id == id).Select(p => p.Name).SingleAsync()));
    }

    [Fact]
    public async Task The_parts_list_filters_by_category_and_state()
    {
        using var browser = await SignedInAsync(Accounts.Manager);

        var (response, page) = await browser.GetPageAsync($"/Admin/Catalog/Parts?category={nameof(ProductCategory.Shower)}&state=active");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = page.VisibleText();
        Assert.Contains("PT-SH01", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PT-FV01", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_product_model_can_be_discontinued_and_reinstated()
    {
        using var browser = await SignedInAsync(Accounts.Manager);
        var id = await factory.QueryAsync(db => db.ProductModels.Where(m => m.Sku == "TL-W110").Select(m => m.Id).SingleAsync());
        var url = $"{NewModel}/{Invariant(id)}";

        using var off = await browser.SubmitFormAsync(url, new Dictionary<string, string?> { ["Input.Discontinued"] = "true" });
        var discontinued = await factory.QueryAsync(db => db.ProductModels.Where(m => m.Id == id).Select(m => m.Discontinued).SingleAsync());
        using var on = await browser.SubmitFormAsync(url, new Dictionary<string, string?> { ["Input.Discontinued"] = null });
        var reinstated = await factory.QueryAsync(db => db.ProductModels.Where(m => m.Id == id).Select(m => m.Discontinued).SingleAsync());

        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.True(discontinued);
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        Assert.False(reinstated);
    }

    [Fact]
    public async Task A_duplicate_product_model_sku_is_refused_with_a_message()
    {
        using var browser = await SignedInAsync(Accounts.Manager);

        using var response = await browser.SubmitFormAsync(NewModel, new Dictionary<string, string?>
        {
            ["Input.Sku"] = "tl-s7",
            ["Input.Name"] = "重复型号",
            ["Input.Category"] = nameof(ProductCategory.Toilet),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese("A product model with SKU {0} already exists.", "TL-S7"), (await response.ReadDocumentAsync()).ErrorMessages());
    }

    [Fact]
    public async Task An_admin_can_use_the_catalog()
    {
        using var browser = await SignedInAsync(Accounts.Admin);

        using var created = await browser.SubmitFormAsync(NewModel, new Dictionary<string, string?>
        {
            ["Input.Sku"] = "sh-r30",
            ["Input.Name"] = "圆形顶喷花洒 R30",
            ["Input.Category"] = nameof(ProductCategory.Shower),
            ["Input.WarrantyMonths"] = "24",
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var model = await factory.QueryAsync(db => db.ProductModels.AsNoTracking().SingleAsync(m => m.Sku == "SH-R30"));
        Assert.Equal(24, model.WarrantyMonths);
        foreach (var url in new[] { "/Admin", "/Admin/Catalog/Models", "/Admin/Catalog/Parts", Fees })
        {
            using var response = await browser.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("/Admin/Catalog/Models")]
    [InlineData("/Admin/Catalog/Models/Edit")]
    [InlineData("/Admin/Catalog/Parts")]
    [InlineData("/Admin/Catalog/Parts/Edit")]
    [InlineData(Fees)]
    public async Task A_crm_agent_is_forbidden_the_catalog(string url)
    {
        using var browser = await SignedInAsync(Accounts.Agent);

        using var response = await browser.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/Admin/Catalog/Models/Edit/999999")]
    [InlineData("/Admin/Catalog/Parts/Edit/999999")]
    public async Task An_unknown_catalog_entry_is_not_found(string url)
    {
        using var browser = await SignedInAsync(Accounts.Manager);

        using var response = await browser.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_new_fee_is_added_from_a_future_day_and_shown_beside_the_one_in_force()
    {
        using var browser = await SignedInAsync(Accounts.Manager);
        var nextMonth = Today.AddMonths(1);

        using var response = await browser.SubmitFormAsync(Fees, new Dictionary<string, string?>
        {
            ["Input.Kind"] = nameof(FeeKind.MaintenanceFee),
            ["Input.Unit"] = nameof(FeeUnit.Flat),
            ["Input.Amount"] = "168.5",
            ["Input.EffectiveFrom"] = Day(nextMonth),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var page = await browser.FollowRedirectAsync(response);
        var document = await page.ReadDocumentAsync();
        var maintenance = document.QuerySelector($"table[data-fee-kind={nameof(FeeKind.MaintenanceFee)}]")?.TextContent ?? string.Empty;
        Assert.Contains("¥150.00", maintenance, StringComparison.Ordinal);
        Assert.Contains("¥168.50", maintenance, StringComparison.Ordinal);
        Assert.Contains(Day(nextMonth), maintenance, StringComparison.Ordinal);
        Assert.Contains(
            factory.InChinese("The new {0} applies from {1}.", factory.InChinese(nameof(FeeKind.MaintenanceFee)), Day(nextMonth)),
            document.VisibleText(),
            StringComparison.Ordinal);
        Assert.Equal(150m, (await factory.QueryAsync(db => db.FeeScheduleEntries.PriceOnAsync(FeeKind.MaintenanceFee, Today)))?.Amount);
        Assert.Equal(168.5m, (await factory.QueryAsync(db => db.FeeScheduleEntries.PriceOnAsync(FeeKind.MaintenanceFee, nextMonth)))?.Amount);
    }

    [Fact]
    public async Task A_second_fee_for_the_same_kind_and_day_is_refused()
    {
        using var browser = await SignedInAsync(Accounts.Manager);
        var fields = new Dictionary<string, string?>
        {
            ["Input.Kind"] = nameof(FeeKind.OnSiteFee),
            ["Input.Unit"] = nameof(FeeUnit.Flat),
            ["Input.Amount"] = "90",
            ["Input.EffectiveFrom"] = Day(Today.AddDays(10)),
        };

        using var first = await browser.SubmitFormAsync(Fees, fields);
        using var second = await browser.SubmitFormAsync(Fees, fields);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains(factory.InChinese("This fee already has a price from that day. Choose another day."), (await second.ReadDocumentAsync()).ErrorMessages());
    }
}
