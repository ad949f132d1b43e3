using System.Globalization;

using BathroomAftersales.Web.Infrastructure.Billing;

namespace BathroomAftersales.Web.Infrastructure.Reports;

/// <summary>
/// How a report cell reads. <see cref="Display"/> is the page's text; <see cref="Plain"/> is the export's (no currency
/// sign or thousands separators, so a spreadsheet reads it as a number). Both round to the same places
/// (<see cref="Round"/>), so the page, the CSV and the workbook show the same numbers.
/// </summary>
public static class ReportFormat
{
    /// <summary>Text for a cell with no data.</summary>
    public const string NoData = "–";

    /// <summary>The value as the page shows it and the workbook stores it: rounded to the kind's places.</summary>
    public static decimal Round(decimal value, ReportValueKind kind) => kind switch
    {
        ReportValueKind.Percent => Math.Round(value, 3, MidpointRounding.AwayFromZero),
        ReportValueKind.Stars or ReportValueKind.Money => Math.Round(value, 2, MidpointRounding.AwayFromZero),
        ReportValueKind.Hours or ReportValueKind.Points => Math.Round(value, 1, MidpointRounding.AwayFromZero),
        _ => value,
    };

    /// <summary>The page's text: 97.5%, 4.52, ¥1,234.50, 3.5, 1,234, 2026-03-31.</summary>
    public static string Display(object? value, ReportValueKind kind) => value switch
    {
        null => NoData,
        _ when kind == ReportValueKind.Money => MoneyText.Yuan(Round(ToDecimal(value), kind)),
        _ when kind == ReportValueKind.Count => ToDecimal(value).ToString("#,##0", CultureInfo.InvariantCulture),
        _ => Plain(value, kind),
    };

    /// <summary>The export's text: 97.5%, 4.52, 1234.50, 3.5, 1234, 2026-03-31; empty for no data.</summary>
    public static string Plain(object? value, ReportValueKind kind) => value switch
    {
        null => string.Empty,
        DateOnly day => LocalClock.Format(day),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        string text => text,
        _ => kind switch
        {
            ReportValueKind.Percent => (Round(ToDecimal(value), kind) * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
            ReportValueKind.Stars or ReportValueKind.Money => Round(ToDecimal(value), kind).ToString("0.00", CultureInfo.InvariantCulture),
            ReportValueKind.Hours or ReportValueKind.Points => Round(ToDecimal(value), kind).ToString("0.0", CultureInfo.InvariantCulture),
            ReportValueKind.Count => ToDecimal(value).ToString("0", CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        },
    };

    /// <summary>Numbers of any CLR type a query returns (int, long, double, decimal) as decimal.</summary>
    public static decimal ToDecimal(object value) => value switch
    {
        decimal d => d,
        double d => (decimal)d,
        float f => (decimal)f,
        _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };

    /// <summary>True for kinds shown right-aligned as numbers.</summary>
    public static bool IsNumeric(ReportValueKind kind) =>
        kind is not (ReportValueKind.Text or ReportValueKind.Date or ReportValueKind.DateTime);
}
