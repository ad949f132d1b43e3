using BathroomAftersales.Web.Infrastructure.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Reports;

/// <summary>The period of a report page from its query string, and the message for text that is not a period.</summary>
public static class ReportPeriod
{
    /// <summary>
    /// The current quarter when the query has no period at all; otherwise the parsed text (an empty "?period=" is
    /// refused like any other bad text, so the form says what to enter).
    /// </summary>
    public static PeriodError Resolve(HttpRequest request, string? text, LocalClock clock, out Period period)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (text is null && !request.Query.ContainsKey("period"))
        {
            period = Period.CurrentQuarter(clock);
            return PeriodError.None;
        }

        return Period.TryParse(text, out period);
    }

    /// <summary>What was wrong, naming the accepted forms.</summary>
    public static string Message(IStringLocalizer localizer, PeriodError error)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return error switch
        {
            PeriodError.Empty => localizer["Enter a period: a year such as 2026 or a quarter such as 2026-Q4."],
            PeriodError.QuarterOutOfRange => localizer["A quarter is Q1 to Q4: enter a period such as 2026-Q4, or a year such as 2026."],
            PeriodError.YearOutOfRange => localizer["Enter a year from {0} to {1}, such as 2026, or a quarter such as 2026-Q4.", Period.MinYear, Period.MaxYear],
            _ => localizer["This is not a period: enter a year such as 2026 or a quarter such as 2026-Q4."],
        };
    }

    /// <summary>The text the user typed, to show back in the form; nothing when it is too long to be a period.</summary>
    public static string? Echo(string? text) => text is { Length: <= Period.TextMaxLength } ? text : null;
}
