using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BathroomAftersales.Web.Pages.Account;

public sealed class AccessDeniedModel : PageModel
{
    public void OnGet()
    {
    }
}
