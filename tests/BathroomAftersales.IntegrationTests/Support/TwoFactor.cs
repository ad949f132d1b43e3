using BathroomAftersales.Web.Data.Seed;
using BathroomAftersales.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace BathroomAftersales.IntegrationTests.Support;

/// <summary>
/// Authenticator codes as a phone app computes them (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), with Otp.NET
/// rather than the app's own code, on the app's clock (<see cref="AppFactory.Time"/>): the app checks codes against its
/// <see cref="TimeProvider"/>. A code works once: signing in again needs the code of a later step, so a test waits for the
/// next code the way a person does, by moving the clock on (<see cref="FreshCodeAsync"/>).
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

    /// <summary>The code an authenticator app shows at <paramref name="instant"/> for <paramref name="key"/>.</summary>
    public static string CodeAt(string key, DateTimeOffset instant) =>
        new Totp(Base32Encoding.ToBytes(key), step: 30, mode: OtpHashMode.Sha1, totpSize: 6).ComputeTotp(instant.UtcDateTime);

    /// <summary>The code an authenticator app shows now, by the app's clock, for <paramref name="key"/>.</summary>
    public static string CodeNow(AppFactory factory, string key)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return CodeAt(key, factory.Time.GetUtcNow());
    }

    /// <summary>A code that is certainly wrong now: the current one with its last digit changed.</summary>
    public static string WrongCodeNow(AppFactory factory, string key)
    {
        var code = CodeNow(factory, key);
        return code[..^1] + (char)('0' + ((code[^1] - '0' + 5) % 10));
    }

    /// <summary>Moves the app's clock to the start of the next 30-second step: the app shows a new code.</summary>
    public static void WaitForNextCode(AppFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var now = factory.Time.GetUtcNow();
        var next = DateTimeOffset.FromUnixTimeSeconds((AppAuthenticatorTokenProvider.StepAt(now) + 1) * (long)AppAuthenticatorTokenProvider.StepLength.TotalSeconds);
        factory.Time.Advance(next - now);
    }

    /// <summary>
    /// The code of <paramref name="login"/>'s authenticator app that the app has not accepted yet: the current one, or,
    /// when a code of this step was used already (an earlier sign-in of the same account), the next one after waiting for it.
    /// </summary>
    public static async Task<string> FreshCodeAsync(AppFactory factory, string login)
    {
        ArgumentNullException.ThrowIfNull(factory);
        long lastUsed;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await FindAsync(users, login);
            lastUsed = await AppAuthenticatorTokenProvider.LastUsedStepAsync(users, user);
        }

        while (AppAuthenticatorTokenProvider.StepAt(factory.Time.GetUtcNow()) <= lastUsed)
        {
            WaitForNextCode(factory);
        }

        return CodeNow(factory, KeyFor(login));
    }

    /// <summary>Turns two-factor sign-in on for an account, with <see cref="TestKey"/> unless another key is given.</summary>
    public static async Task EnableAsync(AppFactory factory, string login, string key = TestKey)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await FindAsync(users, login);
        var store = (IUserAuthenticatorKeyStore<AppUser>)scope.ServiceProvider.GetRequiredService<IUserStore<AppUser>>();
        await store.SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
        var result = await users.SetTwoFactorEnabledAsync(user, enabled: true);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private static async Task<AppUser> FindAsync(UserManager<AppUser> users, string login) =>
        (login.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(login) : await users.FindByNameAsync(login))
            ?? throw new InvalidOperationException($"No account {login}.");
}
