using System.Collections.Concurrent;

using Microsoft.Playwright;

namespace BathroomAftersales.BrowserTests.Support;

/// <summary>
/// A browser context and its page. Every request to a host other than 127.0.0.1 is recorded and aborted; 5xx
/// responses, failed local assets, script errors and console errors are recorded too.
/// <see cref="AssertNothingWentWrong"/> ends the test with all of these empty. A session disposed before that check
/// passed leaves a <c>failed-&lt;test&gt;.png</c> screenshot behind.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string LocalHost = "127.0.0.1";

    private readonly ConcurrentQueue<string> _externalRequests = new();
    private readonly ConcurrentQueue<string> _serverErrors = new();
    private readonly ConcurrentQueue<string> _failedAssets = new();
    private readonly ConcurrentQueue<string> _scriptErrors = new();
    private readonly string _testName;
    private bool _checked;

    private BrowserSession(IBrowserContext context, string testName)
    {
        Context = context;
        _testName = testName;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; private set; } = null!;

    public IReadOnlyCollection<string> ExternalRequests => _externalRequests;

    public IReadOnlyCollection<string> ServerErrors => _serverErrors;

    internal static async Task<BrowserSession> OpenAsync(IBrowser browser, BrowserNewContextOptions options, string testName)
    {
        var context = await browser.NewContextAsync(options);
        var session = new BrowserSession(context, testName);
        try
        {
            context.SetDefaultTimeout(15_000);
            context.SetDefaultNavigationTimeout(20_000);
            await context.RouteAsync("**/*", session.RouteAsync);
            await context.RouteWebSocketAsync(_ => true, session.RouteWebSocket);
            context.Response += (_, response) => session.OnResponse(response);
            context.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    session._scriptErrors.Enqueue($"console: {message.Text} ({message.Location})");
                }
            };

            session.Page = await context.NewPageAsync();
            session.Page.PageError += (_, error) => session._scriptErrors.Enqueue($"page error: {error}");
            return session;
        }
        catch
        {
            await context.DisposeAsync();
            throw;
        }
    }

    public static bool IsLocal(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme is "data" or "blob" or "about" || uri.Host == LocalHost);

    /// <summary>
    /// Saves a full-page screenshot under the artifacts folder and returns its path. Transitions are run to their end
    /// first, so a button just tapped shows its final state rather than a half-faded one.
    /// </summary>
    public async Task<string> ScreenshotAsync(string fileName)
    {
        var path = Artifacts.Screenshot(fileName);
        await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = path,
            FullPage = true,
            Animations = ScreenshotAnimations.Disabled,
        });
        return path;
    }

    /// <summary>The page is no wider than the viewport: nothing scrolls sideways.</summary>
    public async Task AssertNoHorizontalScrollAsync()
    {
        var viewport = Page.ViewportSize ?? throw new InvalidOperationException("The page has no fixed viewport.");
        var scrollWidth = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(
            scrollWidth <= viewport.Width + 1,
            $"{Page.Url} scrolls sideways: document width {scrollWidth}px on a {viewport.Width}px screen.");
    }

    /// <summary>The end-of-test check: nothing left the machine, no 5xx, no missing asset, no script error.</summary>
    public void AssertNothingWentWrong()
    {
        // The test got this far: its page needs no failure screenshot, the messages below say what went wrong.
        _checked = true;
        Assert.True(_externalRequests.IsEmpty, "The page tried to reach a host other than 127.0.0.1:\n" + string.Join("\n", _externalRequests));
        Assert.True(_serverErrors.IsEmpty, "The app answered with a server error:\n" + string.Join("\n", _serverErrors));
        Assert.True(_failedAssets.IsEmpty, "A page asset failed to load:\n" + string.Join("\n", _failedAssets));
        Assert.True(_scriptErrors.IsEmpty, "The page reported errors:\n" + string.Join("\n", _scriptErrors));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_checked && Page is not null)
        {
            try
            {
                await ScreenshotAsync($"failed-{_testName}.png");
            }
            catch (PlaywrightException)
            {
                // The page is gone; the test's own failure says enough.
            }
        }

        await Context.DisposeAsync();
    }

    private async Task RouteAsync(IRoute route)
    {
        var request = route.Request;
        if (IsLocal(request.Url))
        {
            await route.ContinueAsync();
            return;
        }

        _externalRequests.Enqueue($"{request.Method} {request.Url} ({request.ResourceType})");
        await route.AbortAsync("blockedbyclient");
    }

    private void RouteWebSocket(IWebSocketRoute route)
    {
        if (IsLocal(route.Url))
        {
            route.ConnectToServer();
            return;
        }

        _externalRequests.Enqueue($"WEBSOCKET {route.Url}");
        _ = route.CloseAsync();
    }

    private void OnResponse(IResponse response)
    {
        var request = response.Request;
        if (response.Status >= 500)
        {
            _serverErrors.Enqueue($"{response.Status} {request.Method} {response.Url}");
        }
        else if (response.Status >= 400 && request.ResourceType != "document")
        {
            _failedAssets.Enqueue($"{response.Status} {request.Method} {response.Url} ({request.ResourceType})");
        }
    }
}
