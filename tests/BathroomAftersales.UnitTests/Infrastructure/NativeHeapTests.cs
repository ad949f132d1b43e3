using BathroomAftersales.Web.Infrastructure;

namespace BathroomAftersales.UnitTests.Infrastructure;

/// <summary>The app's start-up setting for native memory: taken on Linux with glibc (the servers it runs on), a no-op elsewhere.</summary>
public sealed class NativeHeapTests
{
    [Fact]
    public void Large_native_blocks_are_set_to_go_back_to_the_system_where_glibc_is_the_allocator()
    {
        var glibc = OperatingSystem.IsLinux()
            && (File.Exists("/lib/x86_64-linux-gnu/libc.so.6") || File.Exists("/lib/aarch64-linux-gnu/libc.so.6") || File.Exists("/lib64/libc.so.6"));

        Assert.Equal(glibc, NativeHeap.ReturnLargeBlocksToTheSystem());
    }
}
