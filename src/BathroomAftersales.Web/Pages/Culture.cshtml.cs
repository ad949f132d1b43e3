using BathroomAftersales.Web.Identity;
using BathroomAftersales.Web.Infrastructure.Localization;

using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BathroomAftersales.Web.Pages;

/// <summary>The language switch: remembers the chosen UI language in the request-culture cookie for a year.</summary>
public sealed class CultureModel(IConfiguration configuration, IHostEnvironment environment) : PageModel
{
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(365);

    public IActionResult OnGet() => LocalRedirect("~/");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        if (culture is null || !LocalizationSetup.SupportedCultures.Contains(culture, StringComparer.Ordinal))
        {
            return BadRequest();
        }

        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions
            {
                MaxAge = CookieLifetime,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                HttpOnly = true,
                Secure = Request.IsHttps || IdentitySetup.RequireHttpsCookies(configuration, environment),
            });

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "~/");
    }
}
