using BathroomAftersales.Web;
using BathroomAftersales.Web.Infrastructure.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace BathroomAftersales.UnitTests.Reports;

public sealed class PeriodTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [InlineData("2026-Q4", "2026-Q4")]
    [InlineData(" 2026-q1 ", "2026-Q1")]
    [InlineData("2026", "2026")]
    [InlineData("2000", "2000")]
    [InlineData("2100-Q4", "2100-Q4")]
    public void A_period_is_read_from_its_text(string text, string expected)
    {
        Assert.Equal(PeriodError.None, Period.TryParse(text, out var period));
        Assert.Equal(expected, period.ToString());
    }

    [Theory]
    [InlineData(null, PeriodError.Empty)]
    [InlineData("  ", PeriodError.Empty)]
    [InlineData("2026Q4", PeriodError.Malformed)]
    [InlineData("26-Q4", PeriodError.Malformed)]
    [InlineData("2026-X4", PeriodError.Malformed)]
    [InlineData("2026-Q", PeriodError.Malformed)]
    [InlineData("2026-Q+1", PeriodError.Malformed)]
    [InlineData("-2026", PeriodError.Malformed)]
    [InlineData("２０２６", PeriodError.Malformed)]
    [InlineData("2026-Q1-2027-Q4-9999", PeriodError.Malformed)]
    [InlineData("2026-Q5", PeriodError.QuarterOutOfRange)]
    [InlineData("2026-Q0", PeriodError.QuarterOutOfRange)]
    [InlineData("2026-Q99", PeriodError.QuarterOutOfRange)]
    [InlineData("1999", PeriodError.YearOutOfRange)]
    [InlineData("9999-Q1", PeriodError.YearOutOfRange)]
    [InlineData("0000", PeriodError.YearOutOfRange)]
    public void Malformed_or_absurd_periods_are_refused_with_the_reason(string? text, PeriodError error)
    {
        Assert.Equal(error, Period.TryParse(text, out var period));
        Assert.Equal(default, period);
    }

    [Fact]
    public void A_quarter_starts_and_ends_at_Shanghai_midnight()
    {
        var q1 = Period.OfQuarter(2026, 1);

        Assert.Equal(new DateTime(2025, 12, 31, 16, 0, 0, DateTimeKind.Utc), q1.StartUtc(Shanghai));
        Assert.Equal(new DateTime(2026, 3, 31, 16, 0, 0, DateTimeKind.Utc), q1.EndUtc(Shanghai));
        Assert.Equal(new DateOnly(2026, 3, 31), q1.LastDay);
    }

    [Fact]
    public void Half_past_eleven_on_31_March_in_Shanghai_belongs_to_Q1_and_half_past_midnight_on_1_April_to_Q2()
    {
        // 23:30 Beijing time is 15:30 UTC the same day; 00:30 on 1 April is 16:30 UTC on 31 March.
        var lateMarch = new DateTime(2026, 3, 31, 15, 30, 0, DateTimeKind.Utc);
        var earlyApril = new DateTime(2026, 3, 31, 16, 30, 0, DateTimeKind.Utc);

        Assert.Equal(Period.OfQuarter(2026, 1), Period.QuarterContaining(lateMarch, Shanghai));
        Assert.Equal(Period.OfQuarter(2026, 2), Period.QuarterContaining(earlyApril, Shanghai));
        Assert.True(lateMarch < Period.OfQuarter(2026, 1).EndUtc(Shanghai));
        Assert.True(earlyApril >= Period.OfQuarter(2026, 2).StartUtc(Shanghai));
    }

    [Fact]
    public void A_year_covers_its_four_quarters()
    {
        var year = Period.OfYear(2026);

        Assert.True(year.IsYear);
        Assert.Equal(Period.OfQuarter(2026, 1).StartUtc(Shanghai), year.StartUtc(Shanghai));
        Assert.Equal(Period.OfQuarter(2026, 4).EndUtc(Shanghai), year.EndUtc(Shanghai));
        Assert.Equal(year, Period.OfQuarter(2026, 3).WholeYear);
    }

    [Fact]
    public void The_trend_is_the_four_previous_periods_oldest_first_across_years()
    {
        var trend = Period.OfQuarter(2026, 2).PreviousPeriods(4).Select(p => p.ToString());

        Assert.Equal(["2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"], trend);
        Assert.Equal(["2022", "2023", "2024", "2025"], Period.OfYear(2026).PreviousPeriods(4).Select(p => p.ToString()));
        Assert.Equal(Period.OfQuarter(2025, 4), Period.OfQuarter(2026, 1).Previous());
    }

    [Fact]
    public void The_trend_stops_at_the_first_reportable_year()
    {
        Assert.Equal(["2000-Q1"], Period.OfQuarter(2000, 2).PreviousPeriods(4).Select(p => p.ToString()));
        Assert.Empty(Period.OfYear(2000).PreviousPeriods(4));
    }

    [Fact]
    public void The_current_quarter_is_read_in_Shanghai_time()
    {
        // 17:00 UTC on 30 September is 01:00 on 1 October in Shanghai: already Q4 there.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 9, 30, 17, 0, 0, TimeSpan.Zero));
        var clock = new LocalClock(time, new ConfigurationBuilder().Build());

        Assert.Equal(Period.OfQuarter(2026, 4), Period.CurrentQuarter(clock));
    }

    [Theory]
    [InlineData("2026-Q2", "2026-Q1", "2026-Q3")]
    [InlineData("2026-Q1", "2025-Q4", "2026-Q2")]
    [InlineData("2026-Q4", "2026-Q3", "2027-Q1")]
    [InlineData("2026", "2025", "2027")]
    [InlineData("2000-Q1", null, "2000-Q2")]
    [InlineData("2100-Q4", "2100-Q3", null)]
    [InlineData("2000", null, "2001")]
    [InlineData("2100", "2099", null)]
    public void The_periods_just_before_and_after_stop_at_the_ends_of_the_range(string text, string? before, string? after)
    {
        Assert.Equal(PeriodError.None, Period.TryParse(text, out var period));

        Assert.Equal(before, period.PreviousOrNone?.ToString());
        Assert.Equal(after, period.NextOrNone?.ToString());
    }
}
