using System.Text.Json;
using System.Text.Json.Serialization;

using BathroomAftersales.Domain.Products;
using BathroomAftersales.Web.Infrastructure.Reports;

using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Reports;

/// <summary>One data series of a chart; a null point is "no data" (a gap).</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<decimal?> Data);

/// <summary>
/// What wwwroot/js/reports.js needs to draw a chart with Chart.js: <see cref="Kind"/> "line" or "bar",
/// <see cref="Horizontal"/> bars, an optional fixed axis maximum (5 for ratings). The numbers are read from a
/// <see cref="ReportTable"/> rounded as the table shows them, so the chart and the table beside it agree.
/// </summary>
public sealed record ChartData(string Kind, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series, bool Horizontal = false, decimal? Max = null)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Labels from a text column and one series per numeric column of <paramref name="table"/>'s first <paramref name="take"/> rows.</summary>
    public static ChartData From(ReportTable table, string kind, int labelColumn, int[] valueColumns, int take = int.MaxValue, bool horizontal = false, decimal? max = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(valueColumns);
        var rows = table.Rows.Take(take).ToList();
        return new ChartData(
            kind,
            [.. rows.Select(r => r[labelColumn] as string ?? string.Empty)],
            [.. valueColumns.Select(c => new ChartSeries(
                table.Columns[c].Header,
                [.. rows.Select(r => r[c] is { } value ? ReportFormat.Round(ReportFormat.ToDecimal(value), table.Columns[c].Kind) : (decimal?)null)]))],
            horizontal,
            max);
    }
}

