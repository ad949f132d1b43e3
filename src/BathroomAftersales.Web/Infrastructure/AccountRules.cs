using BathroomAftersales.Web.Identity;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Infrastructure;

/// <summary>The rules every form that sets a password shares, and how Identity's refusals reach the form.</summary>
public static class AccountRules
{
    public const int PasswordMaxLength = 128;

    public static IRuleBuilderOptions<T, string> NewPassword<T>(this IRuleBuilder<T, string> rule, IStringLocalizer localizer) =>
        rule
            .NotEmpty().WithMessage(_ => localizer["Please choose a password."])
            .MinimumLength(IdentitySetup.MinimumPasswordLength).WithMessage(_ => localizer["The password must be at least {0} characters long.", IdentitySetup.MinimumPasswordLength])
            .MaximumLength(PasswordMaxLength).WithMessage(_ => localizer["The password can be at most {0} characters.", PasswordMaxLength]);

    /// <summary>Password errors go under the password field, email errors under the email field, user-name errors under
    /// the field that holds the user name (the email for staff, the mobile number for customers).</summary>
    public static void AddIdentityErrors(this ModelStateDictionary modelState, IdentityResult result, string passwordKey, string emailKey, string? userNameKey = null)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(result);
        foreach (var error in result.Errors)
        {
            var key = error.Code.StartsWith("Password", StringComparison.Ordinal) ? passwordKey
                : error.Code.Contains("Email", StringComparison.Ordinal) ? emailKey
                : error.Code.Contains("UserName", StringComparison.Ordinal) ? userNameKey ?? emailKey
                : string.Empty;
            modelState.AddModelError(key, error.Description);
        }
    }
}
