using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BathroomAftersales.IntegrationTests.Faults;

/// <summary>
/// The real, built app (src/BathroomAftersales.Web/bin/&lt;configuration&gt;/net10.0/BathroomAftersales.Web.dll) run as a
/// child process on a free loopback port, in the Development environment so the demo data is seeded. Its logs, uploads
/// and mail pickup folder live in <see cref="Folder"/>; its console output is kept for failure messages.
/// <see cref="Kill"/> is SIGKILL: no shutdown code of the app runs.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Process _process;

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The folder of BathroomAftersales.sln above this test assembly, or null when the tests run elsewhere.</summary>
    public static string? RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The built app, or null when it has not been built in this test assembly's configuration.</summary>
    public static string? WebDll { get; } = FindWebDll();

    /// <summary>Skips the calling test, visibly, when the app's dll is not there to run.</summary>
    public static void SkipUnlessBuilt() =>
        Skip.If(WebDll is null, $"BathroomAftersales.Web.dll not found next to the solution (looked from {AppContext.BaseDirectory}): build the solution first");

    /// <summary>Starts the app with these settings (configuration keys, e.g. "Database:Provider") and waits until /health/ready answers 200.</summary>
    public static async Task<AppProcess> StartAsync(string folder, IReadOnlyDictionary<string, string> settings, TimeSpan? readyWithin = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var dll = WebDll ?? throw new InvalidOperationException("The app is not built; call SkipUnlessBuilt() first.");
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            // The project folder is the content root, as with "dotnet run": wwwroot and the static web assets manifest.
            WorkingDirectory = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(dll)!, "..", "..", "..")),
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(dll);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";

        var defaults = new Dictionary<string, string>
        {
            ["Files:Root"] = Path.Combine(folder, "files"),
            ["Email:PickupDirectory"] = Path.Combine(folder, "mail-pickup"),
            ["Serilog:WriteTo:File:Args:path"] = Path.Combine(folder, "logs", "app-.log"),
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:WriteTo:Console:Args:restrictedToMinimumLevel"] = "Warning",
            ["Reports:OpenPeriodCacheSeconds"] = "0",
            ["Reports:WarmUp"] = "false",

            // The load comes from one address, far faster than a person submits.
            ["RateLimits:Login:PermitLimit"] = "100000",
            ["RateLimits:ServiceRequest:PermitLimit"] = "100000",
        };
        foreach (var (key, value) in defaults.Concat(settings))
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await app.WaitUntilReadyAsync(readyWithin ?? TimeSpan.FromSeconds(120));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>A browser for this app: redirects not followed, cookies kept whatever their flags (see <see cref="CookieJar"/>).</summary>
    public HttpClient CreateBrowser(TimeSpan? timeout = null) =>
        new(new CookieJar(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromSeconds(30) }))
        {
            BaseAddress = Address,
            Timeout = timeout ?? TimeSpan.FromSeconds(100),
        };

    /// <summary>The status /health/ready answers now, or null when nothing answers (or not within the timeout).</summary>
    public async Task<HttpStatusCode?> ReadyStatusAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = timeout };
        try
        {
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Polls /health/ready until it answers <paramref name="expected"/>; fails with the app's output after <paramref name="within"/>.</summary>
    public async Task<TimeSpan> WaitForReadyStatusAsync(HttpStatusCode expected, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        HttpStatusCode? last = null;
        while (watch.Elapsed < within)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} while waiting for /health/ready {(int)expected}.\n{Output()}");
            }

            last = await ReadyStatusAsync(TimeSpan.FromSeconds(10));
            if (last == expected)
            {
                return watch.Elapsed;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"/health/ready did not answer {(int)expected} within {within} (last: {(last is null ? "no answer" : ((int)last).ToString(System.Globalization.CultureInfo.InvariantCulture))}).\n{Output()}");
    }

    /// <summary>kill -9: the process ends at once, mid-request, without running any shutdown code.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(10_000);
    }

    /// <summary>The last lines the app wrote to its console.</summary>
    public string Output() => string.Join('\n', _output);

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilReadyAsync(TimeSpan within) => await WaitForReadyStatusAsync(HttpStatusCode.OK, within);

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BathroomAftersales.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string? FindWebDll()
    {
        // tests/BathroomAftersales.IntegrationTests/bin/<Configuration>/<framework>/ → the app of the same configuration and framework.
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        if (RepositoryRoot is null || here.Parent is null)
        {
            return null;
        }

        var dll = Path.Combine(RepositoryRoot, "src", "BathroomAftersales.Web", "bin", here.Parent.Name, here.Name, "BathroomAftersales.Web.dll");
        return File.Exists(dll) && File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")) ? dll : null;
    }
}

/// <summary>
/// Keeps cookies as a browser on the loopback address would: by name, whatever their Secure or __Host- flags (a real
/// browser treats http://127.0.0.1 as a secure context; <see cref="CookieContainer"/> does not), dropped when cleared.
/// </summary>
public sealed class CookieJar(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly ConcurrentDictionary<string, string> _cookies = new(StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!_cookies.IsEmpty)
        {
            request.Headers.Remove("Cookie");
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';', 2)[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    continue;
                }

                var name = pair[..equals].Trim();
                var value = pair[(equals + 1)..].Trim();
                var expired = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
                if (value.Length == 0 || expired)
                {
                    _cookies.TryRemove(name, out _);
                }
                else
                {
                    _cookies[name] = value;
                }
            }
        }

        return response;
    }
}