/// <summary>The quarterly report's tables, with localized headers, in page order; each one exports by its name.</summary>
public sealed record QuarterlyTables(
    ReportTable Satisfaction,
    ReportTable Volumes,
    ReportTable Times,
    ReportTable ByType,
    ReportTable ByCategory,
    ReportTable ByModel,
    ReportTable ByTechnician,
    ReportTable WarrantyByModel,
    ReportTable LowestRated,
    ReportTable SurveyComments)
{
    /// <summary>How many models the warranty cost chart shows (the table lists all of them).</summary>
    public const int WarrantyChartModels = 10;

    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "satisfaction", "volumes", "times", "by-type", "by-category", "by-model", "by-technician", "warranty-by-model", "lowest-rated", "survey-comments",
    };

    public IReadOnlyList<ReportTable> All =>
        [Satisfaction, Volumes, Times, ByType, ByCategory, ByModel, ByTechnician, WarrantyByModel, LowestRated, SurveyComments];

    /// <summary>Average rating and survey score per period (scale 0–5).</summary>
    public ChartData SatisfactionChart => ChartData.From(Satisfaction, "line", 0, [1, 3], max: 5);

    /// <summary>Requests submitted and emergencies per request type.</summary>
    public ChartData VolumeByTypeChart => ChartData.From(ByType, "bar", 0, [1, 2]);

    /// <summary>Average rating per category (scale 0–5).</summary>
    public ChartData RatingByCategoryChart => ChartData.From(ByCategory, "bar", 0, [2], max: 5);

    /// <summary>The <see cref="WarrantyChartModels"/> costliest models.</summary>
    public ChartData WarrantyChart => ChartData.From(WarrantyByModel, "bar", 0, [4], WarrantyChartModels, horizontal: true);

    public static QuarterlyTables Build(QuarterlyFigures figures, IStringLocalizer localizer, LocalClock clock)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(clock);
        string Category(ProductCategory? category) => category is { } c ? localizer[c.ToString()] : localizer["No product registered"];
        string Model(ModelRow m) => m.ModelId is null ? localizer["No product registered"] : m.Name ?? string.Empty;
        static ReportColumn Col(string header, ReportValueKind kind) => new(header, kind);

        var v = figures.Volumes;
        var volumeRows = new (string Label, int Count)[]
        {
            (localizer["Submitted"], v.Submitted), (localizer["Responded"], v.Responded), (localizer["Completed"], v.Completed),
            (localizer["Closed"], v.Closed), (localizer["Cancelled"], v.Cancelled), (localizer["Emergencies"], v.Emergencies),
        };

        return new QuarterlyTables(
            new ReportTable(
                "satisfaction",
                localizer["Satisfaction by period"],
                [Col(localizer["Period"], ReportValueKind.Text), Col(localizer["Average rating"], ReportValueKind.Stars), Col(localizer["Rated requests"], ReportValueKind.Count),
                    Col(localizer["Survey score"], ReportValueKind.Stars), Col(localizer["Survey responses"], ReportValueKind.Count), Col(localizer["NPS"], ReportValueKind.Points)],
                // A trend without a single rating or survey answer is "no data", not a column of dashes.
                figures.Trend.All(t => t.Rated == 0 && t.SurveyResponses == 0)
                    ? []
                    : [.. figures.Trend.Select(t => Row(t.Period.ToString(), t.AverageRating, t.Rated, t.SurveyScore, t.SurveyResponses, t.NetPromoterScore))]),
            new ReportTable(
                "volumes",
                localizer["Request volumes"],
                [Col(localizer["Measure"], ReportValueKind.Text), Col(localizer["Requests"], ReportValueKind.Count)],
                // A period where nothing happened has no volumes to show rather than a column of zeros.
                volumeRows.All(r => r.Count == 0) ? [] : [.. volumeRows.Select(r => Row(r.Label, r.Count))]),
            new ReportTable(
                "times",
                localizer["Response and completion times"],
                [Col(localizer["Measure"], ReportValueKind.Text), Col(localizer["Median (hours)"], ReportValueKind.Hours),
                    Col(localizer["90th percentile (hours)"], ReportValueKind.Hours), Col(localizer["Requests"], ReportValueKind.Count)],
                v.Response.Count == 0 && v.Completion.Count == 0
                    ? []
                    : [Row(localizer["Response time"], v.Response.MedianHours, v.Response.P90Hours, v.Response.Count),
                        Row(localizer["Completion time"], v.Completion.MedianHours, v.Completion.P90Hours, v.Completion.Count)]),
            new ReportTable(
                "by-type",
                localizer["By request type"],
                [Col(localizer["Request type"], ReportValueKind.Text), Col(localizer["Submitted"], ReportValueKind.Count), Col(localizer["Emergencies"], ReportValueKind.Count),
                    Col(localizer["Average rating"], ReportValueKind.Stars), Col(localizer["Rated requests"], ReportValueKind.Count),
                    Col(localizer["Median response (hours)"], ReportValueKind.Hours), Col(localizer["90th percentile response (hours)"], ReportValueKind.Hours),
                    Col(localizer["Median completion (hours)"], ReportValueKind.Hours), Col(localizer["90th percentile completion (hours)"], ReportValueKind.Hours)],
                [.. figures.ByType.Select(t => Row(
                    localizer[t.Type.ToString()].Value, t.Submitted, t.Emergencies, t.AverageRating, t.Rated,
                    t.Response.MedianHours, t.Response.P90Hours, t.Completion.MedianHours, t.Completion.P90Hours))]),
            new ReportTable(
                "by-category",
                localizer["By product category"],
                [Col(localizer["Category"], ReportValueKind.Text), Col(localizer["Submitted"], ReportValueKind.Count), Col(localizer["Average rating"], ReportValueKind.Stars),
                    Col(localizer["Rated requests"], ReportValueKind.Count), Col(localizer["Warranty cost"], ReportValueKind.Money)],
                [.. figures.ByCategory.Select(c => Row(Category(c.Category), c.Submitted, c.AverageRating, c.Rated, c.WarrantyCost))]),
            new ReportTable(
                "by-model",
                localizer["By product model"],
                [Col(localizer["Model"], ReportValueKind.Text), Col(localizer["SKU"], ReportValueKind.Text), Col(localizer["Category"], ReportValueKind.Text),
                    Col(localizer["Submitted"], ReportValueKind.Count), Col(localizer["Average rating"], ReportValueKind.Stars),
                    Col(localizer["Rated requests"], ReportValueKind.Count), Col(localizer["Warranty cost"], ReportValueKind.Money)],
                [.. figures.ByModel.Select(m => Row(Model(m), m.Sku, Category(m.Category), m.Submitted, m.AverageRating, m.Rated, m.WarrantyCost))]),
            new ReportTable(
                "by-technician",
                localizer["By technician"],
                [Col(localizer["Technician"], ReportValueKind.Text), Col(localizer["Completed"], ReportValueKind.Count), Col(localizer["On-time completion"], ReportValueKind.Percent),
                    Col(localizer["Average rating"], ReportValueKind.Stars), Col(localizer["Rated requests"], ReportValueKind.Count),
                    Col(localizer["Median completion (hours)"], ReportValueKind.Hours)],
                [.. figures.ByTechnician.Select(t => Row(t.Name, t.Completed, t.OnTimeRate, t.AverageRating, t.Rated, t.Completion.MedianHours))]),
            new ReportTable(
                "warranty-by-model",
                localizer["Warranty cost by model"],
                [Col(localizer["Model"], ReportValueKind.Text), Col(localizer["SKU"], ReportValueKind.Text), Col(localizer["Category"], ReportValueKind.Text),
                    Col(localizer["Supplier-paid lines"], ReportValueKind.Count), Col(localizer["Warranty cost"], ReportValueKind.Money)],
                [.. figures.ByModel
                    .Where(m => m.WarrantyLines > 0)
                    .OrderByDescending(m => m.WarrantyCost)
                    .ThenBy(m => m.Sku, StringComparer.Ordinal)
                    .Select(m => Row(Model(m), m.Sku, Category(m.Category), m.WarrantyLines, m.WarrantyCost))]),
            new ReportTable(
                "lowest-rated",
                localizer["Lowest-rated requests with a comment"],
                [Col(localizer["Request"], ReportValueKind.Text), Col(localizer["Closed"], ReportValueKind.DateTime), Col(localizer["Rating"], ReportValueKind.Count), Col(localizer["Comment"], ReportValueKind.Text)],
                [.. figures.LowestRated.Select(c => Row(c.Number, clock.ToLocal(c.ClosedAtUtc), c.Rating, c.Comment))]),
            new ReportTable(
                "survey-comments",
                localizer["Lowest survey scores with a comment"],
                [Col(localizer["Survey"], ReportValueKind.Text), Col(localizer["Answered"], ReportValueKind.DateTime), Col(localizer["Overall score"], ReportValueKind.Count),
                    Col(localizer["Would recommend (0–10)"], ReportValueKind.Count), Col(localizer["Comment"], ReportValueKind.Text)],
                [.. figures.LowestSurveyComments.Select(c => Row(c.Campaign, clock.ToLocal(c.SubmittedAtUtc), c.Overall, c.Recommend, c.Comment))]));
    }

    private static object?[] Row(params object?[] cells) => cells;
}
