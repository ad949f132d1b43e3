using BathroomAftersales.Web.Infrastructure;
using BathroomAftersales.Web.Infrastructure.Reports;

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Reports;

/// <summary>
/// The answers of the report pages' Export handlers, the same on every page: a refusal as plain text with its status,
/// the way back to the page with "nothing to export" for an empty table, or the file.
/// </summary>
internal static class ReportDownload
{
    /// <summary>A refusal the browser shows as it is (a bad format, period or table): plain text, never an error page.</summary>
    public static ContentResult Refuse(int statusCode, string message) =>
        new() { StatusCode = statusCode, Content = message, ContentType = "text/plain; charset=utf-8" };

    /// <summary>Neither csv nor xlsx.</summary>
    public static ContentResult BadFormat(IStringLocalizer localizer) =>
        Refuse(StatusCodes.Status400BadRequest, localizer["Choose an export format: csv or xlsx."]);

    /// <summary>A table name the page does not have.</summary>
    public static ContentResult UnknownTable(IStringLocalizer localizer) =>
        Refuse(StatusCodes.Status404NotFound, localizer["There is no such table on this report."]);

    /// <summary>
    /// The file of <paramref name="table"/>; for an empty one, back to the page (<paramref name="routeValues"/>) with a
    /// status message that there is nothing to export for the period.
    /// </summary>
    public static IActionResult Send(
        PageModel page, ReportTable table, string format, string fileStem, Period period, object routeValues, IStringLocalizer localizer)
    {
        return table.IsEmpty ? NothingToExport(page, period, routeValues, localizer) : ReportExport.File(table, format, fileStem);
    }

    /// <summary>Back to the page (<paramref name="routeValues"/>) with a status message that the period has nothing to export.</summary>
    public static RedirectToPageResult NothingToExport(PageModel page, Period period, object routeValues, IStringLocalizer localizer)
    {
        page.TempData.SetStatusMessage(localizer["Nothing to export for {0}.", period.ToString()]);
        return page.RedirectToPage(routeValues);
    }
}
