using System.Globalization;

using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Infrastructure.Localization;

public static class LocalizationSetup
{
    public const string DefaultCulture = "zh-CN";

    public static readonly IReadOnlyList<string> SupportedCultures = [DefaultCulture, "en-US"];

    public static void AddAppLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizerFactory, CachingStringLocalizerFactory>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = SupportedCultures.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(DefaultCulture);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;

            // Chinese first: the language is what the user chose (query string or cookie), never guessed from the browser.
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
            ];
        });
    }
}
