using System.Text.Encodings.Web;
using System.Text.Unicode;

using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Identity;

using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.WebEncoders;

using Serilog;

namespace BathroomAftersales.Web.Infrastructure;

public static class WebSetup
{
    /// <summary>Razor Pages grouped by audience: each folder is authorized as a whole, and everything else needs a login
    /// unless it is explicitly public.</summary>
    public static void AddAppPages(this IServiceCollection services)
    {
        services
            .AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/");
                o.Conventions.AuthorizeFolder("/Portal", Policies.Customers);
                o.Conventions.AuthorizeFolder("/Staff", Policies.ServiceDesk);
                o.Conventions.AuthorizeFolder("/Technician", Policies.Technicians);
                o.Conventions.AuthorizeFolder("/Reports", Policies.Managers);
                o.Conventions.AuthorizeFolder("/Admin", Policies.Administrators);
                o.Conventions.AllowAnonymousToPage("/Index");
                o.Conventions.AllowAnonymousToPage("/Error");
                o.Conventions.AllowAnonymousToPage("/Culture");
                o.Conventions.AllowAnonymousToPage("/Account/Login");
                o.Conventions.AllowAnonymousToPage("/Account/Register");
                o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
                o.Conventions.AllowAnonymousToPage("/Account/Logout");
            })
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization(o =>
                o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddHttpContextAccessor();

        // Chinese text stays readable in the HTML; markup characters are still encoded.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
    }

    /// <summary>Keys live in the database so every instance can read what another protected (cookies, antiforgery).</summary>
    public static void AddAppDataProtection(this IServiceCollection services) =>
        services.AddDataProtection()
            .SetApplicationName("BathroomAftersales")
            .PersistKeysToDbContext<AppDbContext>();

    public static void UseAppPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        app.UseSerilogRequestLogging();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
    }
}
