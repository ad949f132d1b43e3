using System.Runtime.InteropServices;
using BathroomAftersales.Web.Infrastructure.Notifications;

namespace BathroomAftersales.Web.Infrastructure;

/// <summary>
/// Native memory given back to the system once freed (ADR 0024), for glibc's allocator, which serves the runtime, the
/// JIT compiler, SQLite and the image codecs:
/// <list type="bullet">
/// <item>After the first large block is freed, glibc keeps blocks of up to 32 MB in the arena of the thread that used
/// them; the 4 MB pixel buffers of a photo being re-encoded (<see cref="Files.PhotoStore"/>) then stay in the process
/// for good, in one arena per thread-pool thread. Measured: four submissions of five 40-megapixel photos each left
/// 604 MB resident; with a fixed threshold, 247 MB. A fixed threshold sends every block of 128 KB or more straight to
/// the system and back; smaller ones are served as before.</item>
/// <item>glibc makes up to eight arenas per core, each keeping what its threads freed. One per core is enough for a
/// process whose busy threads are as many as its cores.</item>
/// <item>Freed small blocks stay in their arena until a free block reaches the top of it. <see cref="Trim"/> hands
/// every whole free page back; <see cref="NativeHeapTrimmer"/> calls it every few seconds. Measured under every
/// scenario of the HTTP benchmark: arenas held 42 MB with 15 MB in use; with both settings the peak fell by 20–40 MB
/// (docs/performance.md, eighth run).</item>
/// </list>
/// </summary>
public static class NativeHeap
{
    private const int MmapThresholdOption = -3; // M_MMAP_THRESHOLD in malloc.h
    private const int ArenaMaxOption = -8; // M_ARENA_MAX
    private const int MmapThresholdBytes = 128 * 1024;

    /// <summary>
    /// Large blocks straight back to the system, one arena per core. True when the settings took (Linux with glibc); false
    /// elsewhere, where there is nothing to change.
    /// </summary>
    public static bool KeepLessFreedMemory() =>
        OnGlibc(() => Mallopt(MmapThresholdOption, MmapThresholdBytes) == 1 && Mallopt(ArenaMaxOption, Environment.ProcessorCount) == 1);

    /// <summary>Hands every whole page the allocator holds free back to the system; false where glibc is not the allocator.</summary>
    public static bool Trim() => OnGlibc(() =>
    {
        // 1 when memory was released, 0 when there was none to release: both are success.
        _ = MallocTrim(0);
        return true;
    });

    private static bool OnGlibc(Func<bool> call)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return call();
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has its own allocator, which returns large blocks anyway).
            return false;
        }
    }

    [DllImport("libc.so.6", EntryPoint = "mallopt", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Mallopt(int parameter, int value);

    [DllImport("libc.so.6", EntryPoint = "malloc_trim", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}

/// <summary>Calls <see cref="NativeHeap.Trim"/> every <see cref="Interval"/> while the app runs (registered on glibc only).</summary>
public sealed partial class NativeHeapTrimmer(TimeProvider time, ILogger<NativeHeapTrimmer> logger) : BackgroundService
{
    /// <summary>Often enough that freed memory does not pile up between two busy moments.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicRounds.RunAsync(
            _ =>
            {
                NativeHeap.Trim();
                return Task.CompletedTask;
            },
            Interval,
            time,
            exception => LogTrimFailed(logger, exception),
            stoppingToken);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Handing free native memory back to the system failed")]
    private static partial void LogTrimFailed(ILogger logger, Exception exception);
}
