using System.Net;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Admin;

public sealed class UserAdministrationTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string InitialPassword = "Initial-Pass-2026";

    [Fact]
    public async Task Admin_creates_a_technician_who_logs_in_and_lands_on_the_technician_page()
    {
        using var admin = await AdminBrowserAsync();

        using var created = await admin.SubmitFormAsync("/Admin/Users/Create", new Dictionary<string, string?>
        {
            ["Input.DisplayName"] = "李师傅",
            ["Input.Email"] = "li.tech@example.com",
            ["Input.Mobile"] = "136 0000 0099",
            ["Input.Role"] = Roles.Technician,
            ["Input.Password"] = InitialPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/Admin/Users", created.RedirectTarget());
        await using (var scope = factory.OpenDb())
        {
            var users = scope.Get<UserManager<AppUser>>();
            var user = await users.FindByEmailAsync("li.tech@example.com");
            Assert.NotNull(user);
            Assert.Equal("李师傅", user.DisplayName);
            Assert.Equal("13600000099", user.PhoneNumber);
            Assert.Equal([Roles.Technician], await users.GetRolesAsync(user));
            var technician = await scope.Db.Technicians.AsNoTracking().SingleAsync(t => t.UserId == user.Id);
            Assert.Equal("李师傅", technician.Name);
        }

        using var technicianBrowser = factory.CreateBrowser();
        using var login = await technicianBrowser.LoginAsync("li.tech@example.com", InitialPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/Technician/Jobs", login.RedirectTarget());
        using var page = await technicianBrowser.FollowRedirectAsync(login);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Admin_creates_an_agent_without_a_technician_record()
    {
        using var admin = await AdminBrowserAsync();
        var technicians = await factory.QueryAsync(db => db.Technicians.CountAsync());

        var userId = await CreateStaffAsync(admin, "agent.two@example.com", Roles.CrmAgent);

        Assert.Equal(technicians, await factory.QueryAsync(db => db.Technicians.CountAsync()));
        await using var scope = factory.OpenDb();
        var users = scope.Get<UserManager<AppUser>>();
        Assert.Equal([Roles.CrmAgent], await users.GetRolesAsync((await users.FindByIdAsync(userId))!));
    }

    [Fact]
    public async Task Deactivated_user_cannot_log_in_until_reactivated()
    {
        using var admin = await AdminBrowserAsync();
        var userId = await CreateStaffAsync(admin, "leaving@example.com", Roles.CrmAgent);

        using var deactivated = await admin.SubmitFormAsync($"/Admin/Users/Edit/{userId}", formAction: "handler=Deactivate");

        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.False(await factory.QueryAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.IsActive).SingleAsync()));
        using (var browser = factory.CreateBrowser())
        {
            using var refused = await browser.LoginAsync("leaving@example.com", InitialPassword);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.False(refused.HasAuthCookie());
            var page = await refused.ReadDocumentAsync();
            Assert.Contains(factory.InChinese("This account has been deactivated. Please contact the administrator."), page.ErrorMessages());
        }

        using var activated = await admin.SubmitFormAsync($"/Admin/Users/Edit/{userId}", formAction: "handler=Activate");

        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);
        using var again = factory.CreateBrowser();
        using var login = await again.LoginAsync("leaving@example.com", InitialPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/Staff", login.RedirectTarget());
    }

    [Fact]
    public async Task Reactivating_a_technician_makes_them_dispatchable_again()
    {
        using var admin = await AdminBrowserAsync();
        var userId = await CreateStaffAsync(admin, "seasonal.tech@example.com", Roles.Technician);
        Task<bool> DispatchableAsync() =>
            factory.QueryAsync(db => db.Technicians.Where(t => t.UserId == userId).Select(t => t.Active).SingleAsync());

        using (var deactivated = await admin.SubmitFormAsync($"/Admin/Users/Edit/{userId}", formAction: "handler=Deactivate"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        }

        Assert.False(await DispatchableAsync());

        using (var activated = await admin.SubmitFormAsync($"/Admin/Users/Edit/{userId}", formAction: "handler=Activate"))
        {
            Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);
        }

        // Otherwise the account signs in again but ServiceRequest.Dispatch refuses the technician for good.
        Assert.True(await DispatchableAsync(), "The reactivated technician is still inactive and cannot be dispatched.");
    }

    [Fact]
    public async Task Deactivation_ends_the_open_sessions_of_the_account()
    {
        using var admin = await AdminBrowserAsync();
        var userId = await CreateStaffAsync(admin, "session@example.com", Roles.CrmAgent);
        using var agent = factory.CreateBrowser();
        await agent.SignInAsync("session@example.com", InitialPassword);
        using (var before = await agent.GetAsync(new Uri("/Staff", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var deactivated = await admin.SubmitFormAsync($"/Admin/Users/Edit/{userId}", formAction: "handler=Deactivate");
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);

        // The security stamp is checked once a minute: past that, the old cookie no longer opens anything.
        factory.Time.Advance(TimeSpan.FromMinutes(2));
        using var after = await agent.GetAsync(new Uri("/Staff", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_resets_a_password_and_only_the_new_one_works()
    {
        using var admin = await AdminBrowserAsync();
        var userId = await CreateStaffAsync(admin, "forgetful@example.com", Roles.Manager);
        const string newPassword = "Brand-New-Secret-42";

        using var reset = await admin.SubmitFormAsync(
            $"/Admin/Users/Edit/{userId}",
            new Dictionary<string, string?> { ["Input.NewPassword"] = newPassword },
            formAction: "handler=ResetPassword");

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        using var browser = factory.CreateBrowser();
        using var old = await browser.LoginAsync("forgetful@example.com", InitialPassword);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        using var fresh = await browser.LoginAsync("forgetful@example.com", newPassword);
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        Assert.Equal("/Staff", fresh.RedirectTarget());
    }

    [Fact]
    public async Task Admin_reset_with_a_short_password_changes_nothing()
    {
        using var admin = await AdminBrowserAsync();
        var userId = await CreateStaffAsync(admin, "short@example.com", Roles.CrmAgent);
        var hashBefore = await PasswordHashAsync(userId);

        using var reset = await admin.SubmitFormAsync(
            $"/Admin/Users/Edit/{userId}",
            new Dictionary<string, string?> { ["Input.NewPassword"] = "short-1" },
            formAction: "handler=ResetPassword");

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.NotEmpty((await reset.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(hashBefore, await PasswordHashAsync(userId));
    }

    private Task<string?> PasswordHashAsync(string userId) =>
        factory.QueryAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.PasswordHash).SingleAsync());

    private async Task<HttpClient> AdminBrowserAsync()
    {
        var browser = factory.CreateBrowser();
        await browser.SignInAsync(Accounts.Admin);
        return browser;
    }

    /// <summary>Creates a staff account through the page and returns its id.</summary>
    private async Task<string> CreateStaffAsync(HttpClient admin, string email, string role)
    {
        using var created = await admin.SubmitFormAsync("/Admin/Users/Create", new Dictionary<string, string?>
        {
            ["Input.DisplayName"] = "测试员工",
            ["Input.Email"] = email,
            ["Input.Role"] = role,
            ["Input.Password"] = InitialPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return await factory.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
    }
}
