using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Net;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data.Seed;

namespace BathroomAftersales.IntegrationTests.Faults;

/// <summary>
/// Portal request submissions from several signed-in browsers at once, each POST a fresh form (its own idempotency
/// key), as a phone would send it. Records what the app acknowledged (302 to the created request) and what was sent
/// but never answered (the connection died: the request may or may not exist).
/// </summary>
public sealed class SubmissionLoad : IDisposable
{
    private const string NewRequest = "/Portal/Requests/New";

    private readonly List<(HttpClient Browser, HtmlForm Form)> _browsers;
    private readonly List<Task> _workers = [];
    private readonly CancellationTokenSource _stop = new();
    private int _sent;

    private SubmissionLoad(List<(HttpClient Browser, HtmlForm Form)> browsers) => _browsers = browsers;

    /// <summary>Idempotency key → request id, for every submission the app answered with a redirect to the new request.</summary>
    public ConcurrentDictionary<Guid, int> Acknowledged { get; } = new();

    /// <summary>Keys of submissions that got no answer (connection refused or reset, or timed out).</summary>
    public ConcurrentBag<Guid> Unanswered { get; } = [];

    /// <summary>Other answers (status code and key): a 5xx while the database is down, for instance.</summary>
    public ConcurrentBag<(HttpStatusCode Status, Guid Key)> Refused { get; } = [];

    public int Sent => _sent;

    /// <summary>Signs in <paramref name="workers"/> browsers as the demo customer and opens the new-request form in each.</summary>
    public static async Task<SubmissionLoad> PrepareAsync(AppProcess app, int workers)
    {
        ArgumentNullException.ThrowIfNull(app);
        var browsers = new List<(HttpClient, HtmlForm)>();
        for (var i = 0; i < workers; i++)
        {
            var browser = app.CreateBrowser(TimeSpan.FromSeconds(90));
            await browser.SignInAsync(DemoData.CustomerEmail);
            browsers.Add((browser, await browser.GetFormAsync(NewRequest, ["Input.Description", "Input.IdempotencyKey"])));
        }

        return new SubmissionLoad(browsers);
    }

    /// <summary>Starts every browser submitting, one request after another, until <see cref="StopAsync"/>.</summary>
    public void Start()
    {
        foreach (var (browser, form) in _browsers)
        {
            _workers.Add(Task.Run(() => SubmitUntilStoppedAsync(browser, form)));
        }
    }

