using Microsoft.Net.Http.Headers;

namespace BathroomAftersales.Web.Infrastructure;

/// <summary>
/// The browser-side protections every response carries: scripts only from this site (no inline script, so injected
/// markup cannot run), no framing (clickjacking), no MIME sniffing, and the referrer cut to the origin off-site.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Styles may be inline (Bootstrap components and charts set element styles); scripts may not. Images may be data:
    /// and blob: URLs for the photo previews drawn before upload.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
        + "frame-ancestors 'none'";

    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers[HeaderNames.XFrameOptions] = "DENY";
            headers["Referrer-Policy"] = ReferrerPolicy;
            return next();
        });
}
