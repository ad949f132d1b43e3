using System.Net;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Portal;

/// <summary>
/// Reopening is possible for 30 days after completion. This class moves the app's clock a month ahead, which would
/// sign out and age everything the other classes rely on, so it has an app of its own.
/// </summary>
public sealed class ReopenPeriodTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Reopening_31_days_after_completion_is_refused()
    {
        var id = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.Closed);
        var completedAt = await factory.QueryAsync(db => db.ServiceRequests.Where(r => r.Id == id).Select(r => r.CompletedAt!.Value).SingleAsync());
        var page = $"/Portal/Requests/Details/{id}";

        // A session lasts hours, not weeks: after each jump the customer signs in again.
        MoveClockTo(completedAt.AddDays(29));
        using (var day29 = factory.CreateBrowser())
        {
            await day29.SignInAsync(DemoData.CustomerEmail);
            Assert.NotNull(await day29.GetFormAsync(page, formAction: "handler=Reopen"));
        }

        MoveClockTo(completedAt.AddDays(31));
        using var customer = factory.CreateBrowser();
        await customer.SignInAsync(DemoData.CustomerEmail);
        var before = await factory.SnapshotAsync(id);
        var (shown, document) = await customer.GetPageAsync(page);
        using (shown)
        {
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
            Assert.DoesNotContain(document.QuerySelectorAll("main form"), f => f.GetAttribute("action")?.Contains("handler=Reopen", StringComparison.Ordinal) == true);
        }

        using var response = await customer.PostWithTokenAsync(page + "?handler=Reopen", page, new Dictionary<string, string>
        {
            ["Input.Version"] = before.Version.ToString(),
            ["Input.Reason"] = "一个月后又坏了",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(
            factory.InChinese("This request has changed since you opened the page. Please check its status and try again."),
            (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(before, await factory.SnapshotAsync(id));
        Assert.Equal(RequestStatus.Closed, before.Status);
    }

    private void MoveClockTo(DateTime utc) => factory.Time.Advance(utc - factory.Time.GetUtcNow().UtcDateTime);
}
