using System.Globalization;
using BathroomAftersales.Web.Infrastructure;
using BathroomAftersales.Web.Infrastructure.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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

    /// <summary>When figures were computed, local time: the time alone when that was today, else the date too.</summary>
    public static string AsOf(LocalClock clock, DateTime computedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var local = clock.ToLocal(computedAtUtc);
        return DateOnly.FromDateTime(local) == clock.Today
            ? local.ToString("HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The "compute again" button of a settled period's kept figures (ADR 0018): forgets them and shows the page again,
    /// computed from the records. A bad period answers 400 with the message naming the accepted forms.
    /// </summary>
    public static async Task<IActionResult> RecomputeAsync(PageModel page, ReportCache cache, string? text, IStringLocalizer localizer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(cache);
        var error = Period.TryParse(text, out var period);
        if (error is not PeriodError.None)
        {
            return ReportDownload.Refuse(StatusCodes.Status400BadRequest, Message(localizer, error));
        }

        await cache.ForgetAsync(period, cancellationToken);
        page.TempData.SetStatusMessage(localizer["The figures of {0} were computed again from the records.", period.ToString()]);
        return page.RedirectToPage(new { period = period.ToString() });
    }
}
