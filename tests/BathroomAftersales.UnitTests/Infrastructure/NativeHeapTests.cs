using System.Globalization;
using System.Runtime.InteropServices;
using BathroomAftersales.Web.Infrastructure;

namespace BathroomAftersales.UnitTests.Infrastructure;

/// <summary>The app's settings for native memory: taken on Linux with glibc (the servers it runs on), a no-op elsewhere.</summary>
public sealed class NativeHeapTests
{
    private static readonly bool Glibc = OperatingSystem.IsLinux()
        && (File.Exists("/lib/x86_64-linux-gnu/libc.so.6") || File.Exists("/lib/aarch64-linux-gnu/libc.so.6") || File.Exists("/lib64/libc.so.6"));

    [Fact]
    public void The_allocator_settings_take_where_glibc_is_the_allocator()
    {
        Assert.Equal(Glibc, NativeHeap.KeepLessFreedMemory());
    }

    [Fact]
    public async Task Small_blocks_freed_below_one_still_in_use_go_back_to_the_system_when_trimmed()
    {
        if (!Glibc)
        {
            Assert.False(NativeHeap.Trim());
            return;
        }

        // On a thread of its own, so the blocks sit in one arena and nothing else of this process frees into it meanwhile.
        var (before, after) = await Task.Factory.StartNew(
            () =>
            {
                const int blockBytes = 32 * 1024;
                const int blocks = 64 * 1024 * 1024 / blockBytes;
                var ones = Enumerable.Repeat((byte)1, blockBytes).ToArray();
                var allocated = new List<nint>(blocks);
                for (var i = 0; i < blocks; i++)
                {
                    var block = Marshal.AllocHGlobal(blockBytes);
                    Marshal.Copy(ones, 0, block, blockBytes);
                    allocated.Add(block);
                }

                // The last block stays: the freed ones lie below it, where glibc does not give memory back by itself.
                allocated[..^1].ForEach(Marshal.FreeHGlobal);
                var held = ResidentBytes();
                Assert.True(NativeHeap.Trim());
                var trimmed = ResidentBytes();
                Marshal.FreeHGlobal(allocated[^1]);
                return (held, trimmed);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        Assert.True(before - after >= 32 * 1024 * 1024, $"Resident before the trim {before / 1024 / 1024} MB, after {after / 1024 / 1024} MB.");
    }

    private static long ResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
