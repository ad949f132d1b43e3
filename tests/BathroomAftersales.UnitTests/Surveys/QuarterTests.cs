using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Surveys;

namespace BathroomAftersales.UnitTests.Surveys;

public sealed class QuarterTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [InlineData("2026-Q4", 2026, 4)]
    [InlineData(" 2026-q1 ", 2026, 1)]
    public void A_quarter_is_read_from_its_text(string text, int year, int number)
    {
        var quarter = Quarter.Parse(text);

        Assert.Equal(new Quarter(year, number), quarter);
        Assert.Equal($"{year}-Q{number}", quarter.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("2026-Q5")]
    [InlineData("2026-Q0")]
    [InlineData("2026Q4")]
    [InlineData("26-Q4")]
    [InlineData("2026-X4")]
    [InlineData("1999-Q1")]
    public void A_malformed_quarter_is_refused_with_a_message(string? text)
    {
        Assert.False(Quarter.TryParse(text, out _));
        var exception = Assert.Throws<DomainException>(() => Quarter.Parse(text));
        Assert.Equal("Please enter a quarter like 2026-Q4.", exception.Message);
    }

    [Fact]
    public void Half_past_eleven_on_the_last_evening_of_March_in_Shanghai_is_still_the_first_quarter()
    {
        var utc = new DateTime(2026, 3, 31, 15, 30, 0, DateTimeKind.Utc);

        Assert.Equal(new Quarter(2026, 1), Quarter.Containing(utc, Shanghai));
    }

    [Fact]
    public void Half_past_midnight_on_the_first_of_April_in_Shanghai_is_the_second_quarter_although_UTC_is_still_in_March()
    {
        var utc = new DateTime(2026, 3, 31, 16, 30, 0, DateTimeKind.Utc);

        Assert.Equal(new Quarter(2026, 2), Quarter.Containing(utc, Shanghai));
    }

    [Fact]
    public void The_boundaries_of_a_quarter_are_local_midnights_in_UTC()
    {
        var q4 = new Quarter(2026, 4);

        Assert.Equal(new DateTime(2026, 9, 30, 16, 0, 0, DateTimeKind.Utc), q4.StartUtc(Shanghai));
        Assert.Equal(new DateTime(2026, 12, 31, 16, 0, 0, DateTimeKind.Utc), q4.EndUtc(Shanghai));
    }

    [Fact]
    public void A_campaign_closes_by_default_thirty_days_after_the_quarter_ends()
    {
        Assert.Equal(new DateTime(2027, 1, 30, 16, 0, 0, DateTimeKind.Utc), SurveyCampaign.DefaultClosesAt(new Quarter(2026, 4), Shanghai));
    }
}
