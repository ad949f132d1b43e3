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
            await signInManager.SignOutAsync();
            logger.SignedOut(userId);
            TempData.SetStatusMessage(localizer["You have signed out."]);
        }

        return LocalRedirect("/");
    }
}
