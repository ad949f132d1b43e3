using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BathroomAftersales.BrowserTests.Support;

/// <summary>
/// One running app and one headless Chromium, shared by every test in the <see cref="BrowserTestsDefinition"/>. When
/// <c>BA_TEST_CHROMIUM</c> is unset or names no file, nothing starts and <see cref="SkipReason"/> says why: each test
/// then calls <c>Skip.If(...)</c> and is reported as skipped.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime, IDisposable
{
    public const string ChromiumVariable = "BA_TEST_CHROMIUM";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ];

    private AppServer? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserFixture()
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable);
        ChromiumPath = string.IsNullOrWhiteSpace(chromium) ? null : chromium;
        SkipReason = ChromiumPath switch
        {
            null => $"Browser tests need Chromium: set {ChromiumVariable} to its executable (e.g. /usr/bin/chromium).",
            _ when !File.Exists(ChromiumPath) => $"Browser tests need Chromium: {ChromiumVariable}={ChromiumPath} does not exist.",
            _ => null,
        };
    }

    public string? ChromiumPath { get; }

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public string? SkipReason { get; }

    public Uri BaseAddress => App.BaseAddress;

    private AppServer App => _app ?? throw new InvalidOperationException(SkipReason ?? "The fixture is not initialized.");

    /// <summary>Reads the running app's database, for what a person would find outside the browser (an email's link).</summary>
    public async Task<T> QueryAsync<T>(Func<Web.Data.AppDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>());
    }

    public async Task InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        _app = new AppServer();
        _app.Start();

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context (own cookies) with one page, watched for anything that goes wrong.</summary>
    public Task<BrowserSession> OpenAsync(BrowserNewContextOptions options, string testName)
    {
        ArgumentNullException.ThrowIfNull(options);
        var browser = _browser ?? throw new InvalidOperationException(SkipReason ?? "The fixture is not initialized.");
        options.BaseURL = BaseAddress.ToString();
        return BrowserSession.OpenAsync(browser, options, testName);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>Whatever <see cref="DisposeAsync"/> did not get to (xunit calls both).</summary>
    public void Dispose()
    {
        _playwright?.Dispose();
        _playwright = null;
        _app?.Dispose();
        _app = null;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserTestsDefinition : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
