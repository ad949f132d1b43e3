using Microsoft.Playwright;

namespace BathroomAftersales.BrowserTests.Support;

/// <summary>The screens the tests use. Scale 1 keeps the screenshots small.</summary>
public static class Devices
{
    public const int PhoneWidth = 390;

    /// <summary>An iPhone-sized touch screen, Chinese browser.</summary>
    public static BrowserNewContextOptions Phone() => new()
    {
        ViewportSize = new ViewportSize { Width = PhoneWidth, Height = 844 },
        IsMobile = true,
        HasTouch = true,
        DeviceScaleFactor = 1,
        Locale = "zh-CN",
        TimezoneId = "Asia/Shanghai",
    };

    /// <summary>An office desktop, Chinese browser.</summary>
    public static BrowserNewContextOptions Desktop() => new()
    {
        ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        DeviceScaleFactor = 1,
        Locale = "zh-CN",
        TimezoneId = "Asia/Shanghai",
    };
}
