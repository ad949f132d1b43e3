using System.Diagnostics;

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BathroomAftersales.Web.Pages;

/// <summary>
/// Rendered by the exception handler and by status-code re-execution ("/Error?code=404"). It keeps the status code it
/// was re-executed with and never shows exception details; a 500 shows the trace id for the support desk.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int? Code { get; private set; }

    public string? RequestId { get; private set; }

    public void OnGet(int? code) => Describe(code);

    /// <summary>Re-execution keeps the method, so a failed POST arrives here as a POST.</summary>
    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        Code = code;
        if (code is not (StatusCodes.Status400BadRequest or StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound or StatusCodes.Status429TooManyRequests))
        {
            RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        }
    }
}
