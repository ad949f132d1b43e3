using BathroomAftersales.Web.Infrastructure.Reports;

namespace BathroomAftersales.UnitTests.Reports;

public sealed class KpiStatusTests
{
    [Theory]
    [InlineData(1.00, KpiStatus.Met)]
    [InlineData(0.96, KpiStatus.AtRisk)]
    [InlineData(0.95, KpiStatus.AtRisk)]
    [InlineData(0.949, KpiStatus.Missed)]
    public void A_rate_within_five_points_under_its_target_is_at_risk(decimal rate, KpiStatus expected) =>
        Assert.Equal(expected, Scorecard.Judge(rate, Scorecard.ResponseRateTarget, Scorecard.RateAtRiskMargin));

    [Theory]
    [InlineData(4.6, KpiStatus.Met)]
    [InlineData(4.5, KpiStatus.Met)]
    [InlineData(4.3, KpiStatus.AtRisk)]
    [InlineData(4.29, KpiStatus.Missed)]
    public void An_average_rating_within_two_tenths_of_a_star_under_its_target_is_at_risk(decimal rating, KpiStatus expected) =>
        Assert.Equal(expected, Scorecard.Judge(rating, Scorecard.RatingTarget, Scorecard.RatingAtRiskMargin));
}
