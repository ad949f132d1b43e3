using BathroomAftersales.Web.Data.Seed;
using BathroomAftersales.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace BathroomAftersales.IntegrationTests.Support;

/// <summary>
/// Authenticator codes as a phone app computes them (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), with Otp.NET
/// rather than the app's own code. ASP.NET Core Identity checks authenticator codes against the real clock
/// (DateTimeOffset.UtcNow in AuthenticatorTokenProvider, not the injected TimeProvider), so codes are computed for the
/// real time, not for <see cref="AppFactory.Time"/>; Identity accepts the steps 60 s either side, so a step boundary
/// between computing and checking does no harm.
/// </summary>
public static class TwoFactor
{
    /// <summary>The key tests give to accounts they create with two-factor sign-in on (Base32, 20 bytes).</summary>
    public const string TestKey = "TESTTOTPKEYFORINTEGRATIONTESTS23";

    /// <summary>The authenticator key of an account the tests know: the demo manager and admin, else <see cref="TestKey"/>.</summary>
    public static string KeyFor(string login) => login switch
    {
        DemoData.ManagerEmail => DemoData.ManagerAuthenticatorKey,
        DemoData.AdminEmail => DemoData.AdminAuthenticatorKey,
        _ => TestKey,
    };

    /// <summary>The code an authenticator app shows now for <paramref name="key"/>.</summary>
    public static string CodeNow(string key) =>
        new Totp(Base32Encoding.ToBytes(key), step: 30, mode: OtpHashMode.Sha1, totpSize: 6).ComputeTotp(TimeProvider.System.GetUtcNow().UtcDateTime);

    /// <summary>A code that is certainly wrong now: the current one with its last digit changed.</summary>
    public static string WrongCodeNow(string key)
    {
        var code = CodeNow(key);
        return code[..^1] + (char)('0' + ((code[^1] - '0' + 5) % 10));
    }

    /// <summary>Turns two-factor sign-in on for an account, with <see cref="TestKey"/> unless another key is given.</summary>
    public static async Task EnableAsync(AppFactory factory, string login, string key = TestKey)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (login.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(login) : await users.FindByNameAsync(login))
            ?? throw new InvalidOperationException($"No account {login}.");
        var store = (IUserAuthenticatorKeyStore<AppUser>)scope.ServiceProvider.GetRequiredService<IUserStore<AppUser>>();
        await store.SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
        var result = await users.SetTwoFactorEnabledAsync(user, enabled: true);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
