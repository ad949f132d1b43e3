using BathroomAftersales.Domain.ServiceRequests;

namespace BathroomAftersales.UnitTests.ServiceRequests;

public class RequestNumberTests
{
    [Fact]
    public void The_first_request_of_a_day_is_numbered_with_the_date_and_four_digits() =>
        Assert.Equal("SR-20261125-0001", RequestNumber.Format(new DateOnly(2026, 11, 25), 1));

    [Fact]
    public void A_sequence_beyond_four_digits_is_written_in_full() =>
        Assert.Equal("SR-20261125-12345", RequestNumber.Format(new DateOnly(2026, 11, 25), 12345));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_sequence_below_1_is_refused(int sequence) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RequestNumber.Format(new DateOnly(2026, 11, 25), sequence));

    [Fact]
    public void The_largest_sequence_still_fits_the_stored_length() =>
        Assert.True(RequestNumber.Format(new DateOnly(2026, 11, 25), int.MaxValue).Length <= RequestNumber.MaxLength);
}
