using System.Net;
using BathroomAftersales.Domain.Notifications;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Desk;

/// <summary>The customer's in-app notifications: newest first, an unread badge, mark all read, only one's own.</summary>
public sealed class NotificationListTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string Page = "/Portal/Notifications";

    [Fact]
    public async Task A_customer_sees_their_notifications_newest_first_and_can_mark_them_read()
    {
        var first = await factory.SubmitNowAsync(DemoData.CustomerEmail);
        factory.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await factory.SubmitNowAsync(DemoData.CustomerEmail);
        var other = await factory.SubmitNowAsync(DemoData.Customer2Email);
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(DemoData.CustomerEmail);

        var (response, page) = await browser.GetPageAsync(Page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var links = page.QuerySelectorAll("main li a").Select(a => a.GetAttribute("href")).ToList();
        Assert.True(links.IndexOf($"/Portal/Requests/Details/{second}") < links.IndexOf($"/Portal/Requests/Details/{first}"));
        Assert.True(links.IndexOf($"/Portal/Requests/Details/{second}") >= 0);
        Assert.DoesNotContain($"/Portal/Requests/Details/{other}", links);
        Assert.NotNull(page.QuerySelector("[data-testid=unread-notifications]"));

        using var marked = await browser.SubmitFormAsync(Page, formAction: "handler=MarkAllRead");
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);

        var (_, after) = await browser.GetPageAsync(Page);
        Assert.Null(after.QuerySelector("[data-testid=unread-notifications]"));
        var customerUser = await factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoData.CustomerEmail).Select(u => u.Id).SingleAsync());
        Assert.Equal(0, await factory.QueryAsync(db => db.Notifications.CountAsync(n => n.UserId == customerUser && n.ReadAt == null)));
        var otherUser = await factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoData.Customer2Email).Select(u => u.Id).SingleAsync());
        Assert.True(await factory.QueryAsync(db => db.Notifications.AnyAsync(n => n.UserId == otherUser && n.ReadAt == null)));
    }

    [Fact]
    public async Task A_broken_cursor_is_a_bad_request()
    {
        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(DemoData.CustomerEmail);

        using var response = await browser.GetAsync(new Uri(Page + "?after=abc", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_badge_shows_up_to_ninety_nine_unread_and_ninety_nine_plus_beyond()
    {
        await using (var scope = factory.OpenDb())
        {
            var userId = await scope.Db.Users.Where(u => u.Email == DemoData.Customer2Email).Select(u => u.Id).SingleAsync();
            await scope.Db.Notifications.Where(n => n.UserId == userId).ExecuteDeleteAsync();
            for (var i = 0; i < 99; i++)
            {
                scope.Db.Notifications.Add(new Notification(userId, "测试通知 " + i, null, null, factory.Time.GetUtcNow().UtcDateTime));
            }

            await scope.Db.SaveChangesAsync();
        }

        using var browser = factory.CreateBrowser();
        await browser.SignInAsync(DemoData.Customer2Email);
        var (_, page) = await browser.GetPageAsync("/Portal");
        Assert.Equal("99", Badge(page));

        await using (var scope = factory.OpenDb())
        {
            var userId = await scope.Db.Users.Where(u => u.Email == DemoData.Customer2Email).Select(u => u.Id).SingleAsync();
            scope.Db.Notifications.Add(new Notification(userId, "第一百条", null, null, factory.Time.GetUtcNow().UtcDateTime));
            await scope.Db.SaveChangesAsync();
        }

        (_, page) = await browser.GetPageAsync("/Portal");
        Assert.Equal("99+", Badge(page));

        static string? Badge(AngleSharp.Html.Dom.IHtmlDocument page) =>
            page.QuerySelector("[data-testid=unread-notifications]")?.ChildNodes.OfType<AngleSharp.Dom.IText>().FirstOrDefault()?.Data.Trim();
    }
}
