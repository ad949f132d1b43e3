using System.Net;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BathroomAftersales.BrowserTests.Support;

/// <summary>
/// The real app on Kestrel, listening on 127.0.0.1 on a port the OS picks, in the Development environment (so the
/// demo data is seeded), with its own SQLite file, upload folder and log folder under a temporary folder deleted on
/// dispose.
/// </summary>
public sealed class AppServer : WebApplicationFactory<Program>
{
    private readonly string _folder;
    private bool _cleanedUp;

    public AppServer()
    {
        _folder = Path.Combine(Path.GetTempPath(), "ba-browser-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Where the running app listens, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Builds the host, starts Kestrel and reads the address it bound.</summary>
    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("The server reports no IServerAddressesFeature.");
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Kestrel is not listening on 127.0.0.1: {string.Join(", ", addresses)}");
        BaseAddress = new Uri(address);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(_folder, "app.db")}");
        builder.UseSetting("Seed:DemoData", "true");

        // Uploaded photos go into the temp folder too, never into src/.
        builder.UseSetting("Files:Root", Path.Combine(_folder, "files"));

        // Every browser of the suite signs in from 127.0.0.1 to this one server: far more than a person's rate.
        foreach (var policy in RateLimits.Defaults.Keys)
        {
            builder.UseSetting($"{RateLimits.SectionName}:{policy}:PermitLimit", "100000");
        }

        // The report warm-up would compute in the background while the journeys run.
        builder.UseSetting("Reports:WarmUp", "false");

        // Outgoing mail is written as .eml files into the temp folder as well.
        builder.UseSetting("Email:PickupDirectory", Path.Combine(_folder, "mail-pickup"));

        // The file sink writes into the temp folder, never into src/; the console only carries problems.
        // Nested Serilog keys go through app configuration: UseSetting would also create empty parent values, which
        // Serilog reads as sinks without a name.
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:WriteTo:File:Args:path"] = Path.Combine(_folder, "logs", "app-.log"),
            ["Serilog:WriteTo:Console:Args:restrictedToMinimumLevel"] = "Warning",
        }));
    }

    protected override void Dispose(bool disposing)
    {
        // The base class calls this again from DisposeAsync: the clean-up must be idempotent.
        base.Dispose(disposing);
        if (disposing && !_cleanedUp)
        {
            _cleanedUp = true;
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a straggling logger: the OS temp cleaner gets it later.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
