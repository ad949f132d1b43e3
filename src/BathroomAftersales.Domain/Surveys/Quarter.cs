using System.Globalization;
using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.Surveys;

/// <summary>
/// A calendar quarter, written "2026-Q4". Its boundaries are local midnights in the business's time zone
/// (Asia/Shanghai), so a request completed at 23:30 on 31 March Beijing time belongs to Q1 although it is already
/// 15:30 UTC of the same day, and one at 00:30 on 1 April belongs to Q2.
/// </summary>
public readonly record struct Quarter
{
    public const int TextMaxLength = 7;

    public Quarter(int year, int number)
    {
        if (year is < 2000 or > 2100 || number is < 1 or > 4)
        {
            throw new DomainException("Quarter.Invalid", "Please enter a quarter like 2026-Q4.");
        }

        Year = year;
        Number = number;
    }

    public int Year { get; }

    public int Number { get; }

    /// <summary>The first day of the quarter (local calendar).</summary>
    public DateOnly FirstDay => new(Year, ((Number - 1) * 3) + 1, 1);

    /// <summary>The day after the quarter's last day (local calendar).</summary>
    public DateOnly EndDay => FirstDay.AddMonths(3);

    public static Quarter Parse(string? text) =>
        TryParse(text, out var quarter) ? quarter : throw new DomainException("Quarter.Invalid", "Please enter a quarter like 2026-Q4.");

    /// <summary>"2026-Q4" (also "2026-q4" and surrounding spaces).</summary>
    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        var value = text?.Trim();
        if (value is not { Length: TextMaxLength } || value[4] != '-' || (value[5] != 'Q' && value[5] != 'q'))
        {
            return false;
        }

        if (!int.TryParse(value.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(value.AsSpan(6, 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year is < 2000 or > 2100 || number is < 1 or > 4)
        {
            return false;
        }

        quarter = new Quarter(year, number);
        return true;
    }

    /// <summary>The quarter that contains a UTC instant, as seen in the given time zone.</summary>
    public static Quarter Containing(DateTime utc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return new Quarter(local.Year, ((local.Month - 1) / 3) + 1);
    }

    /// <summary>Local midnight of the first day, in UTC.</summary>
    public DateTime StartUtc(TimeZoneInfo zone) => LocalMidnightUtc(FirstDay, zone);

    /// <summary>Local midnight after the last day, in UTC (exclusive end).</summary>
    public DateTime EndUtc(TimeZoneInfo zone) => LocalMidnightUtc(EndDay, zone);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}");

    private static DateTime LocalMidnightUtc(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);
    }
}
