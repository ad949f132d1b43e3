using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Infrastructure.Localization;

/// <summary>
/// Remembers each text it has looked up, per language. A page of the queue looks up a few hundred texts; the resource
/// manager answers each by walking the culture chain under a lock shared by every request, which under load showed as
/// a tenth of a page's work and as lock contention (docs/performance.md). The texts are compiled into the app, so a
/// remembered one never goes stale; the keys are the code's own (ADR 0007), so the cache is bounded.
/// </summary>
public sealed class CachingStringLocalizer(IStringLocalizer inner) : IStringLocalizer
{
    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _texts = new();

    public LocalizedString this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            return _texts.GetOrAdd((CultureInfo.CurrentUICulture.Name, name), static (key, localizer) => localizer[key.Name], inner);
        }
    }

    /// <summary>As the resource manager's localizer does: the text as a format, filled in the current culture.</summary>
    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
}

/// <summary>Hands out one <see cref="CachingStringLocalizer"/> per resource, around the resource manager's.</summary>
public sealed class CachingStringLocalizerFactory(ResourceManagerStringLocalizerFactory inner) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<(Type?, string?, string?), IStringLocalizer> _localizers = new();

    public IStringLocalizer Create(Type resourceSource) =>
        _localizers.GetOrAdd((resourceSource, null, null), key => new CachingStringLocalizer(inner.Create(key.Item1!)));

    public IStringLocalizer Create(string baseName, string location) =>
        _localizers.GetOrAdd((null, baseName, location), key => new CachingStringLocalizer(inner.Create(key.Item2!, key.Item3!)));
}
