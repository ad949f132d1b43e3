using System.Runtime.InteropServices;

namespace BathroomAftersales.Web.Infrastructure;

/// <summary>
/// Native memory given back to the system once freed. glibc's allocator, after the first large block is freed, keeps
/// blocks of up to 32 MB in the arena of the thread that used them; the 4 MB pixel buffers of a photo being re-encoded
/// (<see cref="Files.PhotoStore"/>) then stay in the process for good, in one arena per thread-pool thread. Measured: four
/// submissions of five 40-megapixel photos each left 604 MB resident; with a fixed threshold, 247 MB
/// (docs/operations.md, "Memory per instance"). A fixed threshold sends every block of 128 KB or more straight to the
/// system and back; smaller ones are served as before.
/// </summary>
public static class NativeHeap
{
    private const int MmapThresholdOption = -3; // M_MMAP_THRESHOLD in malloc.h
    private const int MmapThresholdBytes = 128 * 1024;

    /// <summary>True when the setting took (Linux with glibc); false elsewhere, where there is nothing to change.</summary>
    public static bool ReturnLargeBlocksToTheSystem()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return Mallopt(MmapThresholdOption, MmapThresholdBytes) == 1;
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
}
