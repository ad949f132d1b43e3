using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace BathroomAftersales.Web.Infrastructure;

/// <summary>
/// The status messages' cookie (<see cref="CookieTempDataProvider"/>), minus one habit: every page reads it for a message
/// to show, and with nothing to keep the cookie provider answers with a Set-Cookie deleting a cookie the browser never
/// had. That header on every page is waste, and a page that sets a cookie cannot be kept for a moment (ADR 0021).
/// A deletion is sent only when the browser did send the cookie.
/// </summary>
public sealed class QuietTempDataProvider(CookieTempDataProvider cookies, IOptions<CookieTempDataProviderOptions> options) : ITempDataProvider
{
    public IDictionary<string, object> LoadTempData(HttpContext context) => cookies.LoadTempData(context);

    public void SaveTempData(HttpContext context, IDictionary<string, object> values)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(values);

        // A long message is split over chunks named after the cookie (name, nameC1, nameC2, …).
        var name = options.Value.Cookie.Name!;
        if (values.Count == 0 && !context.Request.Cookies.Keys.Any(k => k.StartsWith(name, StringComparison.Ordinal)))
        {
            return;
        }

        cookies.SaveTempData(context, values);
    }
}
