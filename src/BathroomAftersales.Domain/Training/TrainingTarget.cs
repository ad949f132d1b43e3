namespace BathroomAftersales.Domain.Training;

/// <summary>The KPI of clause 4.2(3): at least two training events held in a calendar year of the local time zone.</summary>
public static class TrainingTarget
{
    public const int HeldPerYear = 2;

    /// <summary>The UTC instants [start, end) of <paramref name="year"/> in <paramref name="zone"/>.</summary>
    public static (DateTime StartUtc, DateTime EndUtc) YearBounds(int year, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return (
            TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), zone),
            TimeZoneInfo.ConvertTimeToUtc(new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), zone));
    }

    /// <summary>Held events count in the year they started in, local time.</summary>
    public static int HeldInYear(IEnumerable<TrainingEvent> events, int year, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(events);
        var (start, end) = YearBounds(year, zone);
        return events.Count(e => e.Status == TrainingEventStatus.Held && e.StartsAt >= start && e.StartsAt < end);
    }

    public static bool IsMet(int heldCount) => heldCount >= HeldPerYear;
}
