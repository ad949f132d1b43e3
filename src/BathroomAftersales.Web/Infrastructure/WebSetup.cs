using System.Text.Encodings.Web;
using System.Text.Unicode;

using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Identity;

using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Localization;
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
                o.Conventions.AuthorizeFolder("/Staff/Settings", Policies.Managers);
                o.Conventions.AuthorizeFolder("/Staff/Surveys", Policies.Managers);
                o.Conventions.AuthorizeFolder("/Technician", Policies.Technicians);
                o.Conventions.AuthorizeFolder("/Reports", Policies.Managers);
                o.Conventions.AuthorizeFolder("/Admin", Policies.Administration);
                o.Conventions.AuthorizeFolder("/Admin/Users", Policies.Administrators);
                o.Conventions.AllowAnonymousToPage("/Index");
                o.Conventions.AllowAnonymousToPage("/Error");
                o.Conventions.AllowAnonymousToPage("/Culture");
                o.Conventions.AllowAnonymousToPage("/Account/Login");
                o.Conventions.AllowAnonymousToPage("/Account/Register");
                o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
                o.Conventions.AllowAnonymousToPage("/Account/Logout");

                // The second sign-in step: the two-factor cookie set by the password step is the credential.
                o.Conventions.AllowAnonymousToPage("/Account/LoginWith2fa");
                o.Conventions.AllowAnonymousToPage("/Account/LoginWithRecoveryCode");

                // The personal survey link works without signing in: the token is the credential.
                o.Conventions.AllowAnonymousToFolder("/Survey");
                o.Conventions.ConfigureFilter(new UnknownHandlerFilter());
                o.Conventions.Add(new RouteValuesBindFromRoute());
            })
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization(o =>
                o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddHttpContextAccessor();

        // Validators are the one source of "required" messages; the binder's own messages (an unreadable number or
        // date) are localized like everything else.
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((o, factory) =>
        {
            var localizer = factory.Create(typeof(SharedResource));
            o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            o.ModelBinderProviders.Insert(0, new CheckBoxModelBinderProvider());
            var messages = o.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, _) => localizer["The value '{0}' is not valid.", value]);
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => localizer["The value '{0}' is not valid.", value]);
            messages.SetUnknownValueIsInvalidAccessor(_ => localizer["Please enter a valid value."]);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => localizer["Please enter a valid value."]);
            messages.SetValueIsInvalidAccessor(value => localizer["The value '{0}' is not valid.", value]);
            messages.SetValueMustBeANumberAccessor(_ => localizer["Please enter a number."]);
            messages.SetNonPropertyValueMustBeANumberAccessor(() => localizer["Please enter a number."]);
            messages.SetMissingBindRequiredValueAccessor(_ => localizer["A value is required."]);
            messages.SetMissingKeyOrValueAccessor(() => localizer["A value is required."]);
            messages.SetMissingRequestBodyRequiredValueAccessor(() => localizer["A value is required."]);
            messages.SetValueMustNotBeNullAccessor(_ => localizer["A value is required."]);
        });

        services.AddSingleton<CookieTempDataProvider>();
        services.AddSingleton<ITempDataProvider, QuietTempDataProvider>();

        // The desk queue's page is kept for seconds per browser session (ADR 0021); nothing else is.
        services.AddOutputCache(o => o.AddPolicy(Desk.QueuePagePolicy.Name, Desk.QueuePagePolicy.Instance));
        services.AddSingleton<Desk.KeptPageStore>();
        services.AddSingleton<IOutputCacheStore>(sp => sp.GetRequiredService<Desk.KeptPageStore>());

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
        app.UseSecurityHeaders();
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
        app.UseRateLimiter();
        app.UseTwoFactorRequirement();
        app.UseOutputCache();
    }
}
