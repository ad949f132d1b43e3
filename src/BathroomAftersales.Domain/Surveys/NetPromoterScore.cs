namespace BathroomAftersales.Domain.Surveys;

/// <summary>NPS: % promoters (9–10) minus % detractors (0–6), from −100 to 100.</summary>
public static class NetPromoterScore
{
    public const int PromoterFrom = 9;
    public const int DetractorUpTo = 6;

    /// <summary>Null when nobody answered (there is no score, not a score of 0).</summary>
    public static decimal? Compute(int promoters, int detractors, int responses)
    {
        if (responses <= 0)
        {
            return null;
        }

        if (promoters < 0 || detractors < 0 || promoters + detractors > responses)
        {
            throw new ArgumentException("Promoters and detractors must be part of the responses.");
        }

        return Math.Round(100m * (promoters - detractors) / responses, 1, MidpointRounding.AwayFromZero);
    }
}
