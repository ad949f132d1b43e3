using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Files;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Portal;

/// <summary>报修 over HTTP: the New form with photos, one request per form however often it is sent, and clear messages.</summary>
public sealed class RequestSubmissionTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string NewRequest = "/Portal/Requests/New";

    [Fact]
    public async Task Submitting_a_request_with_two_photos_stores_both_and_shows_them_on_the_request()
    {
        using var browser = await SignedInAsync(DemoData.CustomerEmail);
        var customerId = await factory.CustomerIdAsync(DemoData.CustomerEmail);
        var toilet = await ProductIdAsync("S7A2026030112");
        var form = await browser.GetFormAsync(NewRequest, ["Input.Description"]);

        using var response = await browser.SubmitAsync(
            form.Fill(new Dictionary<string, string?>
            {
                ["Input.ProductId"] = toilet.ToString(CultureInfo.InvariantCulture),
                ["Input.Description"] = "马桶底部漏水，地面一直是湿的。",
                ["Input.PreferredTimes"] = nameof(PreferredVisitTimes.WeekendMorning),
            }),
            [Upload.Jpeg("Photos", "漏水.jpg"), Upload.Jpeg("Photos", "铭牌.jpg")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = response.RequestIdOfRedirect();
        Assert.Equal($"/Portal/Requests/Details/{id}?submitted=True", response.RedirectTarget());
        var request = await factory.QueryAsync(db => db.ServiceRequests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(customerId, request.CustomerId);
        Assert.Equal(toilet, request.CustomerProductId);
        Assert.Equal(await factory.QueryAsync(db => db.CustomerProducts.Where(p => p.Id == toilet).Select(p => (int?)p.ProductModelId).SingleAsync()), request.ProductModelId);
        Assert.Equal("马桶底部漏水，地面一直是湿的。", request.Description);
        Assert.Equal(RequestStatus.Submitted, request.Status);
        Assert.Equal(RequestPriority.Normal, request.Priority);
        Assert.Equal(RequestChannel.Web, request.Channel);
        Assert.Equal(PreferredVisitTimes.WeekendMorning, request.PreferredVisitTimes);
        Assert.Equal(Guid.Parse(form.Value("Input.IdempotencyKey")!), request.IdempotencyKey);
        Assert.Equal("张杨路 1500 号 12 号楼 801 室", request.VisitAddress?.Street);

        var files = await factory.QueryAsync(db => db.StoredFiles.AsNoTracking().Where(f => f.ServiceRequestId == id).ToListAsync());
        Assert.Equal(2, files.Count);
        Assert.All(files, f =>
        {
            Assert.Equal(customerId, f.CustomerId);
            Assert.Equal(FilePurpose.RequestPhoto, f.Purpose);
            Assert.Equal("image/jpeg", f.ContentType);
            Assert.True(File.Exists(Path.Combine(factory.FilesRoot, f.StorageName)), f.StorageName);
            Assert.True(File.Exists(Path.Combine(factory.FilesRoot, f.ThumbnailName)), f.ThumbnailName);
            Assert.DoesNotContain("漏水", f.StorageName, StringComparison.Ordinal);
        });

        using var detail = await browser.FollowRedirectAsync(response);
        var page = await detail.ReadDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.Equal(request.Number, page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains(factory.InChinese("Request {0} received", request.Number), page.VisibleText(), StringComparison.Ordinal);
        var thumbnails = page.QuerySelectorAll("img[src^='/files/']").Select(i => i.GetAttribute("src") ?? string.Empty).Order().ToList();
        Assert.Equal(files.Select(f => $"/files/{f.Id}/thumb").Order().ToList(), thumbnails);
    }

    [Fact]
    public async Task The_emergency_switch_makes_an_emergency_request()
    {
        using var browser = await SignedInAsync(DemoData.CustomerEmail);

        using var response = await browser.SubmitFormAsync(NewRequest, new Dictionary<string, string?>
        {
            ["Input.Description"] = "角阀爆裂，水一直往外喷。",
            ["Input.Emergency"] = "true",
        });

        var id = response.RequestIdOfRedirect();
        Assert.Equal(RequestPriority.Emergency, (await factory.SnapshotAsync(id)).Priority);
    }

    [Fact]
    public async Task Two_parallel_posts_of_the_same_form_create_one_request()
    {
        using var browser = await SignedInAsync(DemoData.CustomerEmail);
        var form = (await browser.GetFormAsync(NewRequest, ["Input.Description"]))
            .Fill(new Dictionary<string, string?> { ["Input.Description"] = "双击提交：淋浴房玻璃门关不严。" });
        var key = Guid.Parse(form.Value("Input.IdempotencyKey")!);
        var before = await PortalRowCounts.ReadAsync(factory);

        // A double click: the same cookies, the same antiforgery token, the same key, sent at the same time.
        var responses = await Task.WhenAll(browser.SubmitAsync(form), browser.SubmitAsync(form));

        try
        {
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
            var ids = responses.Select(r => r.RequestIdOfRedirect()).Distinct().ToList();
            var created = await factory.QueryAsync(db => db.ServiceRequests.Where(r => r.IdempotencyKey == key).Select(r => r.Id).ToListAsync());
            Assert.Equal(created, ids);
            Assert.Equal(before.Requests + 1, (await PortalRowCounts.ReadAsync(factory)).Requests);
        }
        finally
        {
            Array.ForEach(responses, r => r.Dispose());
        }
    }

    [Fact]
    public async Task Sending_the_same_form_again_later_lands_on_the_request_it_created()
    {
        using var browser = await SignedInAsync(DemoData.CustomerEmail);
        var form = (await browser.GetFormAsync(NewRequest, ["Input.Description"]))
            .Fill(new Dictionary<string, string?> { ["Input.Description"] = "浏览器后退后又提交了一次。" });

        using var first = await browser.SubmitAsync(form);
        var before = await PortalRowCounts.ReadAsync(factory);
        using var again = await browser.SubmitAsync(form.Fill(new Dictionary<string, string?> { ["Input.Description"] = "改了一个字再提交。" }));

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(first.RequestIdOfRedirect(), again.RequestIdOfRedirect());
        Assert.Equal(before, await PortalRowCounts.ReadAsync(factory));
        Assert.Equal("浏览器后退后又提交了一次。", await factory.QueryAsync(db =>
            db.ServiceRequests.Where(r => r.Id == first.RequestIdOfRedirect()).Select(r => r.Description).SingleAsync()));
    }

    [Fact]
    public async Task Validation_messages_are_Chinese_by_default()
    {
        using var browser = await SignedInAsync(DemoData.CustomerEmail);

        using var response = await browser.SubmitFormAsync(NewRequest, new Dictionary<string, string?> { ["Input.Description"] = string.Empty });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请描述遇到的问题。", (await response.ReadDocumentAsync()).ErrorMessages());
    }

    [Fact]
    public async Task Validation_messages_are_English_when_the_query_string_asks_for_it()
    {
        using var browser = await SignedInAsync(DemoData.CustomerEmail);

        // The form posts back to the address it was loaded from, query string included.
        using var response = await browser.SubmitFormAsync(
            NewRequest + "?culture=en-US&ui-culture=en-US", new Dictionary<string, string?> { ["Input.Description"] = string.Empty });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = (await response.ReadDocumentAsync()).ErrorMessages();
        Assert.Contains("Please describe the problem.", messages);
        Assert.DoesNotContain("请描述遇到的问题。", messages);
    }

    [Fact]
    public async Task Validation_messages_are_English_after_the_language_switch()
    {
        using var browser = await SignedInAsync(DemoData.CustomerEmail);
        using var switched = await browser.SubmitFormAsync("/Portal", new Dictionary<string, string?> { ["culture"] = Texts.English }, "/Culture");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);

        using var response = await browser.SubmitFormAsync(NewRequest, new Dictionary<string, string?> { ["Input.Description"] = "   " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Please describe the problem.", (await response.ReadDocumentAsync()).ErrorMessages());
    }

    /// <summary>Field, value, the message's resource key and its argument (0 when it has none).</summary>
    public static TheoryData<string, string, string, int> BadFields => new()
    {
        { "Input.Description", string.Empty, "Please describe the problem.", 0 },
        { "Input.Description", new string('漏', ServiceRequest.DescriptionMaxLength + 1), "The description can be at most {0} characters.", ServiceRequest.DescriptionMaxLength },
        { "Input.Address.Province", new string('省', Address.PartMaxLength + 1), "At most {0} characters.", Address.PartMaxLength },
        { "Input.Address.District", new string('区', Address.PartMaxLength + 1), "At most {0} characters.", Address.PartMaxLength },
        { "Input.Address.Street", new string('路', Address.StreetMaxLength + 1), "At most {0} characters.", Address.StreetMaxLength },
        { "Input.Address.City", string.Empty, "Please enter the city.", 0 },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task A_bad_field_gets_a_clear_message_and_stores_nothing(string field, string value, string messageKey, int argument)
    {
        using var browser = await SignedInAsync(DemoData.CustomerEmail);
        var fields = new Dictionary<string, string?> { ["Input.Description"] = "面盆下水慢。", [field] = value };
        var before = await PortalRowCounts.ReadAsync(factory);

        using var response = await browser.SubmitFormAsync(NewRequest, fields, [Upload.Jpeg("Photos")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = argument == 0 ? factory.InChinese(messageKey) : factory.InChinese(messageKey, argument);
        Assert.Contains(expected, (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await PortalRowCounts.ReadAsync(factory));
    }

    [Fact]
    public async Task A_forged_request_type_is_refused_in_Chinese_and_stores_nothing()
    {
        using var browser = await SignedInAsync(DemoData.CustomerEmail);
        var before = await PortalRowCounts.ReadAsync(factory);

        // The select offers the five types; a hand-made POST sends a number that is none of them.
        using var response = await browser.SubmitFormAsync(NewRequest, new Dictionary<string, string?>
        {
            ["Input.Type"] = "99",
            ["Input.Description"] = "类型被改过。",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = (await response.ReadDocumentAsync()).ErrorMessages();
        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", m));
        Assert.Equal(before, await PortalRowCounts.ReadAsync(factory));
    }

    [Fact]
    public async Task Another_customers_product_is_refused_and_the_form_comes_back_with_the_customers_own_products()
    {
        using var browser = await SignedInAsync(DemoData.CustomerEmail);
        var me = await factory.CustomerIdAsync(DemoData.CustomerEmail);
        var other = await factory.CustomerIdAsync(DemoData.Customer2Email);
        var own = await factory.QueryAsync(db => db.CustomerProducts.Where(p => p.CustomerId == me).Select(p => p.Id).OrderBy(id => id).ToListAsync());
        var theirs = await factory.QueryAsync(db => db.CustomerProducts.Where(p => p.CustomerId == other).Select(p => p.Id).FirstAsync());
        var before = await PortalRowCounts.ReadAsync(factory);

        using var response = await browser.SubmitFormAsync(NewRequest, new Dictionary<string, string?>
        {
            ["Input.ProductId"] = theirs.ToString(CultureInfo.InvariantCulture),
            ["Input.Description"] = "产品编号被改成了别人的。",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(factory.InChinese("Please choose one of your registered products."), page.ErrorMessages());
        var offered = page.QuerySelectorAll("select[name='Input.ProductId'] option[value]")
            .Select(o => o.GetAttribute("value")).Where(v => !string.IsNullOrEmpty(v)).Select(v => int.Parse(v!, CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(own, offered);
        Assert.Equal(before, await PortalRowCounts.ReadAsync(factory));
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("")]
    public async Task A_malformed_idempotency_key_gets_a_clear_message_and_stores_nothing(string key)
    {
        using var browser = await SignedInAsync(DemoData.CustomerEmail);
        var before = await PortalRowCounts.ReadAsync(factory);

        using var response = await browser.SubmitFormAsync(NewRequest, new Dictionary<string, string?>
        {
            ["Input.IdempotencyKey"] = key,
            ["Input.Description"] = "表单被改过。",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese("The form has expired. Please open it again."), (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await PortalRowCounts.ReadAsync(factory));
    }

    private async Task<HttpClient> SignedInAsync(string login)
    {
        var browser = factory.CreateBrowser();
        await browser.SignInAsync(login);
        return browser;
    }

    private Task<int> ProductIdAsync(string serial) =>
        factory.QueryAsync(db => db.CustomerProducts.Where(p => p.SerialNumber == serial).Select(p => p.Id).SingleAsync());
}
