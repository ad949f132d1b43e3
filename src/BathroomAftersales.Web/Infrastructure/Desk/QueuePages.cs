using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace BathroomAftersales.Web.Infrastructure.Desk;

/// <summary>
/// Every change of what the desk queue shows, saved through this instance (<see cref="QueueChangeInterceptor"/>): a
/// number that goes up, which the kept summary and the kept pages carry, and the kept pages dropped.
/// </summary>
public sealed class QueueChanges(KeptPageStore pages)
{
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public void Changed()
    {
        Interlocked.Increment(ref _version);
        pages.Evict(QueuePagePolicy.Tag);
    }
}

/// <summary>
/// The desk queue's page, kept whole for <see cref="MaxAge"/> for the one browser session that asked for it (ADR 0021).
/// A desk refreshes the queue all day; most refreshes find nothing new. The kept page is served only to a request with
/// the same signed-in user, the same cookies (so the same session and anti-forgery token, the same language) and the
/// same query, and only while nothing the page shows was saved through this instance: the version of
/// <see cref="QueueChanges"/> is part of the key. A hard refresh always gets the page as it is now. Authentication, authorization and the two-factor requirement run on
/// every request before it. Another instance's change shows within <see cref="MaxAge"/>.
/// </summary>
public sealed class QueuePagePolicy : IOutputCachePolicy
{
    public const string Name = "DeskQueuePage";
    public const string Tag = "desk-queue";
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    public static readonly QueuePagePolicy Instance = new();

    private QueuePagePolicy()
    {
    }

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var keep = HttpMethods.IsGet(http.Request.Method) && userId is not null && !AsksForNow(http.Request);
        context.EnableOutputCaching = keep;
        context.AllowCacheLookup = keep;
        context.AllowCacheStorage = keep;
        context.AllowLocking = keep;
        if (keep)
        {
            context.ResponseExpirationTimeSpan = MaxAge;
            context.Tags.Add(Tag);
            context.CacheVaryByRules.QueryKeys = "*";
            context.CacheVaryByRules.HeaderNames = new StringValues([HeaderNames.Cookie, HeaderNames.AcceptLanguage]);
            context.CacheVaryByRules.VaryByValues["user"] = userId!;
            context.CacheVaryByRules.VaryByValues["version"] =
                http.RequestServices.GetRequiredService<QueueChanges>().Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    /// <summary>
    /// A hard refresh (Ctrl+F5 sends <c>Cache-Control: no-cache</c>) asks for the page as it is now: it is rendered, and
    /// neither read from nor kept in memory.
    /// </summary>
    private static bool AsksForNow(HttpRequest request) =>
        request.Headers.CacheControl.Any(v => v?.Contains("no-cache", StringComparison.OrdinalIgnoreCase) == true)
        || request.Headers.Pragma.Any(v => v?.Contains("no-cache", StringComparison.OrdinalIgnoreCase) == true);

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Only a whole page that sets nothing: a renewed sign-in cookie, a new anti-forgery cookie or a status message
        // read from its cookie belong to this one answer.
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || !StringValues.IsNullOrEmpty(response.Headers.SetCookie))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// The store of kept pages: in this instance's memory, on the app's <see cref="TimeProvider"/>, at most
/// <see cref="MaxPages"/> at once (a page is some tens of kilobytes and lives seconds).
/// </summary>
public sealed class KeptPageStore(TimeProvider time) : IOutputCacheStore
{
    public const int MaxPages = 256;

    private readonly ConcurrentDictionary<string, Entry> _pages = new(StringComparer.Ordinal);

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        Evict(tag);
        return ValueTask.CompletedTask;
    }

    public void Evict(string tag)
    {
        foreach (var (key, entry) in _pages)
        {
            if (entry.Tags.Contains(tag, StringComparer.Ordinal))
            {
                _pages.TryRemove(key, out _);
            }
        }
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_pages.TryGetValue(key, out var entry) && time.GetUtcNow() < entry.Until ? entry.Value : null);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_pages.Count >= MaxPages)
        {
            foreach (var (old, entry) in _pages)
            {
                if (entry.Until <= now)
                {
                    _pages.TryRemove(old, out _);
                }
            }

            if (_pages.Count >= MaxPages)
            {
                return ValueTask.CompletedTask;
            }
        }

        _pages[key] = new Entry(value, tags ?? [], now + validFor);
        return ValueTask.CompletedTask;
    }

    private sealed record Entry(byte[] Value, string[] Tags, DateTimeOffset Until);
}
