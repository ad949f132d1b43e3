namespace BathroomAftersales.Web.Infrastructure.Reports;

/// <summary>What a report cell holds, which decides how the page, the CSV and the workbook show it.</summary>
public enum ReportValueKind
{
    /// <summary>A string (a name, a category, a request number, a comment).</summary>
    Text,

    /// <summary>A whole number (int or long).</summary>
    Count,

    /// <summary>A fraction 0–1 (decimal), shown as a percentage with one decimal: 0.975 → 97.5%.</summary>
    Percent,

    /// <summary>An average rating or survey score (decimal), shown with two decimals.</summary>
    Stars,

    /// <summary>Yuan (decimal), two decimals.</summary>
    Money,

    /// <summary>A duration in hours (decimal), one decimal.</summary>
    Hours,

    /// <summary>A plain number with one decimal (decimal): NPS points.</summary>
    Points,

    /// <summary>A local calendar day (DateOnly).</summary>
    Date,

    /// <summary>A local date and time (DateTime, already converted to the business's time zone).</summary>
    DateTime,
}

/// <summary>A column: its localized header and its kind.</summary>
public sealed record ReportColumn(string Header, ReportValueKind Kind);

/// <summary>
/// One table of a report, exactly as the page shows it. The page renders it (partial <c>_ReportTable</c>) and the export
/// writes the same object as CSV or .xlsx, so the numbers cannot differ. A null cell means "no data" (shown as a
/// dash, left empty in exports).
/// </summary>
/// <param name="Name">The table's stable id within its page, ASCII (e.g. "by-model"): the export's table parameter and file name.</param>
/// <param name="Title">Localized title, the workbook sheet's name and the table caption.</param>
public sealed record ReportTable(string Name, string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    public bool IsEmpty => Rows.Count == 0;
}

/// <summary>
/// A table as the page renders it (partial <c>/Pages/Reports/_ReportTable.cshtml</c>): <see cref="RouteValues"/> are
/// added to its export links (e.g. the period), <see cref="EmptyText"/> replaces the default "no data" sentence.
/// </summary>
public sealed record ReportTableView(ReportTable Table, IDictionary<string, string> RouteValues, string? EmptyText = null);
