using System.Net;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;
using BathroomAftersales.Web.Identity;
using Microsoft.AspNetCore.Identity;

namespace BathroomAftersales.IntegrationTests.Account;

/// <summary>
/// ASVS 2.2.1: lockout on every path that checks a password. The login form is the only one: for an active account it
/// goes through SignInManager.PasswordSignInAsync (lockoutOnFailure: true), for a deactivated one through
/// UserManager.CheckPasswordAsync and AccessFailedAsync. Nothing else in the app verifies a password (an administrator's
/// reset and the create-admin command set one without checking the old).
/// </summary>
public sealed class LockoutTests(ClientAddressAppFactory factory) : IClassFixture<ClientAddressAppFactory>
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_right_password_works_again_after_the_lockout_duration()
    {
        // One client address per attempt keeps the rate limit (3 per address) out of the way: lockout is per account.
        var login = DemoData.Customer2Mobile;
        for (var attempt = 1; attempt <= IdentitySetup.MaxFailedAccessAttempts; attempt++)
        {
            using var wrong = factory.CreateBrowser($"192.0.2.{attempt}");
            using var failed = await wrong.LoginAsync(login, "not-the-password-" + attempt);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using var browser = factory.CreateBrowser("192.0.2.100");
        using var locked = await browser.LoginAsync(login, Accounts.Password);

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.False(locked.HasAuthCookie());
        Assert.Contains(LockedText(), (await locked.ReadDocumentAsync()).ErrorMessages());
        Assert.Contains(LogFiles.Read(factory).Split('\n'), line => line.Contains("is locked out", StringComparison.Ordinal) && line.Contains("192.0.2.100", StringComparison.Ordinal));

        // Still locked a minute before the end, open after it, on the app's clock.
        factory.Time.Advance(IdentitySetup.LockoutDuration - TimeSpan.FromMinutes(1));
        using var stillLocked = await browser.LoginAsync(login, Accounts.Password);
        Assert.Contains(LockedText(), (await stillLocked.ReadDocumentAsync()).ErrorMessages());

        factory.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        using var unlocked = await browser.LoginAsync(login, Accounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        Assert.True(unlocked.HasAuthCookie());
    }

    [Fact]
    public async Task Wrong_passwords_lock_a_deactivated_account_too()
    {
        await using (var scope = factory.OpenDb())
        {
            var users = scope.Get<UserManager<AppUser>>();
            var technician = (await users.FindByEmailAsync(DemoData.TechnicianEmail))!;
            technician.IsActive = false;
            Assert.True((await users.UpdateAsync(technician)).Succeeded);
        }

        for (var attempt = 1; attempt <= IdentitySetup.MaxFailedAccessAttempts; attempt++)
        {
            using var wrong = factory.CreateBrowser($"192.0.2.{20 + attempt}");
            using var _ = await wrong.LoginAsync(DemoData.TechnicianEmail, "not-the-password-" + attempt);
        }

        // Locked, so even the right password learns nothing about the deactivation.
        using var browser = factory.CreateBrowser("192.0.2.30");
        using var response = await browser.LoginAsync(DemoData.TechnicianEmail, Accounts.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = (await response.ReadDocumentAsync()).ErrorMessages();
        Assert.Contains(LockedText(), messages);
        Assert.DoesNotContain(factory.InChinese("This account has been deactivated. Please contact the administrator."), messages);
    }

    private string LockedText() => factory.InChinese(
        "This account is locked after too many failed attempts. Please try again in {0} minutes.",
        (int)IdentitySetup.LockoutDuration.TotalMinutes);
}