    /// <summary>Waits (polling, with a deadline) until at least <paramref name="count"/> submissions were acknowledged.</summary>
    public async Task WaitForAcknowledgedAsync(int count, TimeSpan within)
    {
        var deadline = TimeProvider.System.GetUtcNow() + within;
        while (Acknowledged.Count < count)
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Only {Acknowledged.Count} of {count} submissions acknowledged within {within} ({Sent} sent, {Refused.Count} refused: {string.Join(", ", Refused.Select(r => (int)r.Status).Distinct())}).");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// After the app was killed: waits until every browser has found it gone (its submission in flight cut off, or its
    /// next one refused a connection), so each browser's last submission counts as unanswered, however quickly the
    /// app had answered the ones before.
    /// </summary>
    public async Task WaitUntilEveryBrowserSeesTheAppGoneAsync(TimeSpan within)
    {
        var all = Task.WhenAll(_workers);
        if (await Task.WhenAny(all, Task.Delay(within)) != all)
        {
            await StopAsync();
            throw new TimeoutException($"The browsers were still submitting {within} after the app was killed.");
        }

        await all;
    }

    /// <summary>Stops sending and waits for the submissions in flight to end one way or another.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    public void Dispose()
    {
        _stop.Dispose();
        foreach (var (browser, _) in _browsers)
        {
            browser.Dispose();
        }
    }

    private async Task SubmitUntilStoppedAsync(HttpClient browser, HtmlForm form)
    {
        while (!_stop.IsCancellationRequested)
        {
            var key = Guid.NewGuid();
            var number = Interlocked.Increment(ref _sent);
            var filled = form.Fill(new Dictionary<string, string?>
            {
                ["Input.IdempotencyKey"] = key.ToString(),
                ["Input.Description"] = string.Create(CultureInfo.InvariantCulture, $"故障测试第 {number} 单：淋浴龙头一直滴水。"),
            });
            try
            {
                using var response = await browser.SubmitAsync(filled);
                if (response.StatusCode == HttpStatusCode.Redirect
                    && response.RedirectTarget() is { } target
                    && target.StartsWith("/Portal/Requests/Details/", StringComparison.Ordinal))
                {
                    Acknowledged[key] = response.RequestIdOfRedirect();
                }
                else
                {
                    Refused.Add((response.StatusCode, key));
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                Unanswered.Add(key);
                if (e is HttpRequestException { InnerException: System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused } })
                {
                    // Nothing listens any more (the app was killed): stop this browser rather than spin.
                    return;
                }
            }
        }
    }
}

/// <summary>What a service request consists of once it is complete, read straight from the database with plain SQL.</summary>
public sealed record StoredRequests(
    IReadOnlyDictionary<Guid, (int Id, string Number)> ByKey,
    IReadOnlySet<int> WithSubmittedEvent,
    IReadOnlySet<int> WithConfirmationEmail,
    IReadOnlySet<int> WithPortalNotification)
{
    /// <summary>Reads every keyed request and the parts a submission writes with it (one transaction: request, first event, outbox message, notification).</summary>
    public static async Task<StoredRequests> ReadAsync(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var byKey = new Dictionary<Guid, (int, string)>();
        await foreach (var row in RowsAsync(connection, "SELECT \"Id\", \"IdempotencyKey\", \"Number\" FROM \"ServiceRequests\" WHERE \"IdempotencyKey\" IS NOT NULL"))
        {
            var key = row[1] is Guid guid ? guid : Guid.Parse((string)row[1]);
            byKey.Add(key, (Convert.ToInt32(row[0], CultureInfo.InvariantCulture), (string)row[2]));
        }

        var events = new HashSet<int>();
        await foreach (var row in RowsAsync(connection, "SELECT \"ServiceRequestId\" FROM \"RequestEvents\" WHERE \"Kind\" = 'Submitted'"))
        {
            events.Add(Convert.ToInt32(row[0], CultureInfo.InvariantCulture));
        }

        var emails = new HashSet<int>();
        await foreach (var row in RowsAsync(connection, "SELECT \"DeduplicationKey\" FROM \"OutboxMessages\" WHERE \"DeduplicationKey\" LIKE 'RequestReceived:%'"))
        {
            emails.Add(int.Parse(((string)row[0])["RequestReceived:".Length..], CultureInfo.InvariantCulture));
        }

        var notifications = new HashSet<int>();
        const string prefix = "/Portal/Requests/Details/";
        await foreach (var row in RowsAsync(connection, $"SELECT \"Link\" FROM \"Notifications\" WHERE \"Link\" LIKE '{prefix}%'"))
        {
            if (int.TryParse(((string)row[0])[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                notifications.Add(id);
            }
        }

        return new StoredRequests(byKey, events, emails, notifications);
    }

    /// <summary>The requests among <paramref name="keys"/> that lack a part a submission always writes (empty when nothing is half-written).</summary>
    public IReadOnlyList<string> HalfWritten(IEnumerable<Guid> keys) =>
    [
        .. keys.Where(ByKey.ContainsKey).Select(k => ByKey[k]).SelectMany(r => Missing(r.Id).Select(m => $"{r.Number} (id {r.Id}) has no {m}")),
    ];

    private IEnumerable<string> Missing(int id)
    {
        if (!WithSubmittedEvent.Contains(id))
        {
            yield return "Submitted event";
        }

        if (!WithConfirmationEmail.Contains(id))
        {
            yield return "confirmation email in the outbox";
        }

        if (!WithPortalNotification.Contains(id))
        {
            yield return "portal notification";
        }
    }

    private static async IAsyncEnumerable<object[]> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            yield return values;
        }
    }
}
