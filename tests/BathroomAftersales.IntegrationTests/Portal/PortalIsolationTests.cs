using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Portal;

/// <summary>
/// customer2 (李娜) against customer (张伟): every page, photo and action of another customer is "not found" and
/// changes nothing; lists show only one's own rows; fields the forms do not have (CustomerId, Status, Priority) are
/// ignored however they are sent.
/// </summary>
public sealed class PortalIsolationTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Another_customers_product_request_and_photos_are_not_found()
    {
        using var owner = await SignedInAsync(DemoData.CustomerEmail);
        using var submitted = await owner.SubmitFormAsync(
            "/Portal/Requests/New", new Dictionary<string, string?> { ["Input.Description"] = "面盆裂了，见照片。" }, [Upload.Jpeg("Photos")]);
        var request = submitted.RequestIdOfRedirect();
        var photo = await factory.QueryAsync(db => db.StoredFiles.Where(f => f.ServiceRequestId == request).Select(f => f.Id).SingleAsync());
        var product = await ProductIdAsync("S7A2026030112");
        using var intruder = await SignedInAsync(DemoData.Customer2Email);

        foreach (var url in new[]
        {
            $"/Portal/Products/Details/{product}",
            $"/Portal/Requests/Details/{request}",
            $"/Portal/Requests/New?productId={product}",
            $"/files/{photo}",
            $"/files/{photo}/thumb",
        })
        {
            using var mine = await owner.GetAsync(new Uri(url, UriKind.Relative));
            using var theirs = await intruder.GetAsync(new Uri(url, UriKind.Relative));
            var expected = url.StartsWith("/Portal/Requests/New", StringComparison.Ordinal) ? HttpStatusCode.OK : HttpStatusCode.NotFound;

            Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
            Assert.Equal(expected, theirs.StatusCode);
            var text = await theirs.Content.ReadAsStringAsync();
            Assert.DoesNotContain("S7A2026030112", text, StringComparison.Ordinal);
            Assert.DoesNotContain("面盆裂了", text, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, RequestStatus> Actions => new()
    {
        { "Cancel", RequestStatus.Submitted },
        { "Message", RequestStatus.Submitted },
        { "Message", RequestStatus.Completed },
        { "Confirm", RequestStatus.Completed },
        { "Reopen", RequestStatus.Completed },
        { "Reopen", RequestStatus.Closed },
    };

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Every_action_on_another_customers_request_is_not_found_and_changes_nothing(string handler, RequestStatus status)
    {
        var theirs = await factory.CreateRequestAsync(DemoData.CustomerEmail, status);
        var before = (await factory.SnapshotAsync(theirs), await PortalRowCounts.ReadAsync(factory));
        using var intruder = await SignedInAsync(DemoData.Customer2Email);

        // The intruder's own valid token and even the right version: only ownership stands in the way.
        using var response = await intruder.PostWithTokenAsync(
            $"/Portal/Requests/Details/{theirs}?handler={handler}",
            "/Portal",
            new Dictionary<string, string>
            {
                ["Input.Version"] = before.Item1.Version.ToString(),
                ["Input.Reason"] = "我来取消",
                ["Input.Rating"] = "1",
                ["Input.Comment"] = "差评",
                ["Input.Message"] = "别人的留言",
            });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, (await factory.SnapshotAsync(theirs), await PortalRowCounts.ReadAsync(factory)));
    }

    [Fact]
    public async Task A_message_with_photos_on_another_customers_request_stores_no_photo()
    {
        var theirs = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Submitted);
        var own = await factory.CreateRequestAsync(DemoData.Customer2Email, RequestStatus.Submitted);
        using var intruder = await SignedInAsync(DemoData.Customer2Email);
        var before = (await factory.SnapshotAsync(theirs), await PortalRowCounts.ReadAsync(factory));

        // The message form of the intruder's own request, sent to the other one with a photo.
        var form = await intruder.GetFormAsync($"/Portal/Requests/Details/{own}", formAction: "handler=Message");
        var target = new Uri(form.Action, $"/Portal/Requests/Details/{theirs}?handler=Message");
        using var response = await intruder.SubmitAsync(
            form.Fill(new Dictionary<string, string?> { ["Input.Message"] = "看我的照片" }) with { Action = target },
            [Upload.Jpeg("Photos")]);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, (await factory.SnapshotAsync(theirs), await PortalRowCounts.ReadAsync(factory)));
    }

    [Theory]
    [InlineData("/Portal")]
    [InlineData("/Portal/Requests")]
    [InlineData("/Portal/Products")]
    [InlineData("/Portal/Requests/New")]
    public async Task Lists_show_only_the_customers_own_requests_and_products(string page)
    {
        await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Submitted);
        var (mine, theirs) = (await NumbersAndSerialsAsync(DemoData.Customer2Email), await NumbersAndSerialsAsync(DemoData.CustomerEmail));
        using var customer2 = await SignedInAsync(DemoData.Customer2Email);

        var (response, document) = await customer2.GetPageAsync(page);
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = document.DocumentElement.OuterHtml;
            Assert.All(theirs, t => Assert.DoesNotContain(t, html, StringComparison.Ordinal));

            // Not an empty page that trivially shows nobody's rows: customer2's own are there.
            Assert.Contains(mine, m => html.Contains(m, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Overposted_owner_status_and_priority_on_a_new_request_are_ignored()
    {
        var victim = await factory.CustomerIdAsync(DemoData.CustomerEmail);
        var self = await factory.CustomerIdAsync(DemoData.Customer2Email);
        using var customer2 = await SignedInAsync(DemoData.Customer2Email);
        var form = (await customer2.GetFormAsync("/Portal/Requests/New", ["Input.Description"]))
            .Fill(new Dictionary<string, string?> { ["Input.Description"] = "想改成别人的、已关闭的、紧急的报修。" });

        using var response = await customer2.SubmitAsync(form.Forge(new Dictionary<string, string>
        {
            ["Input.CustomerId"] = victim.ToString(CultureInfo.InvariantCulture),
            ["CustomerId"] = victim.ToString(CultureInfo.InvariantCulture),
            ["Input.Status"] = nameof(RequestStatus.Closed),
            ["Status"] = nameof(RequestStatus.Closed),
            ["Input.Priority"] = nameof(RequestPriority.Emergency),
            ["Priority"] = nameof(RequestPriority.Emergency),
            ["Input.Rating"] = "5",
        }));

        var id = response.RequestIdOfRedirect();
        var created = await factory.SnapshotAsync(id);
        Assert.Equal(self, created.CustomerId);
        Assert.Equal(RequestStatus.Submitted, created.Status);
        Assert.Equal(RequestPriority.Normal, created.Priority);
        Assert.Null(created.Rating);
    }

    [Fact]
    public async Task Another_customers_idempotency_key_does_not_lead_to_their_request()
    {
        using var owner = await SignedInAsync(DemoData.CustomerEmail);
        var form = (await owner.GetFormAsync("/Portal/Requests/New", ["Input.Description"]))
            .Fill(new Dictionary<string, string?> { ["Input.Description"] = "张伟的报修。" });
        using var first = await owner.SubmitAsync(form);
        var theirs = first.RequestIdOfRedirect();
        var before = await factory.SnapshotAsync(theirs);
        using var customer2 = await SignedInAsync(DemoData.Customer2Email);

        // The key is unique per customer: someone else's key is just a new form.
        using var response = await customer2.SubmitFormAsync("/Portal/Requests/New", new Dictionary<string, string?>
        {
            ["Input.IdempotencyKey"] = form.Value("Input.IdempotencyKey"),
            ["Input.Description"] = "李娜的报修。",
        });

        var mine = response.RequestIdOfRedirect();
        Assert.NotEqual(theirs, mine);
        Assert.Equal(await factory.CustomerIdAsync(DemoData.Customer2Email), (await factory.SnapshotAsync(mine)).CustomerId);
        Assert.Equal(before, await factory.SnapshotAsync(theirs));
    }

    [Fact]
    public async Task A_new_request_for_another_customers_product_is_refused()
    {
        var theirs = await ProductIdAsync("S7A2026030112");
        using var customer2 = await SignedInAsync(DemoData.Customer2Email);
        var before = await PortalRowCounts.ReadAsync(factory);

        using var response = await customer2.SubmitFormAsync("/Portal/Requests/New", new Dictionary<string, string?>
        {
            ["Input.ProductId"] = theirs.ToString(CultureInfo.InvariantCulture),
            ["Input.Description"] = "别人的马桶坏了。",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese("Please choose one of your registered products."), (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await PortalRowCounts.ReadAsync(factory));
    }

    [Theory]
    [InlineData("Cancel", RequestStatus.Submitted)]
    [InlineData("Message", RequestStatus.Submitted)]
    [InlineData("Confirm", RequestStatus.Completed)]
    [InlineData("Reopen", RequestStatus.Completed)]
    public async Task Overposted_owner_status_and_priority_on_an_action_are_ignored(string handler, RequestStatus status)
    {
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, status);
        var other = await factory.CustomerIdAsync(DemoData.Customer2Email);
        var before = await factory.SnapshotAsync(id);
        using var customer = await SignedInAsync(DemoData.CustomerEmail);
        var fields = handler switch
        {
            "Confirm" => new Dictionary<string, string?> { ["Input.Comment"] = "好" },
            "Message" => new Dictionary<string, string?> { ["Input.Message"] = "补充说明" },
            _ => new Dictionary<string, string?> { ["Input.Reason"] = "原因" },
        };
        var form = (await customer.GetFormAsync($"/Portal/Requests/Details/{id}", formAction: $"handler={handler}")).Fill(fields);
        var extra = new Dictionary<string, string>
        {
            ["Input.CustomerId"] = other.ToString(CultureInfo.InvariantCulture),
            ["CustomerId"] = other.ToString(CultureInfo.InvariantCulture),
            ["Input.Status"] = nameof(RequestStatus.InProgress),
            ["Status"] = nameof(RequestStatus.InProgress),
            ["Input.Priority"] = nameof(RequestPriority.Emergency),
            ["Priority"] = nameof(RequestPriority.Emergency),
        };
        if (handler == "Confirm")
        {
            extra["Input.Rating"] = "3";
        }

        using var response = await customer.SubmitAsync(form.Forge(extra));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await factory.SnapshotAsync(id);
        Assert.Equal(before.CustomerId, after.CustomerId);
        Assert.Equal(RequestPriority.Normal, after.Priority);
        var expected = handler switch
        {
            "Cancel" => RequestStatus.Cancelled,
            "Confirm" => RequestStatus.Closed,
            "Reopen" => RequestStatus.Reopened,
            _ => status,
        };
        Assert.Equal(expected, after.Status);
    }

    private async Task<List<string>> NumbersAndSerialsAsync(string email)
    {
        var customerId = await factory.CustomerIdAsync(email);
        return await factory.QueryAsync(async db =>
        {
            var numbers = await db.ServiceRequests.Where(r => r.CustomerId == customerId).Select(r => r.Number).ToListAsync();
            var serials = await db.CustomerProducts.Where(p => p.CustomerId == customerId).Select(p => p.SerialNumber).ToListAsync();
            return numbers.Concat(serials).ToList();
        });
    }

    private Task<int> ProductIdAsync(string serial) =>
        factory.QueryAsync(db => db.CustomerProducts.Where(p => p.SerialNumber == serial).Select(p => p.Id).SingleAsync());

    private async Task<HttpClient> SignedInAsync(string login)
    {
        var browser = factory.CreateBrowser();
        await browser.SignInAsync(login);
        return browser;
    }
}
