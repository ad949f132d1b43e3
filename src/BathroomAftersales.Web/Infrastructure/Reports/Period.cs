using System.Globalization;

namespace BathroomAftersales.Web.Infrastructure.Reports;

/// <summary>Why a period's text was refused; the page maps each to a localized message.</summary>
public enum PeriodError
{
    None,

    /// <summary>Nothing was entered.</summary>
    Empty,

    /// <summary>Neither "2026" nor "2026-Q4".</summary>
    Malformed,

    /// <summary>A quarter number other than 1–4.</summary>
    QuarterOutOfRange,

    /// <summary>A year outside <see cref="Period.MinYear"/>–<see cref="Period.MaxYear"/>: nothing can have happened then.</summary>
    YearOutOfRange,
}

/// <summary>
/// A reporting period of the scorecard: a calendar quarter ("2026-Q4") or a calendar year ("2026"). Its boundaries are
/// local midnights in the business's time zone (Asia/Shanghai by default), so a request submitted at 23:30 on 31 March
/// Beijing time (15:30 UTC) belongs to Q1 and one at 00:30 on 1 April to Q2.
/// </summary>
public readonly record struct Period
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    /// <summary>The longest text worth parsing; anything longer is refused before it is looked at.</summary>
    public const int TextMaxLength = 16;

    private Period(int year, int quarter)
    {
        Year = year;
        Quarter = quarter;
    }

    public int Year { get; }

    /// <summary>1–4, or 0 for a whole year.</summary>
    public int Quarter { get; }

    public bool IsYear => Quarter == 0;

    /// <summary>The first day (local calendar).</summary>
    public DateOnly FirstDay => new(Year, IsYear ? 1 : ((Quarter - 1) * 3) + 1, 1);

    /// <summary>The day after the last day (local calendar): the exclusive end.</summary>
    public DateOnly EndDay => FirstDay.AddMonths(IsYear ? 12 : 3);

    /// <summary>The last day (local calendar), for display.</summary>
    public DateOnly LastDay => EndDay.AddDays(-1);

    public static Period OfQuarter(int year, int quarter) =>
        TryCreate(year, quarter, out var period) is PeriodError.None
            ? period
            : throw new ArgumentOutOfRangeException(nameof(quarter), $"{year}-Q{quarter} is not a reporting period.");

    public static Period OfYear(int year) =>
        TryCreate(year, 0, out var period) is PeriodError.None
            ? period
            : throw new ArgumentOutOfRangeException(nameof(year), $"{year} is not a reporting period.");

    /// <summary>The quarter that contains <see cref="LocalClock.Today"/>: the scorecard's default.</summary>
    public static Period CurrentQuarter(LocalClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var today = clock.Today;
        return OfQuarter(today.Year, ((today.Month - 1) / 3) + 1);
    }

    /// <summary>The quarter that contains a UTC instant, as seen in <paramref name="zone"/>.</summary>
    public static Period QuarterContaining(DateTime utc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return OfQuarter(local.Year, ((local.Month - 1) / 3) + 1);
    }

    /// <summary>"2026", "2026-Q4" (also lower-case q and surrounding spaces). Returns why anything else was refused.</summary>
    public static PeriodError TryParse(string? text, out Period period)
    {
        period = default;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return PeriodError.Empty;
        }

        if (value.Length > TextMaxLength)
        {
            return PeriodError.Malformed;
        }

        var dash = value.IndexOf('-', StringComparison.Ordinal);
        var yearText = dash < 0 ? value.AsSpan() : value.AsSpan(0, dash);
        if (yearText.Length != 4
            || !int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return PeriodError.Malformed;
        }

        var quarter = 0;
        if (dash >= 0)
        {
            var rest = value.AsSpan(dash + 1);
            if (rest.Length < 2
                || (rest[0] != 'Q' && rest[0] != 'q')
                || !int.TryParse(rest[1..], NumberStyles.None, CultureInfo.InvariantCulture, out quarter))
            {
                return PeriodError.Malformed;
            }

            if (quarter is < 1 or > 4)
            {
                return PeriodError.QuarterOutOfRange;
            }
        }

        return TryCreate(year, quarter, out period);
    }

    /// <summary>Local midnight of the first day, in UTC.</summary>
    public DateTime StartUtc(TimeZoneInfo zone) => LocalMidnightUtc(FirstDay, zone);

    /// <summary>Local midnight after the last day, in UTC (exclusive end).</summary>
    public DateTime EndUtc(TimeZoneInfo zone) => LocalMidnightUtc(EndDay, zone);

    /// <summary><see cref="StartUtc"/> and <see cref="EndUtc"/> together: the half-open UTC range a query filters on.</summary>
    public (DateTime Start, DateTime End) UtcBounds(TimeZoneInfo zone) => (StartUtc(zone), EndUtc(zone));

    /// <summary>The period <paramref name="steps"/> before this one, of the same kind (quarter or year).</summary>
    public Period Previous(int steps = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        if (IsYear)
        {
            return OfYear(Year - steps);
        }

        var index = (Year * 4) + (Quarter - 1) - steps;
        return OfQuarter(index / 4, (index % 4) + 1);
    }

    /// <summary>The period just before, of the same kind; null before <see cref="MinYear"/> (a page's "previous" link).</summary>
    public Period? PreviousOrNone => Year > MinYear || (!IsYear && Quarter > 1) ? Previous() : null;

    /// <summary>The period just after, of the same kind; null after <see cref="MaxYear"/> (a page's "next" link).</summary>
    public Period? NextOrNone =>
        IsYear ? (Year < MaxYear ? OfYear(Year + 1) : null)
        : Quarter < 4 ? OfQuarter(Year, Quarter + 1)
        : Year < MaxYear ? OfQuarter(Year + 1, 1)
        : null;

    /// <summary>
    /// The <paramref name="count"/> periods before this one, oldest first, for a trend; stops at <see cref="MinYear"/>
    /// rather than inventing periods nobody can have data for.
    /// </summary>
    public IReadOnlyList<Period> PreviousPeriods(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var periods = new List<Period>(count);
        for (var steps = count; steps >= 1; steps--)
        {
            var first = IsYear ? Year - steps : ((Year * 4) + (Quarter - 1) - steps) / 4;
            if (first >= MinYear)
            {
                periods.Add(Previous(steps));
            }
        }

        return periods;
    }

    /// <summary>The calendar year the period lies in.</summary>
    public Period WholeYear => OfYear(Year);

    public override string ToString() =>
        IsYear
            ? Year.ToString("D4", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Quarter}");

    private static PeriodError TryCreate(int year, int quarter, out Period period)
    {
        period = default;
        if (year is < MinYear or > MaxYear)
        {
            return PeriodError.YearOutOfRange;
        }

        if (quarter is < 0 or > 4)
        {
            return PeriodError.QuarterOutOfRange;
        }

        period = new Period(year, quarter);
        return PeriodError.None;
    }

    private static DateTime LocalMidnightUtc(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);
    }
}
