using BathroomAftersales.Web.Identity;
using BathroomAftersales.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Account;

/// <summary>
/// The second sign-in step with a recovery code instead of the authenticator app. A code is gone once used; wrong codes
/// count towards lockout (Identity's recovery-code sign-in does not count them itself).
/// </summary>
public sealed class LoginWithRecoveryCodeModel(
    AppSignInManager signInManager,
    IValidator<LoginWithRecoveryCodeModel.InputModel> validator,
    IStringLocalizer<SharedResource> localizer,
    ILogger<LoginWithRecoveryCodeModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Carried back to the authenticator step; a recovery-code sign-in itself lasts the browser session only.</summary>
    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return SignInAgain();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return SignInAgain();
        }

        ModelState.AddValidationErrors(await validator.ValidateAsync(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var ip = HttpContext.Connection.RemoteIpAddress;
        var users = signInManager.UserManager;
        if (await users.IsLockedOutAsync(user))
        {
            return LockedOut(user);
        }

        var code = Input.RecoveryCode.Replace(" ", string.Empty, StringComparison.Ordinal).Trim();
        var result = await signInManager.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            logger.RecoveryCodeUsed(user.Id, ip, await users.CountRecoveryCodesAsync(user));
            return await TwoFactorCodes.RedirectAfterSignInAsync(this, signInManager, user, ReturnUrl);
        }

        if (result.IsLockedOut)
        {
            return LockedOut(user);
        }

        logger.RecoveryCodeFailed(user.Id, ip);
        await users.AccessFailedAsync(user);
        if (await users.IsLockedOutAsync(user))
        {
            return LockedOut(user);
        }

        return Failed(localizer["The recovery code is not valid."]);
    }

    private PageResult LockedOut(AppUser user)
    {
        logger.LockedOut(user.Id, HttpContext.Connection.RemoteIpAddress);
        return Failed(localizer["This account is locked after too many failed attempts. Please try again in {0} minutes.", (int)IdentitySetup.LockoutDuration.TotalMinutes]);
    }

    private PageResult Failed(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        Input.RecoveryCode = string.Empty;
        return Page();
    }

    private RedirectToPageResult SignInAgain()
    {
        TempData.SetStatusMessage(localizer["Please sign in again."]);
        return RedirectToPage("./Login", new { ReturnUrl });
    }

    public sealed class InputModel
    {
        public string RecoveryCode { get; set; } = string.Empty;
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> localizer) =>
            RuleFor(x => x.RecoveryCode)
                .NotEmpty().WithMessage(_ => localizer["Please enter a recovery code."])
                .MaximumLength(32).WithMessage(_ => localizer["The recovery code is not valid."]);
    }
}
