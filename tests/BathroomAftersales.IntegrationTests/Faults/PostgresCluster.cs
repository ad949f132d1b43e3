using System.Diagnostics;

namespace BathroomAftersales.IntegrationTests.Faults;

/// <summary>
/// A throwaway PostgreSQL cluster of one test alone (its own directory and port, started by scripts/start-postgres.sh),
/// so stopping it never touches the server the rest of the suite uses. As root the server runs as user postgres, as the
/// script does; <see cref="DisposeAsync"/> stops it at once and deletes its directory.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private PostgresCluster(string directory, int port, string connectionString)
    {
        Directory = directory;
        Port = port;
        ConnectionString = connectionString;
    }

    /// <summary>The newest installed server's binaries (/usr/lib/postgresql/N/bin), or null when none is installed.</summary>
    public static string? Binaries { get; } = FindBinaries();

    public string Directory { get; }

    public int Port { get; }

    /// <summary>The server connection string without a database name.</summary>
    public string ConnectionString { get; }

    private static bool IsRoot => Environment.UserName == "root";

    public static void SkipUnlessInstalled() =>
        Skip.If(Binaries is null || AppProcess.RepositoryRoot is null, "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: the PostgreSQL outage test is skipped");

    public static async Task<PostgresCluster> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ba-pg-faults-" + Guid.NewGuid().ToString("N"));
        var port = AppProcess.FreePort();
        var connectionString = await RunStartScriptAsync(directory, port);
        return new PostgresCluster(directory, port, connectionString);
    }

    /// <summary>Starts the stopped server again on the same data and port (the start script is idempotent).</summary>
    public Task StartAgainAsync() => RunStartScriptAsync(Directory, Port);

    /// <summary>pg_ctl stop -m fast: open connections are cut, the server is gone until started again.</summary>
    public Task StopAsync() => PgCtlAsync("fast");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgCtlAsync("immediate");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task PgCtlAsync(string mode)
    {
        var pgCtl = Path.Combine(Binaries!, "pg_ctl");
        string[] arguments = ["-D", Path.Combine(Directory, "data"), "-m", mode, "-w", "-t", "30", "stop"];
        var (exitCode, output) = IsRoot
            ? await RunAsync("runuser", ["-u", "postgres", "--", pgCtl, .. arguments], null)
            : await RunAsync(pgCtl, arguments, null);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl stop -m {mode} failed ({exitCode}): {output}");
        }
    }

    private static async Task<string> RunStartScriptAsync(string directory, int port)
    {
        var script = Path.Combine(AppProcess.RepositoryRoot!, "scripts", "start-postgres.sh");
        var (exitCode, output) = await RunAsync("bash", [script], new Dictionary<string, string>
        {
            ["BA_PG_DIR"] = directory,
            ["BA_PG_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var connectionString = lines.LastOrDefault(l => l.StartsWith("Host=", StringComparison.Ordinal));
        if (exitCode != 0 || connectionString is null)
        {
            throw new InvalidOperationException($"scripts/start-postgres.sh failed ({exitCode}): {output}");
        }

        return connectionString;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(file)
        {
            // The postgres user may not be allowed into the current directory.
            WorkingDirectory = "/",
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string? FindBinaries()
    {
        if (!System.IO.Directory.Exists("/usr/lib/postgresql"))
        {
            return null;
        }

        return System.IO.Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0, Bin: Path.Combine(d, "bin")))
            .Where(d => File.Exists(Path.Combine(d.Bin, "pg_ctl")) && File.Exists(Path.Combine(d.Bin, "initdb")))
            .OrderByDescending(d => d.Version)
            .Select(d => d.Bin)
            .FirstOrDefault();
    }
}
