namespace BathroomAftersales.Web.Infrastructure;

/// <summary>
/// One value kept in memory for at most a given age, and only while the version it was read at is still the current
/// one: whoever changes what the value is made of moves the version, and the next reader reads it afresh. The version
/// is taken before the value is read, so a change while it is read makes it stale at once.
/// </summary>
public sealed class KeptValue<T>(TimeProvider time, TimeSpan maxAge)
{
    private Kept? _kept;

    public T Get(long version, Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var now = time.GetUtcNow();
        if (TryGet(version, now, out var value))
        {
            return value;
        }

        value = read();
        _kept = new Kept(value, version, now);
        return value;
    }

    public async Task<T> GetAsync(long version, Func<Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var now = time.GetUtcNow();
        if (TryGet(version, now, out var value))
        {
            return value;
        }

        value = await read();
        _kept = new Kept(value, version, now);
        return value;
    }

    private bool TryGet(long version, DateTimeOffset now, out T value)
    {
        if (_kept is { } kept && kept.Version == version && now >= kept.At && now - kept.At < maxAge)
        {
            value = kept.Value;
            return true;
        }

        value = default!;
        return false;
    }

    private sealed record Kept(T Value, long Version, DateTimeOffset At);
}
