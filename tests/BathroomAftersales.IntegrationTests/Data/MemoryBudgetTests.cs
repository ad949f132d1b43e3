using System.Diagnostics;
using System.Text;

using BathroomAftersales.IntegrationTests.Faults;
using BathroomAftersales.IntegrationTests.Support;

namespace BathroomAftersales.IntegrationTests.Data;

/// <summary>
/// The built app runs under the per-instance heap budget its runtime configuration carries (64 MB, docs/operations.md):
/// the <c>generate-data</c> command, which needs far more, says so and how to lift the limit instead of running out of
/// memory halfway, and runs once the limit is lifted the way the message says. Runs the real built app as a child process.
/// </summary>
[Trait(TestTraits.Database, TestTraits.OwnDatabase)]
public sealed class MemoryBudgetTests
{
    [SkippableFact]
    public async Task The_built_app_keeps_its_heap_budget_and_generate_data_says_how_to_lift_it()
    {
        AppProcess.SkipUnlessBuilt();
        var folder = KillDuringWritesTests.NewFolder();
        try
        {
            var file = Path.Combine(folder, "generated.db");

            var (refused, refusal) = await GenerateAsync(file, liftLimit: false);
            var (exit, output) = await GenerateAsync(file, liftLimit: true);

            Assert.True(refused == 2, refusal);
            Assert.Contains("a heap limit of 64 MB", refusal, StringComparison.Ordinal);
            Assert.Contains("DOTNET_GCHeapHardLimit=0", refusal, StringComparison.Ordinal);
            Assert.True(exit == 0, output);
            Assert.Contains("12 requests", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Exit, string Output)> GenerateAsync(string file, bool liftLimit)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { AppProcess.WebDll!, "generate-data", "--customers", "10", "--requests", "12" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove("DOTNET_GCHeapHardLimit");
        if (liftLimit)
        {
            info.Environment["DOTNET_GCHeapHardLimit"] = "0";
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["Database__Provider"] = "Sqlite";
        info.Environment["Database__ConnectionString"] = $"Data Source={file}";
        info.Environment["Serilog__MinimumLevel__Default"] = "Error";
        info.Environment["Serilog__WriteTo__File__Args__path"] = Path.Combine(Path.GetDirectoryName(file)!, "logs", "app-.log");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
