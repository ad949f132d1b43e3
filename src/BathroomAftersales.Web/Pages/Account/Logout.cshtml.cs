using BathroomAftersales.Web.Identity;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Account;

public sealed class LogoutModel(AppSignInManager signInManager, IStringLocalizer<SharedResource> localizer, ILogger<LogoutModel> logger) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            var userId = signInManager.UserManager.GetUserId(User);
            var user = await signInManager.UserManager.GetUserAsync(User);
            await signInManager.SignOutAsync();
            logger.SignedOut(userId);

            // A copy of the cookie (another tab, a stolen one) stops working at the next security-stamp check.
            if (user is not null)
            {
                await signInManager.UserManager.UpdateSecurityStampAsync(user);
                logger.SessionRevoked(user.Id);
            }

            TempData.SetStatusMessage(localizer["You have signed out."]);
        }

        return LocalRedirect("/");
    }
}
