using System.Globalization;

namespace BathroomAftersales.Web;

/// <summary>
/// The one place that knows the display time zone (App:TimeZone, Asia/Shanghai by default). Everything is stored in
/// UTC; pages convert with <see cref="ToLocal(DateTime)"/> and parse user input with <see cref="ToUtc(DateTime)"/>.
/// </summary>
public sealed class LocalClock
{
    public const string DefaultTimeZone = "Asia/Shanghai";

    private readonly TimeProvider _time;

    public LocalClock(TimeProvider time, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _time = time;
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(configuration["App:TimeZone"] ?? DefaultTimeZone);
    }

    public TimeZoneInfo TimeZone { get; }

    public DateTime UtcNow => _time.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(ToLocal(UtcNow));

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);

    public DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeZone);

    /// <summary>"2026-11-25 09:30" in the display zone: the one date-time format of the UI.</summary>
    public string Format(DateTime utc) => ToLocal(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public string Format(DateTime? utc) => utc is { } value ? Format(value) : string.Empty;

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
