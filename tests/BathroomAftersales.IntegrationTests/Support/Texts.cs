using System.Globalization;
using BathroomAftersales.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.IntegrationTests.Support;

/// <summary>The app's own translations, so tests assert on what a user reads without copying the resx.</summary>
public static class Texts
{
    public const string Chinese = "zh-CN";
    public const string English = "en-US";

    /// <summary>The text of a resource key in a culture; fails when the key has no translation there.</summary>
    public static string Localized(this AppFactory factory, string key, string culture, params object[] arguments)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var localizer = factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            var text = localizer[key, arguments];
            if (culture != English && text.ResourceNotFound)
            {
                throw new InvalidOperationException($"'{key}' has no {culture} translation in SharedResource.{culture}.resx.");
            }

            return text.Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>The Chinese text of a key: what a user sees by default.</summary>
    public static string InChinese(this AppFactory factory, string key, params object[] arguments) =>
        factory.Localized(key, Chinese, arguments);
}
