using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;

using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace BathroomAftersales.Web.Infrastructure;

/// <summary>
/// Per-client-address limits on the forms that guess passwords, create accounts or create work for the desk (ASVS 2.2.1,
/// 11.1.4). Only POSTs count: reading a page is never limited. A refused POST answers 429 with Retry-After and the
/// localized error page. The client address is the connection's, or the proxy's X-Forwarded-For when forwarded headers
/// are enabled (see docs/operations.md).
/// </summary>
/// <remarks>
/// The limiters of System.Threading.RateLimiting keep their own time (no <see cref="TimeProvider"/>), so the window is
/// configurable: tests use a small permit limit and a long window.
/// </remarks>
public static class RateLimits
{
    public const string SectionName = "RateLimits";

    public const string Login = nameof(Login);
    public const string Registration = nameof(Registration);
    public const string PasswordReset = nameof(PasswordReset);
    public const string ServiceRequest = nameof(ServiceRequest);
    public const string Complaint = nameof(Complaint);

    /// <summary>Answer when the limiter gives no Retry-After of its own.</summary>
    private const int FallbackRetryAfterSeconds = 60;

    /// <summary>Sensible defaults per policy: permits per window, window length in seconds.</summary>
    public static readonly IReadOnlyDictionary<string, (int PermitLimit, int WindowSeconds)> Defaults = new Dictionary<string, (int, int)>
    {
        [Login] = (10, 60),
        [Registration] = (5, 60),
        [PasswordReset] = (10, 60),
        [ServiceRequest] = (10, 60),
        [Complaint] = (5, 60),
    };

    /// <summary>Which page's POSTs each policy limits. The password is reset by an administrator on the account page.</summary>
    private static readonly (string Page, string Policy)[] LimitedPages =
    [
        ("/Account/Login", Login),
        ("/Account/Register", Registration),
        ("/Admin/Users/Edit", PasswordReset),
        ("/Portal/Requests/New", ServiceRequest),
        ("/Portal/Complaints/New", Complaint),
    ];

    public static void AddAppRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            foreach (var (policy, (defaultPermits, defaultWindow)) in Defaults)
            {
                var section = configuration.GetSection($"{SectionName}:{policy}");
                var permits = section.GetValue("PermitLimit", defaultPermits);
                var window = TimeSpan.FromSeconds(section.GetValue("WindowSeconds", defaultWindow));
                o.AddPolicy(policy, context => HttpMethods.IsPost(context.Request.Method)
                    ? RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = permits,
                        Window = window,
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("read"));
            }

            o.OnRejected = (context, _) =>
            {
                var http = context.HttpContext;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? (int)Math.Ceiling(wait.TotalSeconds)
                    : FallbackRetryAfterSeconds;
                http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);

                // No body: status-code re-execution renders the localized error page for 429.
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits).FullName!)
                    .RateLimited(http.Request.Path.Value ?? string.Empty, http.User.Identity?.Name, http.Connection.RemoteIpAddress);
                return ValueTask.CompletedTask;
            };
        });

        services.Configure<RazorPagesOptions>(o =>
        {
            foreach (var (page, policy) in LimitedPages)
            {
                o.Conventions.AddPageApplicationModelConvention(page, model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(policy)));
            }
        });
    }

    /// <summary>The partition: the client's address ("the same client" for a test server, which has none).</summary>
    private static string ClientKey(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address ? Normalize(address).ToString() : "unknown";

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
