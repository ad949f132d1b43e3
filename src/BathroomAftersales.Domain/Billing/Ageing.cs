namespace BathroomAftersales.Domain.Billing;

/// <summary>
/// Receivables ageing in whole Shanghai calendar days since the invoice was issued: 0–30, 31–60, and over 60.
/// Day 30 is the last day of the first bucket and day 60 the last of the second; day 61 is over 60.
/// </summary>
public static class Ageing
{
    public static int DaysOutstanding(DateOnly issuedOn, DateOnly today) => Math.Max(0, today.DayNumber - issuedOn.DayNumber);

    public static AgeingBucket BucketOf(DateOnly issuedOn, DateOnly today) => DaysOutstanding(issuedOn, today) switch
    {
        <= 30 => AgeingBucket.Days0To30,
        <= 60 => AgeingBucket.Days31To60,
        _ => AgeingBucket.Over60,
    };
}
