using System.Net;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Portal;

/// <summary>
/// The actions on my request — cancel, confirm and rate, reopen, add a message — each offered and accepted only in the
/// states that allow it. A refused or stale form answers 200 with a message and changes nothing. Every test makes its own
/// request, so they share one app.
/// </summary>
public sealed class RequestActionTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string Stale = "This request has changed since you opened the page. Please check its status and try again.";

    [Fact]
    public async Task A_submitted_request_can_be_cancelled_with_a_reason()
    {
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Submitted);
        using var customer = await SignedInAsync();

        using var response = await customer.SubmitFormAsync(Page(id), new Dictionary<string, string?> { ["Input.Reason"] = "已经自己修好了" }, "handler=Cancel");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Page(id), response.RedirectTarget());
        Assert.Equal(RequestStatus.Cancelled, (await factory.SnapshotAsync(id)).Status);
        Assert.Equal("已经自己修好了", await LastEventNoteAsync(id, RequestEventKind.Cancelled));
        var page = await (await customer.FollowRedirectAsync(response)).ReadDocumentAsync();
        Assert.Contains(factory.InChinese("Your request has been cancelled."), page.VisibleText(), StringComparison.Ordinal);
        Assert.Empty(ActionForms(page));
    }

    [Fact]
    public async Task Cancelling_without_a_reason_is_refused()
    {
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Submitted);
        using var customer = await SignedInAsync();
        var before = await factory.SnapshotAsync(id);

        using var response = await customer.SubmitFormAsync(Page(id), new Dictionary<string, string?> { ["Input.Reason"] = "  " }, "handler=Cancel");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese("Please give a reason."), (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await factory.SnapshotAsync(id));
    }

    [Fact]
    public async Task A_scheduled_request_offers_no_cancel_and_a_forged_cancel_is_refused()
    {
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Scheduled);
        using var customer = await SignedInAsync();
        var before = await factory.SnapshotAsync(id);

        var (_, page) = await customer.GetPageAsync(Page(id));
        using var response = await customer.PostWithTokenAsync(Page(id) + "?handler=Cancel", Page(id), new Dictionary<string, string>
        {
            ["Input.Version"] = before.Version.ToString(),
            ["Input.Reason"] = "临时有事",
        });

        Assert.Equal(["handler=Message"], ActionForms(page));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese(Stale), (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await factory.SnapshotAsync(id));
    }

    [Fact]
    public async Task A_completed_request_can_be_confirmed_and_rated()
    {
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Completed);
        using var customer = await SignedInAsync();

        using var response = await customer.SubmitFormAsync(Page(id), new Dictionary<string, string?>
        {
            ["Input.Rating"] = "4",
            ["Input.Comment"] = "师傅准时，就是鞋套忘了穿。",
        }, "handler=Confirm");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await factory.SnapshotAsync(id);
        Assert.Equal(RequestStatus.Closed, after.Status);
        Assert.Equal(4, after.Rating);
        Assert.Equal("师傅准时，就是鞋套忘了穿。", after.RatingComment);
        var page = await (await customer.FollowRedirectAsync(response)).ReadDocumentAsync();
        Assert.Contains(factory.InChinese("Thank you for confirming and rating the service."), page.VisibleText(), StringComparison.Ordinal);
        Assert.Contains("★★★★☆", page.VisibleText(), StringComparison.Ordinal);
        Assert.Equal(["handler=Reopen"], ActionForms(page));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData(null)]
    public async Task A_rating_outside_one_to_five_is_refused(string? rating)
    {
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Completed);
        using var customer = await SignedInAsync();
        var before = await factory.SnapshotAsync(id);
        var form = (await customer.GetFormAsync(Page(id), formAction: "handler=Confirm"))
            .Fill(new Dictionary<string, string?> { ["Input.Comment"] = "打个分" });

        // The radio buttons offer 1–5; a hand-made POST sends anything.
        using var response = await customer.SubmitAsync(
            rating is null ? form : form.Forge(new Dictionary<string, string> { ["Input.Rating"] = rating }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese("The rating must be between 1 and 5."), (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await factory.SnapshotAsync(id));
    }

    [Theory]
    [InlineData(RequestStatus.Submitted)]
    [InlineData(RequestStatus.Scheduled)]
    [InlineData(RequestStatus.Closed)]
    [InlineData(RequestStatus.Cancelled)]
    public async Task Confirming_a_request_that_is_not_completed_is_refused(RequestStatus status)
    {
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, status);
        using var customer = await SignedInAsync();
        var before = await factory.SnapshotAsync(id);

        var (_, page) = await customer.GetPageAsync(Page(id));
        using var response = await ForgeAsync(customer, id, "Confirm", before.Version, new() { ["Input.Rating"] = "5" });

        Assert.DoesNotContain("handler=Confirm", ActionForms(page));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese(Stale), (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await factory.SnapshotAsync(id));
    }

    [Theory]
    [InlineData(RequestStatus.Completed)]
    [InlineData(RequestStatus.Closed)]
    public async Task A_completed_or_closed_request_can_be_reopened_within_30_days(RequestStatus status)
    {
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, status);
        using var customer = await SignedInAsync();

        using var response = await customer.SubmitFormAsync(Page(id), new Dictionary<string, string?> { ["Input.Reason"] = "又开始漏水了" }, "handler=Reopen");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await factory.SnapshotAsync(id);
        Assert.Equal(RequestStatus.Reopened, after.Status);
        Assert.Equal(1, after.ReopenCount);
        Assert.Null(after.Rating);
        Assert.Equal("又开始漏水了", await LastEventNoteAsync(id, RequestEventKind.Reopened));
        var page = await (await customer.FollowRedirectAsync(response)).ReadDocumentAsync();
        Assert.Contains(factory.InChinese("Your request has been reopened. Customer service will contact you."), page.VisibleText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RequestStatus.Submitted)]
    [InlineData(RequestStatus.InProgress)]
    [InlineData(RequestStatus.Reopened)]
    [InlineData(RequestStatus.Cancelled)]
    public async Task Reopening_a_request_that_was_not_completed_is_refused(RequestStatus status)
    {
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, status);
        using var customer = await SignedInAsync();
        var before = await factory.SnapshotAsync(id);

        var (_, page) = await customer.GetPageAsync(Page(id));
        using var response = await ForgeAsync(customer, id, "Reopen", before.Version, new() { ["Input.Reason"] = "再看看" });

        Assert.DoesNotContain("handler=Reopen", ActionForms(page));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese(Stale), (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await factory.SnapshotAsync(id));
    }

    [Fact]
    public async Task Reopening_without_a_reason_is_refused()
    {
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Completed);
        using var customer = await SignedInAsync();
        var before = await factory.SnapshotAsync(id);

        using var response = await customer.SubmitFormAsync(Page(id), new Dictionary<string, string?> { ["Input.Reason"] = string.Empty }, "handler=Reopen");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese("Please give a reason."), (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await factory.SnapshotAsync(id));
    }

    [Fact]
    public async Task A_message_on_an_open_request_appears_on_its_timeline()
    {
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Scheduled);
        using var customer = await SignedInAsync();

        using var response = await customer.SubmitFormAsync(Page(id), new Dictionary<string, string?> { ["Input.Message"] = "请师傅来之前打电话。" }, "handler=Message");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("请师傅来之前打电话。", await LastEventNoteAsync(id, RequestEventKind.Comment));
        Assert.Equal(RequestStatus.Scheduled, (await factory.SnapshotAsync(id)).Status);
        var page = await (await customer.FollowRedirectAsync(response)).ReadDocumentAsync();
        Assert.Contains("请师傅来之前打电话。", page.QuerySelector(".timeline")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_message_is_refused()
    {
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Submitted);
        using var customer = await SignedInAsync();
        var before = await factory.SnapshotAsync(id);

        using var response = await customer.SubmitFormAsync(Page(id), new Dictionary<string, string?> { ["Input.Message"] = " " }, "handler=Message");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese("Please write a message or attach a photo."), (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await factory.SnapshotAsync(id));
    }

    [Theory]
    [InlineData(RequestStatus.Closed)]
    [InlineData(RequestStatus.Cancelled)]
    public async Task A_message_on_a_finished_request_is_refused(RequestStatus status)
    {
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, status);
        using var customer = await SignedInAsync();
        var before = await factory.SnapshotAsync(id);

        var (_, page) = await customer.GetPageAsync(Page(id));
        using var response = await ForgeAsync(customer, id, "Message", before.Version, new() { ["Input.Message"] = "还在吗？" });

        Assert.DoesNotContain("handler=Message", ActionForms(page));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese(Stale), (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await factory.SnapshotAsync(id));
    }

    [Fact]
    public async Task A_stale_cancel_form_is_refused_after_the_desk_changed_the_request()
    {
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Submitted);
        using var customer = await SignedInAsync();
        var form = (await customer.GetFormAsync(Page(id), formAction: "handler=Cancel"))
            .Fill(new Dictionary<string, string?> { ["Input.Reason"] = "等太久了" });

        // Meanwhile the desk acknowledges it: cancelling is still allowed, but not on the strength of an old page.
        await factory.ChangeRequestAsync(id, (request, now) => request.Acknowledge(PortalData.Desk, now));
        var before = await factory.SnapshotAsync(id);
        using var response = await customer.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(factory.InChinese(Stale), page.ErrorMessages());
        Assert.Equal("等太久了", page.QuerySelector("#cancel-reason")?.TextContent);
        Assert.Equal(before, await factory.SnapshotAsync(id));
        Assert.Equal(RequestStatus.Acknowledged, before.Status);
    }

    [Fact]
    public async Task Forms_of_a_page_opened_before_the_request_was_cancelled_elsewhere_are_refused()
    {
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Submitted);
        using var phone = await SignedInAsync();
        using var laptop = await SignedInAsync();
        var oldCancel = (await phone.GetFormAsync(Page(id), formAction: "handler=Cancel"))
            .Fill(new Dictionary<string, string?> { ["Input.Reason"] = "手机上取消" });
        var oldMessage = (await phone.GetFormAsync(Page(id), formAction: "handler=Message"))
            .Fill(new Dictionary<string, string?> { ["Input.Message"] = "手机上留言" });

        using var cancelled = await laptop.SubmitFormAsync(Page(id), new Dictionary<string, string?> { ["Input.Reason"] = "电脑上取消" }, "handler=Cancel");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        var before = await factory.SnapshotAsync(id);
        using var cancelAgain = await phone.SubmitAsync(oldCancel);
        using var message = await phone.SubmitAsync(oldMessage);

        foreach (var response in new[] { cancelAgain, message })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(factory.InChinese(Stale), (await response.ReadDocumentAsync()).ErrorMessages());
        }

        Assert.Equal(before, await factory.SnapshotAsync(id));
        Assert.Equal("电脑上取消", await LastEventNoteAsync(id, RequestEventKind.Cancelled));
    }

    [Fact]
    public async Task A_stale_confirm_form_is_refused_after_the_request_was_reopened_elsewhere()
    {
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Completed);
        using var phone = await SignedInAsync();
        using var laptop = await SignedInAsync();
        var oldConfirm = (await phone.GetFormAsync(Page(id), formAction: "handler=Confirm"))
            .Forge(new Dictionary<string, string> { ["Input.Rating"] = "5" });

        using var reopened = await laptop.SubmitFormAsync(Page(id), new Dictionary<string, string?> { ["Input.Reason"] = "还是不行" }, "handler=Reopen");
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        var before = await factory.SnapshotAsync(id);
        using var response = await phone.SubmitAsync(oldConfirm);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.InChinese(Stale), (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await factory.SnapshotAsync(id));
        Assert.Null(before.Rating);
    }

    [Fact]
    public async Task The_demo_customers_requests_offer_the_actions_of_their_state()
    {
        using var customer = await SignedInAsync();
        // The seeded ones are about a registered product; the requests the other tests make are not.
        var demo = await factory.QueryAsync(db => db.ServiceRequests
            .Where(r => db.Customers.Any(c => c.Id == r.CustomerId && c.Email == DemoData.CustomerEmail) && r.CustomerProductId != null)
            .Select(r => new { r.Id, r.Type, r.Status })
            .ToListAsync());
        var submittedRepair = demo.Single(r => r.Type == RequestType.Repair && r.Status == RequestStatus.Submitted);
        var completedParts = demo.Single(r => r.Type == RequestType.PartsReplacement);
        var answeredQuestion = demo.Single(r => r.Type == RequestType.UsageQuestion);

        Assert.Equal(["handler=Message", "handler=Cancel"], ActionForms((await customer.GetPageAsync(Page(submittedRepair.Id))).Document));
        Assert.Equal(RequestStatus.Completed, completedParts.Status);
        Assert.Equal(
            ["handler=Confirm", "handler=Reopen", "handler=Message"],
            ActionForms((await customer.GetPageAsync(Page(completedParts.Id))).Document));
        Assert.Equal(RequestStatus.Completed, answeredQuestion.Status);
        Assert.Equal(
            ["handler=Confirm", "handler=Reopen", "handler=Message"],
            ActionForms((await customer.GetPageAsync(Page(answeredQuestion.Id))).Document));
    }

    private static string Page(int id) => $"/Portal/Requests/Details/{id}";

    /// <summary>The action forms a page offers, as their handler ("handler=Cancel"), in page order.</summary>
    private static List<string> ActionForms(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("main form[method=post]")
            .Select(f => f.GetAttribute("action") ?? string.Empty)
            .Where(a => a.Contains("handler=", StringComparison.Ordinal))
            .Select(a => a[a.IndexOf("handler=", StringComparison.Ordinal)..])
            .ToList();

    /// <summary>A POST the page did not offer, with a valid token and the current version: only the state rules refuse it.</summary>
    private static Task<HttpResponseMessage> ForgeAsync(HttpClient customer, int id, string handler, Guid version, Dictionary<string, string> fields)
    {
        fields["Input.Version"] = version.ToString();
        return customer.PostWithTokenAsync($"{Page(id)}?handler={handler}", Page(id), fields);
    }

    private Task<string?> LastEventNoteAsync(int id, RequestEventKind kind) =>
        factory.QueryAsync(db => db.RequestEvents
            .Where(e => e.ServiceRequestId == id && e.Kind == kind)
            .OrderByDescending(e => e.Id)
            .Select(e => e.Note)
            .FirstOrDefaultAsync());

    private async Task<HttpClient> SignedInAsync()
    {
        var browser = factory.CreateBrowser();
        await browser.SignInAsync(DemoData.CustomerEmail);
        return browser;
    }
}
