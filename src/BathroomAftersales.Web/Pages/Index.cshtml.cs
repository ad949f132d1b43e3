using BathroomAftersales.Web.Identity;

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BathroomAftersales.Web.Pages;

/// <summary>The public home page; a signed-in user goes straight to the area their role opens.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            var landing = Policies.LandingPage(User.IsInRole);

            // An account without any role lands here too; show the home page rather than redirecting to itself.
            if (landing != "/")
            {
                return LocalRedirect("~" + landing);
            }
        }

        return Page();
    }
}
