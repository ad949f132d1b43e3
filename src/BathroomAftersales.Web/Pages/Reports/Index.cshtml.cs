using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BathroomAftersales.Web.Pages.Reports;

/// <summary>The reports a manager can open; the figures live on each report's own page.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
