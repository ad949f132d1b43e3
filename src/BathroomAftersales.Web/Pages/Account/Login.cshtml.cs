using BathroomAftersales.Web.Identity;
using BathroomAftersales.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Account;

public sealed class LoginModel(
    AppSignInManager signInManager,
    IValidator<LoginModel.InputModel> validator,
    IStringLocalizer<SharedResource> localizer,
    ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(Policies.LandingPage(User.IsInRole));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.AddValidationErrors(await validator.ValidateAsync(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await signInManager.FindByLoginNameAsync(Input.Login);
        if (user is null)
        {
            logger.SignInFailed(null, HttpContext.Connection.RemoteIpAddress);
            return Failed(localizer["Incorrect mobile number, email or password."]);
        }

        var result = await signInManager.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.SignedIn(user.Id, HttpContext.Connection.RemoteIpAddress);
            var roles = await signInManager.UserManager.GetRolesAsync(user);
            var landing = Policies.LandingPage(roles.Contains);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/" ? ReturnUrl : landing);
        }

        if (result.RequiresTwoFactor)
        {
            logger.TwoFactorRequired(user.Id, HttpContext.Connection.RemoteIpAddress);
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl, Input.RememberMe });
        }

        if (result.IsLockedOut)
        {
            return LockedOut(user);
        }

        if (result.IsNotAllowed)
        {
            // Identity refuses a deactivated account before it looks at the password, so count wrong guesses here:
            // lockout still applies, and only someone who knows the password learns that the account was deactivated.
            var users = signInManager.UserManager;
            if (await users.IsLockedOutAsync(user))
            {
                return LockedOut(user);
            }

            if (await users.CheckPasswordAsync(user, Input.Password))
            {
                logger.DeactivatedSignIn(user.Id, HttpContext.Connection.RemoteIpAddress);
                return Failed(localizer["This account has been deactivated. Please contact the administrator."]);
            }

            await users.AccessFailedAsync(user);
        }

        logger.SignInFailed(user.Id, HttpContext.Connection.RemoteIpAddress);
        return Failed(localizer["Incorrect mobile number, email or password."]);
    }

    private PageResult LockedOut(AppUser user)
    {
        logger.LockedOut(user.Id, HttpContext.Connection.RemoteIpAddress);
        return Failed(localizer["This account is locked after too many failed attempts. Please try again in {0} minutes.", (int)IdentitySetup.LockoutDuration.TotalMinutes]);
    }

    private PageResult Failed(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        Input.Password = string.Empty;
        return Page();
    }

    public sealed class InputModel
    {
        public string Login { get; set; } = string.Empty;

        public string Password { get; set; } = string.Empty;

        public bool RememberMe { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> localizer)
        {
            RuleFor(x => x.Login)
                .NotEmpty().WithMessage(_ => localizer["Please enter your mobile number or email."])
                .MaximumLength(256).WithMessage(_ => localizer["Please enter your mobile number or email."]);
            RuleFor(x => x.Password)
                .NotEmpty().WithMessage(_ => localizer["Please enter your password."])
                .MaximumLength(256).WithMessage(_ => localizer["Incorrect mobile number, email or password."]);
        }
    }
}
