namespace BathroomAftersales.Domain.ServiceRequests;

/// <summary>When the customer would like the technician to come; any combination.</summary>
[Flags]
public enum PreferredVisitTimes
{
    None = 0,
    WeekdayMorning = 1,
    WeekdayAfternoon = 2,
    WeekdayEvening = 4,
    WeekendMorning = 8,
    WeekendAfternoon = 16,
    WeekendEvening = 32,
}
