using BathroomAftersales.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BathroomAftersales.Web.Pages.Account;

/// <summary>What the two-factor pages share: reading a typed code and where a finished sign-in goes.</summary>
public static class TwoFactorCodes
{
    public const int CodeLength = 6;

    /// <summary>Authenticator apps show "123 456"; people type it with spaces or a dash.</summary>
    public static string Normalize(string? code) =>
        new((code ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    public static bool IsWellFormed(string? code)
    {
        var digits = Normalize(code);
        return digits.Length == CodeLength && digits.All(char.IsAsciiDigit);
    }

    /// <summary>The local page that asked for the sign-in, else the start page of the user's role; never another site.</summary>
    public static async Task<IActionResult> RedirectAfterSignInAsync(PageModel page, AppSignInManager signInManager, AppUser user, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(signInManager);
        var roles = await signInManager.UserManager.GetRolesAsync(user);
        var landing = Policies.LandingPage(roles.Contains);
        return page.LocalRedirect(page.Url.IsLocalUrl(returnUrl) && returnUrl != "/" ? returnUrl : landing);
    }
}
