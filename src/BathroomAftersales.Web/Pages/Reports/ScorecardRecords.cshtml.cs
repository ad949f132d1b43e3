using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using BathroomAftersales.Web.Infrastructure.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Reports;

/// <summary>
/// The records behind one KPI of the scorecard, from the very query the KPI counts (<see cref="Scorecard"/>): by default
/// the misses where the KPI has them, or everything counted. Keyset pages of 50 by id; the export holds the whole list
/// up to <see cref="ExportCap"/> rows, read and written a batch at a time.
/// </summary>
public sealed class ScorecardRecordsModel(AppDbContext db, Scorecard scorecard, LocalClock clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 50;
    public const int ExportCap = 100_000;
    public const int ExportBatch = 1_000;
    public const string TableName = "records";

    public ScorecardKpi? Kpi { get; private set; }

    public Period Period { get; private set; }

    public string? PeriodText { get; private set; }

    /// <summary>Why the page cannot show a list (bad period, unknown KPI); null when it can.</summary>
    public string? Problem { get; private set; }

    /// <summary>Everything counted rather than only the misses.</summary>
    public bool All { get; private set; }

    /// <summary>The KPI's counted records (its denominator).</summary>
    public int Counted { get; private set; }

    /// <summary>The KPI's misses among <see cref="Counted"/> (0 for a KPI without misses).</summary>
    public int Misses { get; private set; }

    /// <summary>The length of the list shown: <see cref="Counted"/>, or the misses.</summary>
    public int Total { get; private set; }

    public IReadOnlyList<ReportColumn> Columns { get; private set; } = [];

    /// <summary>The page the first cell links to, with the row's <see cref="DrillRow.LinkId"/>; null for no link.</summary>
    public string? LinkPage { get; private set; }

    public IReadOnlyList<DrillRow> Rows { get; private set; } = [];

    public int? NextAfter { get; private set; }

    public int? After { get; private set; }

    /// <summary>Whether the KPI describes the archive now rather than the period.</summary>
    public bool CurrentStateOnly => Kpi?.IsCurrentStateOnly == true;

    public async Task<IActionResult> OnGetAsync(string? kpi, string? period, bool all, int? after, CancellationToken cancellationToken)
    {
        if (Prepare(kpi, period, all) is { } refused)
        {
            return refused;
        }

        if (Kpi is null)
        {
            return Page();
        }

        var drill = DrillOf(Kpi);
        Counted = await drill.CountAllAsync(cancellationToken);
        Misses = Kpi.HasMisses ? await drill.CountAsync(cancellationToken) : 0;
        Total = All ? Counted : Misses;
        After = after is > 0 ? after : null;
        var rows = await drill.LoadAsync(After ?? 0, PageSize + 1, cancellationToken);
        Rows = [.. rows.Take(PageSize)];
        NextAfter = rows.Count > PageSize ? Rows[^1].Key : null;
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string? kpi, string? period, bool all, string? table, string? format, CancellationToken cancellationToken)
    {
        var fileFormat = ReportExport.ParseFormat(format);
        if (fileFormat is null)
        {
            return ReportDownload.BadFormat(localizer);
        }

        if (!string.Equals(table, TableName, StringComparison.Ordinal))
        {
            return ReportDownload.UnknownTable(localizer);
        }

        if (Prepare(kpi, period, all) is { } refused)
        {
            return ReportDownload.Refuse(refused.StatusCode ?? StatusCodes.Status400BadRequest, Problem ?? string.Empty);
        }

        if (Kpi is null)
        {
            return ReportDownload.Refuse(StatusCodes.Status404NotFound, localizer["There is no such KPI on the scorecard."]);
        }

        var drill = DrillOf(Kpi);
        var rows = ReportExport.InBatchesAsync(drill.LoadAsync, r => r.Key, ExportBatch, ExportCap, cancellationToken).Select(r => r.Cells);
        var file = await ReportExport.FileAsync(
            localizer[Kpi.Name], Columns, rows, fileFormat, $"scorecard-{Kpi.Slug}-{Period}{(All ? "-all" : string.Empty)}", cancellationToken);
        return file ?? (IActionResult)ReportDownload.NothingToExport(this, Period, new { kpi = Kpi.Slug, period = Period.ToString(), all = All }, localizer);
    }

    private PageResult? Prepare(string? kpi, string? period, bool all)
    {
        PeriodText = ReportPeriod.Echo(period);
        var error = ReportPeriod.Resolve(Request, period, clock, out var parsed);
        if (error != PeriodError.None)
        {
            Problem = ReportPeriod.Message(localizer, error);
            return Status(StatusCodes.Status400BadRequest);
        }

        Period = parsed;
        if (string.IsNullOrEmpty(kpi))
        {
            return null;
        }

        Kpi = ScorecardKpis.Find(kpi);
        if (Kpi is null)
        {
            Problem = localizer["There is no such KPI on the scorecard. Choose one from the list below."];
            return Status(StatusCodes.Status404NotFound);
        }

        All = all || !Kpi.HasMisses;
        return null;
    }

    private PageResult Status(int statusCode)
    {
        var page = Page();
        page.StatusCode = statusCode;
        return page;
    }

    // ---- one drill-down per KPI, each paged by id over the KPI's own query ----------------------------------------

    private Drill DrillOf(ScorecardKpi kpi)
    {
        var p = Period;
        return kpi.Slug switch
        {
            "response" => Requests(
                scorecard.ResponsesDue(p), scorecard.ResponsesMissed(p),
                ["Submitted", "Response due", "Responded at"], r => [Local(r.SubmittedAt), Local(r.ResponseDueAt), Local(r.RespondedAt)]),
            "completion" => Requests(
                scorecard.Completed(p), scorecard.CompletedLate(p),
                ["Submitted", "Completion due", "Completed"], r => [Local(r.SubmittedAt), Local(r.CompletionDueAt), Local(r.CompletedAt)]),
            "rating" => Requests(
                scorecard.Rated(p), scorecard.Rated(p), ["Closed", "Rating"], r => [Local(r.ClosedAt), r.Rating]),
            "rework" => Requests(
                scorecard.FirstCompleted(p), scorecard.Reworked(p),
                ["First completed", "Reopened (times)"], r => [Local(r.FirstCompletedAt), r.ReopenCount]),
            "complaints" => Complaints(p),
            "archive" => Archive(),
            "trainings" => Trainings(p),
            "surveys-held" => Surveys(p),
            "survey-response" => Invitations(p),
            "survey-score" or "nps" => Responses(p),
            "warranty" => Warranty(p),
            _ => throw new ArgumentOutOfRangeException(nameof(kpi), kpi.Slug, "A KPI without a drill-down."),
        };
    }

    private Drill Requests(
        IQueryable<ServiceRequest> counted, IQueryable<ServiceRequest> misses, string[] headers, Func<RequestRow, object?[]> cells)
    {
        var query = All ? counted : misses;
        Columns = [Column("Request number", ReportValueKind.Text), Column("Customer", ReportValueKind.Text), .. headers.Select(h => Column(h, KindOf(h)))];
        LinkPage = "/Staff/Requests/Details";
        return new Drill(
            counted.CountAsync,
            misses.CountAsync,
            async (after, take, ct) => [.. (await query.Where(r => r.Id > after).OrderBy(r => r.Id).Take(take)
                .Select(r => new RequestRow(
                    r.Id, r.Number, db.Customers.Where(c => c.Id == r.CustomerId).Select(c => c.Name).FirstOrDefault(),
                    r.SubmittedAt, r.ResponseDueAt, r.RespondedAt, r.CompletionDueAt, r.CompletedAt, r.FirstCompletedAt, r.ClosedAt,
                    r.Rating, r.ReopenCount))
                .ToListAsync(ct)).Select(r => new DrillRow(r.Id, r.Id, [r.Number, r.CustomerName, .. cells(r)]))]);
    }

    private Drill Complaints(Period period)
    {
        var counted = scorecard.ComplaintsReceived(period);
        var misses = scorecard.ComplaintsMissed(period);
        var query = All ? counted : misses;
        Columns =
        [
            Column("Complaint number", ReportValueKind.Text), Column("Customer", ReportValueKind.Text), Column("Received", ReportValueKind.DateTime),
            Column("Resolve by", ReportValueKind.DateTime), Column("Resolved", ReportValueKind.DateTime),
        ];
        LinkPage = "/Staff/Complaints/Details";
        return new Drill(
            counted.CountAsync,
            misses.CountAsync,
            async (after, take, ct) => [.. (await query.Where(c => c.Id > after).OrderBy(c => c.Id).Take(take)
                .Select(c => new
                {
                    c.Id,
                    c.Number,
                    CustomerName = db.Customers.Where(x => x.Id == c.CustomerId).Select(x => x.Name).FirstOrDefault(),
                    c.ReceivedAt,
                    c.ResolveBy,
                    c.ResolvedAt,
                })
                .ToListAsync(ct)).Select(c => new DrillRow(c.Id, c.Id, [c.Number, c.CustomerName, Local(c.ReceivedAt), Local(c.ResolveBy), Local(c.ResolvedAt)]))]);
    }

    private Drill Archive()
    {
        var counted = scorecard.ArchiveRecords();
        var misses = scorecard.ArchiveRecordsToFix();
        var query = All ? counted : misses;
        Columns = [Column("Customer", ReportValueKind.Text), Column("Mobile", ReportValueKind.Text), Column("Problems", ReportValueKind.Text)];
        LinkPage = "/Staff/Customers/Details";
        return new Drill(
            counted.CountAsync,
            misses.CountAsync,
            async (after, take, ct) => [.. (await query.Where(c => c.Id > after).OrderBy(c => c.Id).Take(take)
                .Select(c => new { c.Id, c.Name, c.Mobile, c.ArchiveProblems })
                .ToListAsync(ct)).Select(c => new DrillRow(c.Id, c.Id, [c.Name, c.Mobile, DescribeProblems(c.ArchiveProblems)]))]);
    }

    private Drill Trainings(Period period)
    {
        var query = scorecard.TrainingsHeld(period);
        Columns = [Column("Topic", ReportValueKind.Text), Column("Starts", ReportValueKind.DateTime), Column("Place", ReportValueKind.Text)];
        LinkPage = "/Staff/Training/Details";
        return new Drill(
            query.CountAsync,
            query.CountAsync,
            async (after, take, ct) => [.. (await query.Where(e => e.Id > after).OrderBy(e => e.Id).Take(take)
                .Select(e => new { e.Id, e.Topic, e.StartsAt, e.Place })
                .ToListAsync(ct)).Select(e => new DrillRow(e.Id, e.Id, [e.Topic, Local(e.StartsAt), e.Place]))]);
    }

    private Drill Surveys(Period period)
    {
        var query = scorecard.SurveysHeld(period);
        Columns =
        [
            Column("Survey", ReportValueKind.Text), Column("Quarter", ReportValueKind.Text), Column("Opens", ReportValueKind.DateTime),
            Column("Closes", ReportValueKind.DateTime), Column("Invited", ReportValueKind.Count),
        ];
        LinkPage = "/Staff/Surveys/Details";
        return new Drill(
            query.CountAsync,
            query.CountAsync,
            async (after, take, ct) => [.. (await query.Where(c => c.Id > after).OrderBy(c => c.Id).Take(take)
                .Select(c => new { c.Id, c.Title, c.Quarter, c.OpensAt, c.ClosesAt, c.InvitedCount })
                .ToListAsync(ct)).Select(c => new DrillRow(c.Id, c.Id, [c.Title, c.Quarter, Local(c.OpensAt), Local(c.ClosesAt), c.InvitedCount]))]);
    }

    private Drill Invitations(Period period)
    {
        var counted = scorecard.SurveyInvitations(period);
        var misses = scorecard.SurveyInvitationsUnanswered(period);
        var query = All ? counted : misses;
        Columns = [Column("Customer", ReportValueKind.Text), Column("Invited", ReportValueKind.DateTime), Column("Answered", ReportValueKind.DateTime)];
        LinkPage = "/Staff/Customers/Details";
        return new Drill(
            counted.CountAsync,
            misses.CountAsync,
            async (after, take, ct) => [.. (await query.Where(i => i.Id > after).OrderBy(i => i.Id).Take(take)
                .Select(i => new
                {
                    i.Id,
                    i.CustomerId,
                    CustomerName = db.Customers.Where(c => c.Id == i.CustomerId).Select(c => c.Name).FirstOrDefault(),
                    i.CreatedAt,
                    i.AnsweredAt,
                })
                .ToListAsync(ct)).Select(i => new DrillRow(i.Id, i.CustomerId, [i.CustomerName, Local(i.CreatedAt), Local(i.AnsweredAt)]))]);
    }

    private Drill Responses(Period period)
    {
        var query = scorecard.SurveyResponses(period);
        Columns =
        [
            Column("Customer", ReportValueKind.Text), Column("Answered", ReportValueKind.DateTime), Column("Overall score", ReportValueKind.Count),
            Column("Likely to recommend (0–10)", ReportValueKind.Count), Column("Comment", ReportValueKind.Text),
        ];
        LinkPage = "/Staff/Customers/Details";
        return new Drill(
            query.CountAsync,
            query.CountAsync,
            async (after, take, ct) => [.. (await query.Where(r => r.Id > after).OrderBy(r => r.Id).Take(take)
                .Select(r => new
                {
                    r.Id,
                    CustomerId = db.SurveyInvitations.Where(i => i.Id == r.InvitationId).Select(i => i.CustomerId).FirstOrDefault(),
                    CustomerName = db.Customers
                        .Where(c => db.SurveyInvitations.Any(i => i.Id == r.InvitationId && i.CustomerId == c.Id))
                        .Select(c => c.Name).FirstOrDefault(),
                    r.SubmittedAt,
                    r.Overall,
                    r.Recommend,
                    r.Comment,
                })
                .ToListAsync(ct)).Select(r => new DrillRow(r.Id, r.CustomerId, [r.CustomerName, Local(r.SubmittedAt), r.Overall, r.Recommend, r.Comment]))]);
    }

    private Drill Warranty(Period period)
    {
        var query = scorecard.WarrantyLines(period);
        Columns =
        [
            Column("Request number", ReportValueKind.Text), Column("Service date", ReportValueKind.Date), Column("Item", ReportValueKind.Text),
            Column("Quantity", ReportValueKind.Points), Column("Amount", ReportValueKind.Money),
        ];
        LinkPage = "/Staff/Requests/Details";
        return new Drill(
            query.CountAsync,
            query.CountAsync,
            async (after, take, ct) => [.. (await query.Where(l => l.Id > after).OrderBy(l => l.Id).Take(take)
                .Select(l => new
                {
                    l.Id,
                    Report = db.WorkReports.Where(w => w.Id == l.WorkReportId)
                        .Select(w => new { w.ServiceRequestId, w.ServiceDate, Number = db.ServiceRequests.Where(r => r.Id == w.ServiceRequestId).Select(r => r.Number).FirstOrDefault() })
                        .First(),
                    l.Description,
                    l.Quantity,
                    l.Amount,
                })
                .ToListAsync(ct)).Select(l => new DrillRow(l.Id, l.Report.ServiceRequestId, [l.Report.Number, l.Report.ServiceDate, l.Description, l.Quantity, l.Amount]))]);
    }

    private ReportColumn Column(string header, ReportValueKind kind) => new(localizer[header], kind);

    private static ReportValueKind KindOf(string header) =>
        header is "Rating" or "Reopened (times)" ? ReportValueKind.Count : ReportValueKind.DateTime;

    private DateTime? Local(DateTime? utc) => utc is { } value ? clock.ToLocal(value) : null;

    private string DescribeProblems(ArchiveProblems problems) =>
        problems == ArchiveProblems.None
            ? localizer["OK"]
            : string.Join("；", Enum.GetValues<ArchiveProblems>()
                .Where(p => p != ArchiveProblems.None && problems.HasFlag(p))
                .Select(p => localizer["Archive." + p].Value));

    /// <summary>A row of the list: <see cref="Key"/> pages it, <see cref="LinkId"/> is the id its first cell links to.</summary>
    public sealed record DrillRow(int Key, int LinkId, IReadOnlyList<object?> Cells);

    private sealed record RequestRow(
        int Id, string Number, string? CustomerName, DateTime SubmittedAt, DateTime ResponseDueAt, DateTime? RespondedAt,
        DateTime CompletionDueAt, DateTime? CompletedAt, DateTime? FirstCompletedAt, DateTime? ClosedAt, int? Rating, int ReopenCount);

    /// <summary>How a KPI's list is counted (everything counted, the list shown) and read a page at a time.</summary>
    private sealed record Drill(
        Func<CancellationToken, Task<int>> CountAllAsync,
        Func<CancellationToken, Task<int>> CountListAsync,
        Func<int, int, CancellationToken, Task<List<DrillRow>>> LoadAsync)
    {
        public Task<int> CountAsync(CancellationToken cancellationToken) => CountListAsync(cancellationToken);
    }
}
