using System.Net;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Security;

/// <summary>
/// Inside an area a role may enter, each user still sees only their own records: another customer's request or product
/// is "not found" (404, which says nothing about whether it exists), and the Admin pages do not reach customer accounts.
/// </summary>
public sealed class DataIsolationTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_customer_cannot_open_another_customers_request()
    {
        var (theirs, mine) = (await RequestIdOfAsync(DemoData.CustomerEmail), await RequestIdOfAsync(DemoData.Customer2Email));
        using var browser = await SignedInAsync(DemoData.Customer2Email);

        using var other = await browser.GetAsync(new Uri($"/Portal/Requests/Details/{theirs}", UriKind.Relative));
        using var own = await browser.GetAsync(new Uri($"/Portal/Requests/Details/{mine}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task A_customer_cannot_cancel_another_customers_request()
    {
        var theirs = await RequestIdOfAsync(DemoData.CustomerEmail, RequestStatus.Submitted);
        using var browser = await SignedInAsync(DemoData.Customer2Email);

        // A valid token of the intruder's own session: only the ownership check stands in the way.
        using var response = await browser.PostWithTokenAsync(
            $"/Portal/Requests/Details/{theirs}?handler=Cancel",
            "/Portal",
            new Dictionary<string, string> { ["Input.Reason"] = "不需要了" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(RequestStatus.Submitted, await factory.QueryAsync(db =>
            db.ServiceRequests.Where(r => r.Id == theirs).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_customer_cannot_open_another_customers_product()
    {
        var theirs = await factory.QueryAsync(db => db.CustomerProducts
            .Where(p => db.Customers.Any(c => c.Id == p.CustomerId && c.Email == DemoData.CustomerEmail))
            .Select(p => p.Id)
            .FirstAsync());
        using var browser = await SignedInAsync(DemoData.Customer2Email);

        using var response = await browser.GetAsync(new Uri($"/Portal/Products/Details/{theirs}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Customer_accounts_are_out_of_reach_of_the_admin_pages()
    {
        var customerUserId = await factory.QueryAsync(db =>
            db.Users.Where(u => u.Email == DemoData.CustomerEmail).Select(u => u.Id).SingleAsync());
        using var admin = await SignedInAsync(DemoData.AdminEmail);

        using var page = await admin.GetAsync(new Uri($"/Admin/Users/Edit/{customerUserId}", UriKind.Relative));
        using var deactivate = await admin.PostWithTokenAsync(
            $"/Admin/Users/Edit/{customerUserId}?handler=Deactivate", "/Admin/Users", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deactivate.StatusCode);
        Assert.True(await factory.QueryAsync(db => db.Users.Where(u => u.Id == customerUserId).Select(u => u.IsActive).SingleAsync()));
    }

    [Theory]
    [InlineData(DemoData.CustomerEmail, "/Portal/Requests/Details/999999")]
    [InlineData(DemoData.CustomerEmail, "/Portal/Products/Details/999999")]
    [InlineData(DemoData.AdminEmail, "/Admin/Users/Edit/no-such-user")]
    [InlineData(DemoData.AgentEmail, "/no/such/page")]
    public async Task Unknown_ids_and_pages_answer_404_not_500(string login, string url)
    {
        using var browser = await SignedInAsync(login);

        using var response = await browser.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<HttpClient> SignedInAsync(string login)
    {
        var browser = factory.CreateBrowser();
        await browser.SignInAsync(login);
        return browser;
    }

    /// <summary>A demo request of the customer with that email, optionally in a given status.</summary>
    private Task<int> RequestIdOfAsync(string email, RequestStatus? status = null) =>
        factory.QueryAsync(db => db.ServiceRequests
            .Where(r => db.Customers.Any(c => c.Id == r.CustomerId && c.Email == email))
            .Where(r => status == null || r.Status == status)
            .OrderBy(r => r.Id)
            .Select(r => r.Id)
            .FirstAsync());
}
