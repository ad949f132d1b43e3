using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace BathroomAftersales.Web.Identity;

/// <summary>
/// Managers and administrators see every customer's data or every account, so a password alone is not enough for
/// them: until they turn on two-factor sign-in, every page that needs a login sends them to the set-up page instead.
/// Pages open to anyone (sign-out, the language switch, the error page) and static files are not touched.
/// </summary>
public static class TwoFactorRequirement
{
    public const string SetupPage = "/Account/TwoFactor";

    /// <summary>The roles that must sign in with a second factor.</summary>
    public static readonly IReadOnlyList<string> RequiredFor = [Roles.Manager, Roles.Admin];

    public static bool IsRequiredFor(Func<string, bool> isInRole)
    {
        ArgumentNullException.ThrowIfNull(isInRole);
        return RequiredFor.Any(isInRole);
    }

    /// <summary>Runs after authentication and authorization, so only endpoints the user may otherwise open are redirected.</summary>
    public static IApplicationBuilder UseTwoFactorRequirement(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (await MustSetUpAsync(context))
            {
                // Every method, POSTs included: the page the user wanted does nothing until the second factor is on.
                context.Response.Redirect(SetupPage);
                return;
            }

            await next();
        });

    private static async Task<bool> MustSetUpAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || !IsRequiredFor(user.IsInRole))
        {
            return false;
        }

        var endpoint = context.GetEndpoint();
        if (endpoint is null
            || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
            || endpoint.Metadata.GetMetadata<IAuthorizeData>() is null
            || context.Request.Path.StartsWithSegments(SetupPage, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Read from the database, not the cookie: turning the second factor on or off takes effect at once.
        var users = context.RequestServices.GetRequiredService<UserManager<AppUser>>();
        var account = await users.GetUserAsync(user);
        return account is not null && !account.TwoFactorEnabled;
    }
}
