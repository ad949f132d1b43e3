using System.Globalization;
using BathroomAftersales.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.UnitTests.Localization;

public sealed class CachingStringLocalizerTests
{
    [Fact]
    public void Each_language_gets_its_own_text_however_often_a_key_is_asked_for()
    {
        var inner = new CountingLocalizer();
        var localizer = new CachingStringLocalizer(inner);

        var chinese = InCulture("zh-CN", () => localizer["Request {0} received"].Value);
        var english = InCulture("en-US", () => localizer["Request {0} received"].Value);
        var chineseAgain = InCulture("zh-CN", () => localizer["Request {0} received"].Value);

        Assert.Equal("zh-CN:Request {0} received", chinese);
        Assert.Equal("en-US:Request {0} received", english);
        Assert.Equal(chinese, chineseAgain);
        Assert.Equal(2, inner.Lookups);
    }

    [Fact]
    public void Arguments_are_filled_in_the_current_culture_and_a_missing_text_stays_marked()
    {
        var localizer = new CachingStringLocalizer(new CountingLocalizer());

        var text = InCulture("en-US", () => localizer["Total {0:N2}", 1234.5m]);
        var missing = InCulture("en-US", () => localizer["missing"]);

        Assert.Equal("en-US:Total 1,234.50", text.Value);
        Assert.Equal("Total {0:N2}", text.Name);
        Assert.True(missing.ResourceNotFound);
    }

    private static T InCulture<T>(string culture, Func<T> read)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }

    private sealed class CountingLocalizer : IStringLocalizer
    {
        public int Lookups { get; private set; }

        public LocalizedString this[string name]
        {
            get
            {
                Lookups++;
                return name == "missing"
                    ? new LocalizedString(name, name, resourceNotFound: true)
                    : new LocalizedString(name, $"{CultureInfo.CurrentUICulture.Name}:{name}");
            }
        }

        public LocalizedString this[string name, params object[] arguments] => throw new NotSupportedException();

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
