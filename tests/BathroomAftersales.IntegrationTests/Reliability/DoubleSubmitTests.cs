using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.IntegrationTests.Staff;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Reliability;

/// <summary>
/// The create forms of customers and the desk: the same filled-in form sent twice (a retry after a slow answer) or twice
/// at the same moment (a double tap) files one record, and both answers lead to it.
/// </summary>
public sealed class DoubleSubmitTests(AppFactory factory) : IClassFixture<AppFactory>
{
    /// <summary>A create form: who fills it, where, with what; how many records of its kind the customer has.</summary>
    private sealed record CreateForm(
        DemoAccount Account, Func<AppFactory, Task<string>> Page, Dictionary<string, string?> Fields, Func<AppFactory, string, Task<int>> Count, string DetailsPath);

    private static readonly Dictionary<string, CreateForm> Forms = new()
    {
        ["Portal/Requests/New"] = new(
            Accounts.Customer,
            _ => Task.FromResult("/Portal/Requests/New"),
            new() { ["Input.Description"] = "重复提交测试：浴室柜门铰链松了。" },
            (f, text) => f.QueryAsync(db => db.ServiceRequests.CountAsync(r => r.Description == text)),
            "/Portal/Requests/Details/"),
        ["Portal/Complaints/New"] = new(
            Accounts.Customer,
            _ => Task.FromResult("/Portal/Complaints/New"),
            new() { ["Input.Category"] = nameof(ComplaintCategory.Timeliness), ["Input.Description"] = "重复提交测试：师傅迟到了一个小时。" },
            (f, text) => f.QueryAsync(db => db.Complaints.CountAsync(c => c.Description == text)),
            "/Portal/Complaints/Details/"),
        ["Staff/Complaints/New"] = new(
            Accounts.Agent,
            async f => "/Staff/Complaints/New?customerId=" + (await f.CustomerIdAsync(DemoData.Customer2Email)).ToString(CultureInfo.InvariantCulture),
            new()
            {
                ["Input.Channel"] = nameof(ComplaintChannel.Phone),
                ["Input.Category"] = nameof(ComplaintCategory.StaffAttitude),
                ["Input.Description"] = "重复提交测试：客户来电投诉师傅态度。",
            },
            (f, text) => f.QueryAsync(db => db.Complaints.CountAsync(c => c.Description == text)),
            "/Staff/Complaints/Details/"),
        ["Staff/Training/Edit"] = new(
            Accounts.Agent,
            _ => Task.FromResult("/Staff/Training/Edit"),
            new()
            {
                ["Input.Topic"] = "智能马桶日常保养",
                ["Input.StartsAt"] = "2030-06-01T09:00",
                ["Input.EndsAt"] = "2030-06-01T11:00",
                ["Input.Place"] = "浦东培训中心",
                ["Input.Description"] = "重复提交测试：培训活动。",
            },
            (f, text) => f.QueryAsync(db => db.TrainingEvents.CountAsync(e => e.Description == text)),
            "/Staff/Training/Details/"),
    };

    public static TheoryData<string, bool> CreateForms
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (var form in Forms.Keys)
            {
                data.Add(form, false);
                data.Add(form, true);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(CreateForms))]
    public async Task The_same_form_sent_twice_files_one_record(string page, bool atTheSameMoment)
    {
        var create = Forms[page];
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(create.Account);
        var url = await create.Page(factory);
        // Each case its own text: the cases of one form must not find each other's record.
        var text = create.Fields["Input.Description"] + (atTheSameMoment ? "（同时提交）" : "（先后提交）");
        var fields = new Dictionary<string, string?>(create.Fields) { ["Input.Description"] = text };
        Assert.Equal(0, await create.Count(factory, text));
        var (opened, document) = await browser.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var form = Browser.FindForm(document, opened.RequestMessage!.RequestUri!, fields.Keys).Fill(fields);

        HttpResponseMessage[] responses = atTheSameMoment
            ? await Task.WhenAll(browser.SubmitAsync(form), browser.SubmitAsync(form))
            : [await browser.SubmitAsync(form), await browser.SubmitAsync(form)];
        try
        {
            foreach (var response in responses)
            {
                Assert.True(
                    response.StatusCode == HttpStatusCode.Redirect,
                    $"{page}: answered {(int)response.StatusCode}: {string.Join(" | ", (await response.ReadDocumentAsync()).ErrorMessages())}");
            }

            Assert.Equal(1, await create.Count(factory, text));
            var targets = responses.Select(r => r.RedirectTarget()?.Split('?')[0]).Distinct().ToList();
            var target = Assert.Single(targets);
            Assert.StartsWith(create.DetailsPath, target, StringComparison.Ordinal);
        }
        finally
        {
            Array.ForEach(responses, r => r.Dispose());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_same_contract_form_sent_twice_creates_one_contract(bool atTheSameMoment)
    {
        var customer = await factory.CreateCustomerAsync();
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(Accounts.Agent);
        var (opened, document) = await browser.GetPageAsync("/Staff/Contracts/New?customerId=" + customer.Id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var form = Browser.FindForm(document, opened.RequestMessage!.RequestUri!, ["Input.StartsOn"]);

        HttpResponseMessage[] responses = atTheSameMoment
            ? await Task.WhenAll(browser.SubmitAsync(form), browser.SubmitAsync(form))
            : [await browser.SubmitAsync(form), await browser.SubmitAsync(form)];
        try
        {
            // One is created; the other is told the term overlaps that contract, or is sent to it: never a second contract, never a 500.
            Assert.Equal(1, await factory.QueryAsync(db => db.ServiceContracts.CountAsync(c => c.CustomerId == customer.Id)));
            Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Redirect);
            Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"answered {(int)r.StatusCode}"));
        }
        finally
        {
            Array.ForEach(responses, r => r.Dispose());
        }
    }
}
