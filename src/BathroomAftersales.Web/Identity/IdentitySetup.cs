using BathroomAftersales.Web.Data;

using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace BathroomAftersales.Web.Identity;

public static class IdentitySetup
{
    public const int MinimumPasswordLength = 12;
    public const int MaxFailedAccessAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
    public const string AuthCookieName = "__Host-ba.auth";
    public const string AntiforgeryCookieName = "__Host-ba.af";

    /// <summary>Configuration key: false lets `dotnet run` in Development serve plain http://localhost (see below).</summary>
    public const string RequireHttpsCookiesKey = "Cookies:RequireHttps";

    /// <summary>
    /// Whether the session and antiforgery cookies are Secure and __Host- prefixed. Always, except in Development with
    /// Cookies:RequireHttps = false (appsettings.Development.json): a __Host- cookie needs https, and antiforgery refuses
    /// to work over plain http with Secure cookies, while the development server and the browser tests serve plain http.
    /// </summary>
    public static bool RequireHttpsCookies(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        return !environment.IsDevelopment() || configuration.GetValue(RequireHttpsCookiesKey, true);
    }

    public static void AddAppIdentity(this IServiceCollection services)
    {
        services
            .AddIdentity<AppUser, IdentityRole>(o =>
            {
                // Length over composition rules: at least 12 characters of at least 4 kinds of character.
                o.Password.RequiredLength = MinimumPasswordLength;
                o.Password.RequiredUniqueChars = 4;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;

                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = MaxFailedAccessAttempts;
                o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;

                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserManager<AppUserManager>()
            .AddSignInManager<AppSignInManager>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddUserValidator<OptionalUniqueEmailValidator>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddDefaultTokenProviders()
            .AddUserStore<AppUserStore>()
            .AddTokenProvider<AppAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);

        services.ConfigureApplicationCookie(o =>
        {
            // __Host-: the browser keeps the cookie only if it is Secure, has Path=/ and no Domain, so no subdomain or
            // plain-http page can plant or read it. Lax, not Strict: a customer following a link from an email or a
            // text message to their request must arrive signed in.
            o.Cookie.Name = AuthCookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.Path = "/";
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);

            // A signed-in user asking for another role's page gets a real 403 (rendered by the error page), not a redirect.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                var http = context.HttpContext;
                Infrastructure.SecurityLog.AccessDenied(
                    http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Infrastructure.SecurityLog)),
                    http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value,
                    http.Connection.RemoteIpAddress,
                    http.Request.Method,
                    http.Request.Path,
                    System.Diagnostics.Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier);
                return Task.CompletedTask;
            };
        });

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = AntiforgeryCookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/";
        });

        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IConfiguration, IHostEnvironment>((o, configuration, environment) =>
            {
                if (!RequireHttpsCookies(configuration, environment))
                {
                    o.Cookie.Name = "ba.auth";
                    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                }
            });
        services.AddOptions<AntiforgeryOptions>()
            .Configure<IConfiguration, IHostEnvironment>((o, configuration, environment) =>
            {
                if (!RequireHttpsCookies(configuration, environment))
                {
                    o.Cookie.Name = "ba.af";
                    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                }
            });

        // A deactivated account or a changed password ends open sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorization(Policies.Configure);
    }
}
