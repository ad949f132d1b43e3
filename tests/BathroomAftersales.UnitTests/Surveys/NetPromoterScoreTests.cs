using BathroomAftersales.Domain.Surveys;

namespace BathroomAftersales.UnitTests.Surveys;

public sealed class NetPromoterScoreTests
{
    [Fact]
    public void All_promoters_score_one_hundred() => Assert.Equal(100m, NetPromoterScore.Compute(promoters: 5, detractors: 0, responses: 5));

    [Fact]
    public void All_detractors_score_minus_one_hundred() => Assert.Equal(-100m, NetPromoterScore.Compute(promoters: 0, detractors: 4, responses: 4));

    [Fact]
    public void A_mixed_result_is_promoters_minus_detractors_in_percent_with_one_decimal()
    {
        // 3 promoters, 2 passives, 1 detractor of 6: 50% − 16.7% = 33.3.
        Assert.Equal(33.3m, NetPromoterScore.Compute(promoters: 3, detractors: 1, responses: 6));
    }

    [Fact]
    public void No_responses_give_no_score_rather_than_zero_or_a_division_error() =>
        Assert.Null(NetPromoterScore.Compute(promoters: 0, detractors: 0, responses: 0));
}
