using BathroomAftersales.Web.Identity;
using BathroomAftersales.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Account;

/// <summary>
/// The second sign-in step: the code of the authenticator app. Only the short-lived two-factor cookie the password step
/// set lets the user here; nothing is signed in until the code is right. Wrong codes count towards lockout like wrong
/// passwords. There is no "remember this device": see docs/security.md.
/// </summary>
public sealed class LoginWith2faModel(
    AppSignInManager signInManager,
    IValidator<LoginWith2faModel.InputModel> validator,
    IStringLocalizer<SharedResource> localizer,
    ILogger<LoginWith2faModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>"Keep me signed in" from the password step, carried to the sign-in this step makes.</summary>
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
        var result = await signInManager.TwoFactorAuthenticatorSignInAsync(TwoFactorCodes.Normalize(Input.Code), RememberMe, rememberClient: false);
        if (result.Succeeded)
        {
            logger.SignedIn(user.Id, ip);
            return await TwoFactorCodes.RedirectAfterSignInAsync(this, signInManager, user, ReturnUrl);
        }

        if (result.IsLockedOut)
        {
            logger.LockedOut(user.Id, ip);
            return Failed(localizer["This account is locked after too many failed attempts. Please try again in {0} minutes.", (int)IdentitySetup.LockoutDuration.TotalMinutes]);
        }

        logger.TwoFactorCodeFailed(user.Id, ip);
        return Failed(localizer["The code is not valid. Enter the 6-digit code your authenticator app shows now."]);
    }

    private PageResult Failed(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        Input.Code = string.Empty;
        return Page();
    }

    /// <summary>The two-factor cookie is missing or expired (it lasts minutes): back to the password step.</summary>
    private RedirectToPageResult SignInAgain()
    {
        TempData.SetStatusMessage(localizer["Please sign in again."]);
        return RedirectToPage("./Login", new { ReturnUrl });
    }

    public sealed class InputModel
    {
        public string Code { get; set; } = string.Empty;
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> localizer) =>
            RuleFor(x => x.Code)
                .Must(code => TwoFactorCodes.IsWellFormed(code))
                .WithMessage(_ => localizer["Please enter the 6-digit code from your authenticator app."]);
    }
}
