using BathroomAftersales.Web.Data;

using Microsoft.AspNetCore.Identity;

namespace BathroomAftersales.Web.Identity;

public static class IdentitySetup
{
    public const int MinimumPasswordLength = 12;
    public const int MaxFailedAccessAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

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
            .AddSignInManager<AppSignInManager>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddUserValidator<OptionalUniqueEmailValidator>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "ba.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
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

        // A deactivated account or a changed password ends open sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorization(Policies.Configure);
    }
}
