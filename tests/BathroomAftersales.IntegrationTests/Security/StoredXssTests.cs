using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Domain.Surveys;
using BathroomAftersales.IntegrationTests.Staff;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Data.Seed;
using BathroomAftersales.Web.Infrastructure.Surveys;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Security;

/// <summary>
/// Markup typed into the main free-text fields is stored as typed and shown as text on every page that shows it, to
/// the customer and to staff: no script element runs it, no image gets its onerror handler.
/// </summary>
public sealed class StoredXssTests(AppFactory factory) : IClassFixture<AppFactory>
{
    public static TheoryData<string> Payloads => new(["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>"]);

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task A_request_description_is_shown_as_text_to_the_customer_and_the_desk(string payload)
    {
        var text = "浴室柜漏水 " + payload + " " + Unique();
        using var customer = await SignedInAsync(Accounts.Customer);
        using (var filed = await customer.SubmitFormAsync("/Portal/Requests/New", new Dictionary<string, string?> { ["Input.Description"] = text }))
        {
            Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        }

        var id = Invariant(await factory.QueryAsync(db => db.ServiceRequests.Where(r => r.Description == text).Select(r => r.Id).SingleAsync()));
        using var agent = await SignedInAsync(Accounts.Agent);

        await AssertShownAsTextAsync(customer, "/Portal/Requests/Details/" + id, text);
        await AssertShownAsTextAsync(agent, "/Staff/Requests/Details/" + id, text);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task A_complaint_is_shown_as_text_to_the_customer_and_the_desk(string payload)
    {
        var text = "师傅迟到 " + payload + " " + Unique();
        using var customer = await SignedInAsync(Accounts.Customer);
        using (var filed = await customer.SubmitFormAsync("/Portal/Complaints/New", new Dictionary<string, string?>
        {
            ["Input.Category"] = nameof(ComplaintCategory.Timeliness),
            ["Input.Description"] = text,
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        }

        var id = Invariant(await factory.QueryAsync(db => db.Complaints.Where(c => c.Description == text).Select(c => c.Id).SingleAsync()));
        using var agent = await SignedInAsync(Accounts.Agent);

        await AssertShownAsTextAsync(customer, "/Portal/Complaints/Details/" + id, text);
        await AssertShownAsTextAsync(agent, "/Staff/Complaints/Details/" + id, text);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task A_customer_name_and_street_entered_by_the_desk_are_shown_as_text(string payload)
    {
        var customerId = Invariant(await factory.CustomerIdAsync(DemoData.Customer2Email));
        var name = "王" + payload + Unique();
        var street = "人民路1号" + payload;
        using var agent = await SignedInAsync(Accounts.Agent);
        using (var saved = await agent.SubmitFormAsync("/Staff/Customers/Edit/" + customerId, new Dictionary<string, string?>
        {
            ["Input.Name"] = name,
            ["Input.Address.Province"] = "上海市",
            ["Input.Address.City"] = "上海市",
            ["Input.Address.District"] = "浦东新区",
            ["Input.Address.Street"] = street,
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        await AssertShownAsTextAsync(agent, "/Staff/Customers/Details/" + customerId, name, street);
        using var customer = await SignedInAsync(DemoData.Customer2Email);
        await AssertShownAsTextAsync(customer, "/Portal/Profile", name);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task An_administrators_display_name_for_a_new_user_is_shown_as_text(string payload)
    {
        var name = "李" + payload + Unique();
        using var admin = await SignedInAsync(Accounts.Admin);
        using (var created = await admin.SubmitFormAsync("/Admin/Users/Create", new Dictionary<string, string?>
        {
            ["Input.DisplayName"] = name,
            ["Input.Email"] = $"xss.{Unique()}@example.com",
            ["Input.Password"] = "Long-Enough-2026",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        await AssertShownAsTextAsync(admin, "/Admin/Users", name);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task A_work_report_is_shown_as_text_to_the_desk_and_the_customer(string payload)
    {
        var work = "更换进水阀 " + payload + " " + Unique();
        var name = "张" + payload;
        var id = Invariant(await StartedJobAsync());
        using var technician = await SignedInAsync(Accounts.Technician);
        using (var filed = await technician.SubmitFormAsync("/Technician/Jobs/Report/" + id, new Dictionary<string, string?>
        {
            ["Input.WorkPerformed"] = work,
            ["Input.FaultCause"] = nameof(FaultCause.Wear),
            ["Input.RestoredToFactoryStandard"] = "true",
            ["Input.CustomerConfirmationName"] = name,
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        }

        using var agent = await SignedInAsync(Accounts.Agent);
        using var customer = await SignedInAsync(Accounts.Customer);

        await AssertShownAsTextAsync(agent, "/Staff/Requests/Details/" + id, work, name);
        await AssertShownAsTextAsync(customer, "/Portal/Requests/Details/" + id, work);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task A_survey_comment_from_the_personal_link_is_shown_as_text_in_the_results_and_the_quarterly_report(string payload)
    {
        var comment = "安装师傅态度差 " + payload + " " + Unique();
        var (campaignId, quarter, token) = await OpenSurveyAsync();
        using (var anonymous = factory.CreateBrowser())
        using (var answered = await anonymous.SubmitFormAsync("/Survey/" + token, new Dictionary<string, string?>
        {
            ["Input.Overall"] = "1",
            ["Input.Timeliness"] = "1",
            ["Input.Professionalism"] = "1",
            ["Input.Quality"] = "2",
            ["Input.Recommend"] = "0",
            ["Input.Comment"] = comment,
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        }

        using var manager = await SignedInAsync(Accounts.Manager);

        await AssertShownAsTextAsync(manager, "/Staff/Surveys/Details/" + Invariant(campaignId), comment);
        await AssertShownAsTextAsync(manager, "/Reports/Quarterly?period=" + quarter, comment);
    }

    /// <summary>
    /// The comment a customer leaves with a low rating of a completed request: shown back to the customer, to the desk on
    /// the follow-up list the low rating opens, and to the manager in the quarterly report's lowest ratings.
    /// </summary>
    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task A_rating_comment_is_shown_as_text_to_the_customer_on_the_follow_up_list_and_in_the_quarterly_report(string payload)
    {
        var comment = "师傅没有清理现场 " + payload + " " + Unique();
        var requestId = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Completed);
        var id = Invariant(requestId);
        using var customer = await SignedInAsync(Accounts.Customer);
        using (var rated = await customer.SubmitFormAsync("/Portal/Requests/Details/" + id, new Dictionary<string, string?>
        {
            ["Input.Rating"] = "1",
            ["Input.Comment"] = comment,
        }, "handler=Confirm"))
        {
            Assert.Equal(HttpStatusCode.Redirect, rated.StatusCode);
        }

        Assert.Equal(comment, await factory.QueryAsync(db => db.ServiceRequests.Where(r => r.Id == requestId).Select(r => r.RatingComment).SingleAsync()));
        using var agent = await SignedInAsync(Accounts.Agent);
        using var manager = await SignedInAsync(Accounts.Manager);

        await AssertShownAsTextAsync(customer, "/Portal/Requests/Details/" + id, comment);
        await AssertShownAsTextAsync(agent, "/Staff/FollowUps", comment);
        await AssertShownAsTextAsync(manager, "/Reports/Quarterly", comment); // this quarter, where the request was closed
    }

    /// <summary>What a customer types on a request of theirs after filing it: a message, a cancellation or reopening reason.</summary>
    public static TheoryData<string, string, string, string> CustomerRequestTexts()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var payload in new[] { "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>" })
        {
            data.Add("Message", nameof(RequestStatus.Submitted), "Input.Message", payload);
            data.Add("Cancel", nameof(RequestStatus.Submitted), "Input.Reason", payload);
            data.Add("Reopen", nameof(RequestStatus.Completed), "Input.Reason", payload);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CustomerRequestTexts))]
    public async Task A_customers_message_or_reason_on_a_request_is_shown_as_text_to_the_customer_and_the_desk(string handler, string status, string field, string payload)
    {
        var text = "水还在漏 " + payload + " " + Unique();
        var requestId = await factory.CreateRequestAsync(DemoData.CustomerEmail, Enum.Parse<RequestStatus>(status));
        var id = Invariant(requestId);
        using var customer = await SignedInAsync(Accounts.Customer);
        using (var sent = await customer.SubmitFormAsync("/Portal/Requests/Details/" + id, new Dictionary<string, string?> { [field] = text }, "handler=" + handler))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        using var agent = await SignedInAsync(Accounts.Agent);

        await AssertShownAsTextAsync(customer, "/Portal/Requests/Details/" + id, text);
        await AssertShownAsTextAsync(agent, "/Staff/Requests/Details/" + id, text);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task A_desk_comment_for_the_customer_is_shown_as_text_to_the_desk_and_the_customer(string payload)
    {
        var text = "明天上午师傅上门 " + payload + " " + Unique();
        var id = Invariant(await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Submitted));
        using var agent = await SignedInAsync(Accounts.Agent);
        using (var sent = await agent.SubmitFormAsync("/Staff/Requests/Details/" + id, new Dictionary<string, string?>
        {
            ["Input.Text"] = text,
            ["Input.VisibleToCustomer"] = "true",
        }, "handler=Comment"))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        using var customer = await SignedInAsync(Accounts.Customer);

        await AssertShownAsTextAsync(agent, "/Staff/Requests/Details/" + id, text);
        await AssertShownAsTextAsync(customer, "/Portal/Requests/Details/" + id, text);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task A_product_model_and_a_part_name_from_the_catalogue_are_shown_as_text_in_its_lists(string payload)
    {
        var model = "智能马桶" + payload + Unique();
        var part = "进水阀" + payload + Unique();
        var modelSku = "XSS-M-" + Unique().ToUpperInvariant();
        var partSku = "XSS-P-" + Unique().ToUpperInvariant();
        using var admin = await SignedInAsync(Accounts.Admin);
        using (var saved = await admin.SubmitFormAsync("/Admin/Catalog/Models/Edit", new Dictionary<string, string?>
        {
            ["Input.Sku"] = modelSku,
            ["Input.Name"] = model,
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using (var saved = await admin.SubmitFormAsync("/Admin/Catalog/Parts/Edit", new Dictionary<string, string?>
        {
            ["Input.Sku"] = partSku,
            ["Input.Name"] = part,
            ["Input.Fits"] = nameof(Domain.Products.ProductCategory.Toilet),
            ["Input.UnitPrice"] = "12.00",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // Found by SKU, so the search box does not hold the name: the name shown is the list's.
        await AssertShownAsTextAsync(admin, "/Admin/Catalog/Models?q=" + modelSku, model);
        await AssertShownAsTextAsync(admin, "/Admin/Catalog/Parts?q=" + partSku, part);
    }

    /// <summary>A repair of the demo customer dispatched to the demo technician, the visit started: ready for its report.</summary>
    private async Task<int> StartedJobAsync()
    {
        await using var scope = factory.OpenDb();
        var db = scope.Db;
        var customer = await db.Customers.SingleAsync(c => c.Email == DemoData.CustomerEmail);
        var technician = await db.Technicians.SingleAsync(t => db.Users.Any(u => u.Id == t.UserId && u.Email == DemoData.TechnicianEmail));
        var now = factory.Now();
        var request = ServiceRequest.Submit(
            await scope.Get<RequestNumberAllocator>().NextAsync(), customer.Id, null, RequestType.Repair, RequestChannel.Web,
            RequestPriority.Normal, "马桶水箱进水阀漏水。", customer.Address, ServiceLevelPolicy.Default, DeskData.Desk, now.AddHours(-5));
        request.Acknowledge(DeskData.Desk, now.AddHours(-4));
        request.Dispatch(technician, new AppointmentWindow(now.AddHours(-1), now.AddHours(1)), DeskData.Desk, now.AddHours(-3));
        request.StartVisit(new RequestActor(technician.UserId, technician.Name), now.AddMinutes(-30));
        db.ServiceRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    /// <summary>How many survey campaigns this class has opened: each one needs a quarter of its own.</summary>
    private static int _surveys;

    /// <summary>A campaign for every reachable customer, open now, in a quarter of its own from 2034 on; its id, quarter and the demo customer's personal token.</summary>
    private async Task<(int CampaignId, string Quarter, string Token)> OpenSurveyAsync()
    {
        var n = Interlocked.Increment(ref _surveys) - 1;
        var quarter = $"{2034 + (n / 4)}-Q{(n % 4) + 1}";
        await using var scope = factory.OpenDb();
        var now = factory.Now();
        var campaign = await scope.Get<SurveyInvitations>().OpenAsync(
            () => new SurveyCampaign(Quarter.Parse(quarter), "满意度调查 " + quarter, SurveyAudience.AllActiveCustomers, now.AddMinutes(-1), now.AddDays(7), "test", now),
            CancellationToken.None);
        var customerId = await factory.CustomerIdAsync(DemoData.CustomerEmail);
        var invitation = await scope.Db.SurveyInvitations.AsNoTracking().SingleAsync(i => i.CampaignId == campaign.Id && i.CustomerId == customerId);
        return (campaign.Id, quarter, scope.Get<SurveyTokens>().Create(invitation.Id, invitation.TokenNonce));
    }

    /// <summary>The page answers 200, shows each text as text, and has no script or event handler made of it.</summary>
    private static async Task AssertShownAsTextAsync(HttpClient browser, string url, params string[] texts)
    {
        var (response, document) = await browser.GetPageAsync(url);
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(document.QuerySelectorAll("script"), s => s.TextContent.Contains("alert(1)", StringComparison.Ordinal));
            Assert.Empty(document.QuerySelectorAll("[onerror]"));
            foreach (var text in texts)
            {
                Assert.True(
                    document.VisibleText().Contains(text, StringComparison.Ordinal)
                        || document.QuerySelectorAll("input").Any(i => i.GetAttribute("value") == text),
                    $"{url} does not show “{text}” as text");
            }
        }
    }

    private async Task<HttpClient> SignedInAsync(DemoAccount account) => await SignedInAsync(account.Login);

    private async Task<HttpClient> SignedInAsync(string login)
    {
        var browser = factory.CreateBrowser();
        await browser.SignInAsync(login);
        return browser;
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..6];

    private static string Invariant(int id) => id.ToString(CultureInfo.InvariantCulture);
}
