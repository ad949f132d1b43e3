using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Identity;

/// <summary>Identity's own messages, in the user's language.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> localizer) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "An unknown failure has occurred.");

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "Someone else changed this account meanwhile. Please reload and try again.");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Incorrect password.");

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "The link is invalid or has expired.");

    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), "A user with this login already exists.");

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "The user name '{0}' is invalid.", userName ?? string.Empty);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "The email address '{0}' is invalid.", email ?? string.Empty);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "An account with '{0}' already exists.", userName ?? string.Empty);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), "The email address '{0}' is already used by another account.", email ?? string.Empty);

    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), "The role name '{0}' is invalid.", role ?? string.Empty);

    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), "The role '{0}' already exists.", role ?? string.Empty);

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "The user already has a password.");

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "Lockout is not enabled for this user.");

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), "The user already has the role '{0}'.", role ?? string.Empty);

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), "The user does not have the role '{0}'.", role ?? string.Empty);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), "The password must be at least {0} characters long.", length);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), "The password must use at least {0} different characters.", uniqueChars);

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "The password must contain a symbol.");

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "The password must contain a digit.");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "The password must contain a lower-case letter.");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "The password must contain an upper-case letter.");

    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), "The recovery code is not valid.");

    private IdentityError Error(string code, string text, params object[] arguments) =>
        new() { Code = code, Description = localizer[text, arguments] };
}
