using System.Net;
using AngleSharp.Html.Dom;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Portal;

/// <summary>
/// 我的报修: newest first, 20 to a page, the next page by keyset. This class gives a customer more than a page of
/// requests, so it has an app of its own.
/// </summary>
public sealed class RequestListTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task More_than_a_page_of_requests_is_shown_newest_first_in_pages_of_20_without_gaps_or_repeats()
    {
        // 22 requests made at the same moment: ties on the time are broken by id, newest first.
        for (var i = 0; i < 22; i++)
        {
            await factory.CreateRequestAsync(DemoData.Customer2Email, RequestStatus.Submitted);
        }

        var customerId = await factory.CustomerIdAsync(DemoData.Customer2Email);
        var expected = await factory.QueryAsync(db => db.ServiceRequests
            .Where(r => r.CustomerId == customerId)
            .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id)
            .Select(r => r.Number)
            .ToListAsync());
        using var customer2 = factory.CreateBrowser();
        await customer2.SignInAsync(DemoData.Customer2Email);

        var first = await ListAsync(customer2, "/Portal/Requests");
        var next = first.QuerySelector("main a[href*='after=']")?.GetAttribute("href");
        Assert.NotNull(next);
        var second = await ListAsync(customer2, next);

        Assert.Equal(24, expected.Count);
        Assert.Equal(expected.Take(20), Numbers(first));
        Assert.Equal(expected.Skip(20), Numbers(second));
        Assert.Null(second.QuerySelector("main a[href*='after=']"));
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("99999999999999999999-1")]
    [InlineData("-5")]
    public async Task An_unreadable_cursor_is_refused_without_a_500(string cursor)
    {
        using var customer = factory.CreateBrowser();
        await customer.SignInAsync(DemoData.CustomerEmail);

        using var response = await customer.GetAsync(new Uri($"/Portal/Requests?after={Uri.EscapeDataString(cursor)}", UriKind.Relative));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.OK, $"Answered {(int)response.StatusCode}.");
    }

    private static async Task<IHtmlDocument> ListAsync(HttpClient browser, string url)
    {
        var (response, document) = await browser.GetPageAsync(url);
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return document;
        }
    }

    private static List<string> Numbers(IHtmlDocument page) =>
        page.QuerySelectorAll("main .list-group-item .fw-semibold").Select(e => e.TextContent.Trim()).ToList();
}
