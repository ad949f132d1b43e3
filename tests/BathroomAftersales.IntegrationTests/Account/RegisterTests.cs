using System.Net;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Account;

public sealed class RegisterTests(AppFactory factory) : IClassFixture<AppFactory>
{
    public const string NewPassword = "Bath-Room-2026!";

    [Fact]
    public async Task Customer_registers_with_mobile_and_lands_in_the_portal()
    {
        using var browser = factory.CreateBrowser();

        using var response = await browser.SubmitFormAsync("/Account/Register", new Dictionary<string, string?>
        {
            ["Input.Name"] = "刘洋",
            ["Input.Mobile"] = "+86 139-1234-5678",
            ["Input.Password"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Portal", response.RedirectTarget());
        using var portal = await browser.FollowRedirectAsync(response);
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);

        await using var scope = factory.OpenDb();
        var users = scope.Get<UserManager<AppUser>>();
        var user = await users.FindByNameAsync("13912345678");
        Assert.NotNull(user);
        Assert.Equal("刘洋", user.DisplayName);
        Assert.Equal([Roles.Customer], await users.GetRolesAsync(user));
        var customer = await scope.Db.Customers.AsNoTracking().SingleAsync(c => c.UserId == user.Id);
        Assert.Equal("13912345678", customer.Mobile);
        Assert.Equal("刘洋", customer.Name);
    }

    [Fact]
    public async Task Registered_customer_logs_in_by_mobile_and_by_email()
    {
        using (var registering = factory.CreateBrowser())
        {
            using var registered = await registering.SubmitFormAsync("/Account/Register", new Dictionary<string, string?>
            {
                ["Input.Name"] = "周敏",
                ["Input.Mobile"] = "13712340000",
                ["Input.Email"] = "zhoumin@example.com",
                ["Input.Password"] = NewPassword,
                ["Input.ConfirmPassword"] = NewPassword,
            });
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        }

        foreach (var login in new[] { "13712340000", "zhoumin@example.com" })
        {
            using var browser = factory.CreateBrowser();
            using var response = await browser.LoginAsync(login, NewPassword);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Portal", response.RedirectTarget());
        }

        var customerEmail = await factory.QueryAsync(db => db.Customers.Where(c => c.Mobile == "13712340000").Select(c => c.Email).SingleAsync());
        Assert.Equal("zhoumin@example.com", customerEmail);
    }
}
