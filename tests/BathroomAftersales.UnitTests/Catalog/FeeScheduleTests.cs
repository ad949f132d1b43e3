using BathroomAftersales.Domain.Catalog;
using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.UnitTests.Catalog;

public sealed class FeeScheduleTests
{
    private static readonly DateOnly January = new(2026, 1, 1);
    private static readonly DateOnly July = new(2026, 7, 1);

    private static readonly FeeScheduleEntry[] Entries =
    [
        new(FeeKind.OnSiteFee, FeeUnit.Flat, 80m, January),
        new(FeeKind.OnSiteFee, FeeUnit.Flat, 100m, July),
        new(FeeKind.RepairLabourFee, FeeUnit.PerHour, 120m, January),
    ];

    [Fact]
    public void The_entry_in_force_is_the_latest_that_started_on_or_before_the_day()
    {
        Assert.Equal(80m, FeeSchedule.PriceOn(Entries, FeeKind.OnSiteFee, July.AddDays(-1))?.Amount);
        Assert.Equal(100m, FeeSchedule.PriceOn(Entries, FeeKind.OnSiteFee, July)?.Amount);
        Assert.Equal(100m, FeeSchedule.PriceOn(Entries, FeeKind.OnSiteFee, July.AddYears(1))?.Amount);
    }

    [Fact]
    public void Entries_of_another_kind_are_ignored()
    {
        var labour = FeeSchedule.PriceOn(Entries, FeeKind.RepairLabourFee, July);

        Assert.Equal(120m, labour?.Amount);
        Assert.Equal(FeeUnit.PerHour, labour?.Unit);
    }

    [Fact]
    public void There_is_no_fee_before_the_first_entry_or_for_a_kind_without_entries()
    {
        Assert.Null(FeeSchedule.PriceOn(Entries, FeeKind.OnSiteFee, January.AddDays(-1)));
        Assert.Null(FeeSchedule.PriceOn(Entries, FeeKind.MaintenanceFee, July));
    }

    [Fact]
    public void A_new_fee_cannot_start_in_the_past()
    {
        var error = Assert.Throws<DomainException>(() =>
            FeeScheduleEntry.Schedule(FeeKind.MaintenanceFee, FeeUnit.Flat, 150m, July.AddDays(-1), today: July));

        Assert.Equal("Fee.InThePast", error.Code);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0.001")]
    public void A_negative_or_three_decimal_fee_is_refused(string amount)
    {
        Assert.Throws<DomainException>(() => new FeeScheduleEntry(
            FeeKind.OnSiteFee, FeeUnit.Flat, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), July));
    }
}
