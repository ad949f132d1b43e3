using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BathroomAftersales.Web.Identity;

/// <summary>
/// Lockout on the app's clock. Identity's <see cref="UserManager{TUser}"/> reads <c>DateTimeOffset.UtcNow</c> for lockout
/// (it takes no <see cref="TimeProvider"/> in .NET 10); the two lockout overrides are the only places it does. Authenticator
/// codes are on the app's clock in <see cref="AppAuthenticatorTokenProvider"/>.
/// </summary>
public sealed class AppUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger,
    TimeProvider time)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<bool> IsLockedOutAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var lockout = LockoutStore();
        if (!await lockout.GetLockoutEnabledAsync(user, CancellationToken))
        {
            return false;
        }

        var end = await lockout.GetLockoutEndDateAsync(user, CancellationToken);
        return end >= time.GetUtcNow();
    }

    public override async Task<IdentityResult> AccessFailedAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var lockout = LockoutStore();
        var count = await lockout.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count >= Options.Lockout.MaxFailedAccessAttempts)
        {
            await lockout.SetLockoutEndDateAsync(user, time.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
            await lockout.ResetAccessFailedCountAsync(user, CancellationToken);
        }

        return await UpdateUserAsync(user);
    }

    /// <summary>
    /// A new key starts with no used codes: the step of the last code of the old key must not hold back the first code of
    /// the new one (which the user types right after scanning it). No code of the old key works any more anyway.
    /// </summary>
    public override async Task<IdentityResult> ResetAuthenticatorKeyAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var tokens = Store as IUserAuthenticationTokenStore<AppUser> ?? throw new NotSupportedException("The user store does not support tokens.");
        await tokens.RemoveTokenAsync(user, AppAuthenticatorTokenProvider.LoginProvider, AppAuthenticatorTokenProvider.LastStepTokenName, CancellationToken);
        return await base.ResetAuthenticatorKeyAsync(user);
    }

    private IUserLockoutStore<AppUser> LockoutStore() =>
        Store as IUserLockoutStore<AppUser> ?? throw new NotSupportedException("The user store does not support lockout.");
}
