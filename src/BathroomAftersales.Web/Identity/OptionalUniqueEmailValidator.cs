using Microsoft.AspNetCore.Identity;

namespace BathroomAftersales.Web.Identity;

/// <summary>
/// Customers may register without an email, so Identity's RequireUniqueEmail (which also makes it required) is off;
/// this keeps an email that is given valid and unique. The unique index on NormalizedEmail backs it up.
/// </summary>
public sealed class OptionalUniqueEmailValidator(IdentityErrorDescriber describer) : IUserValidator<AppUser>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var email = await manager.GetEmailAsync(user);
        if (string.IsNullOrWhiteSpace(email))
        {
            return IdentityResult.Success;
        }

        if (!System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email.Trim())
        {
            return IdentityResult.Failed(describer.InvalidEmail(email));
        }

        var owner = await manager.FindByEmailAsync(email);
        if (owner is not null && owner.Id != await manager.GetUserIdAsync(user))
        {
            return IdentityResult.Failed(describer.DuplicateEmail(email));
        }

        return IdentityResult.Success;
    }
}
