using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BathroomAftersales.Web.Pages;

public class PrivacyModel : PageModel
{
    public void OnGet()
    {
    }
}

