using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BathroomAftersales.Web.Identity;

/// <summary>Refuses sign-in to deactivated accounts, on every sign-in path and at every security-stamp check.</summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsActive && await base.CanSignInAsync(user);
    }

    /// <summary>Finds an account by mobile number (customers' user name), user name or email.</summary>
    public async Task<AppUser?> FindByLoginNameAsync(string login)
    {
        ArgumentNullException.ThrowIfNull(login);
        var trimmed = login.Trim();
        if (trimmed.Contains('@', StringComparison.Ordinal))
        {
            return await UserManager.FindByEmailAsync(trimmed);
        }

        var mobile = Domain.Customers.PhoneNumbers.NormalizeMobile(trimmed);
        return await UserManager.FindByNameAsync(mobile) ?? await UserManager.FindByNameAsync(trimmed);
    }
}
