using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BathroomAftersales.Web.Data;

/// <summary>
/// All times are stored in UTC. SQLite and SQL Server give back DateTimeKind.Unspecified; this marks them UTC again,
/// and refuses a local time on the way in (Npgsql would too) so a conversion mistake cannot reach the database.
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => ToStore(v),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc))
{
    internal static DateTime ToStore(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => throw new InvalidOperationException("Local times cannot be stored; convert to UTC first."),
    };
}

internal sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
    v => v.HasValue ? UtcDateTimeConverter.ToStore(v.Value) : v,
    v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
