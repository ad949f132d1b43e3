using System.Globalization;
using System.Text.RegularExpressions;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure.Desk;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Pages.Staff.Requests;

/// <summary>
/// The desk's queue: every open request, emergencies first, then by the deadline that is still running (response
/// until staff respond, completion after), then by id. The request keeps that order in stored columns
/// (<see cref="ServiceRequest.QueueRank"/>, <see cref="ServiceRequest.QueueDueAt"/>) with an index to match, and the
/// page seeks by keyset on it, so it stays fast however many requests there are.
/// </summary>
[OutputCache(PolicyName = QueuePagePolicy.Name)]
public sealed partial class IndexModel(AppDbContext db, LocalClock clock, QueueSummaryCache summaries) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public RequestStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public RequestType? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public RequestPriority? Priority { get; set; }

    [BindProperty(SupportsGet = true)]
    public RequestChannel? Channel { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? TechnicianId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? District { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    /// <summary>Submitted on or after this day (Asia/Shanghai).</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    /// <summary>Submitted on or before this day (Asia/Shanghai).</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>Cursor "group-ticks-id" of the last row of the previous page.</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    private List<int>? _searchedCustomerIds;

    public DateTime NowUtc { get; private set; }

    public IReadOnlyList<QueueRow> Rows { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public IReadOnlyDictionary<RequestStatus, int> Counts { get; private set; } = new Dictionary<RequestStatus, int>();

    public int OpenEmergencies { get; private set; }

    public IReadOnlyList<QueueTechnician> Technicians { get; private set; } = [];

    public bool IsFirstPage => string.IsNullOrEmpty(After);

    public static IReadOnlyList<RequestStatus> OpenStatuses { get; } =
        [.. Enum.GetValues<RequestStatus>().Where(s => s is not (RequestStatus.Closed or RequestStatus.Cancelled))];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        NowUtc = now;
        var open = db.ServiceRequests.AsNoTracking().Where(r => r.QueueRank < ServiceRequest.QueueRankFinished);

        var summary = await summaries.GetAsync(db, cancellationToken);
        Counts = summary.Counts;
        OpenEmergencies = summary.OpenEmergencies;
        Technicians = summary.Technicians;

        // A whole mobile number names a customer: find them by the unique index first, then read their requests by
        // (CustomerId, QueueRank, QueueDueAt, Id) instead of testing every open request against the customers table.
        if (Q?.Trim() is { } search && PhoneNumbers.IsValidMobile(search))
        {
            var mobile = PhoneNumbers.NormalizeMobile(search);
            _searchedCustomerIds = await db.Customers.AsNoTracking().Where(c => c.Mobile == mobile).Select(c => c.Id).ToListAsync(cancellationToken);
        }

        var query = Filter(open, now);
        var rank = ServiceRequest.QueueRankEmergency;
        DateTime? due = null;
        var lastId = 0;
        if (!string.IsNullOrEmpty(After))
        {
            if (!TryParseCursor(After, out rank, out var cursorDue, out lastId))
            {
                return BadRequest();
            }

            due = cursorDue;
        }

        // One rank at a time, each read in the order of the (QueueRank, QueueDueAt, Id) index: emergencies first,
        // then the rest. A page that ends the emergencies continues with the first normal requests.
        var page = new List<QueueRow>(PageSize + 1);
        for (; rank <= ServiceRequest.QueueRankNormal && page.Count <= PageSize; rank++, due = null, lastId = 0)
        {
            page.AddRange(await ReadRankAsync(query, rank, due, lastId, PageSize + 1 - page.Count, cancellationToken));
        }

        Rows = page.Take(PageSize).ToList();
        if (page.Count > PageSize)
        {
            var last = Rows[^1];
            NextCursor = string.Create(
                CultureInfo.InvariantCulture,
                $"{(last.Priority == RequestPriority.Emergency ? ServiceRequest.QueueRankEmergency : ServiceRequest.QueueRankNormal)}-{last.DueAt.Ticks}-{last.Id}");
        }

        return Page();
    }

    private Task<List<QueueRow>> ReadRankAsync(
        IQueryable<ServiceRequest> query, int rank, DateTime? due, int lastId, int take, CancellationToken cancellationToken)
    {
        query = query.Where(r => r.QueueRank == rank);
        if (due is { } after)
        {
            query = query.Where(r => r.QueueDueAt >= after && (r.QueueDueAt > after || r.Id > lastId));
        }

        return (
                from r in query
                join c in db.Customers on r.CustomerId equals c.Id
                orderby r.QueueDueAt, r.Id
                select new QueueRow(
                    r.Id,
                    r.Number,
                    c.Name,
                    c.Mobile ?? c.Landline,
                    r.VisitAddress == null ? null : r.VisitAddress.District,
                    r.Type,
                    r.Priority,
                    r.Status,
                    db.Technicians.Where(t => t.Id == r.TechnicianId).Select(t => t.Name).FirstOrDefault(),
                    r.RespondedAt == null,
                    r.QueueDueAt,
                    r.CompletedAt != null))
            .Take(take)
            .ToListAsync(cancellationToken);
    }

    public int Count(RequestStatus status) => Counts.TryGetValue(status, out var count) ? count : 0;

    /// <summary>The current filters as query values, for the next-page link and the status counts.</summary>
    public Dictionary<string, string> FilterValues(string? after = null, RequestStatus? status = null, bool keepStatus = true)
    {
        var values = new Dictionary<string, string>();
        void Add(string key, object? value)
        {
            if (value is not null && !(value is string s && string.IsNullOrWhiteSpace(s)))
            {
                values[key] = Convert.ToString(value, CultureInfo.InvariantCulture)!;
            }
        }

        Add("status", status ?? (keepStatus ? Status : null));
        Add("type", Type);
        Add("priority", Priority);
        Add("channel", Channel);
        Add("technicianId", TechnicianId);
        Add("district", District);
        Add("overdue", Overdue ? "true" : null);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("q", Q);
        Add("after", after);
        return values;
    }

    private IQueryable<ServiceRequest> Filter(IQueryable<ServiceRequest> query, DateTime now)
    {
        if (Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (Type is { } type)
        {
            query = query.Where(r => r.Type == type);
        }

        if (Priority is { } priority)
        {
            query = query.Where(r => r.Priority == priority);
        }

        if (Channel is { } channel)
        {
            query = query.Where(r => r.Channel == channel);
        }

        if (TechnicianId is { } technicianId)
        {
            query = query.Where(r => r.TechnicianId == technicianId);
        }

        if (!string.IsNullOrWhiteSpace(District))
        {
            var district = District.Trim();
            query = query.Where(r => r.VisitAddress != null && r.VisitAddress.District == district);
        }

        if (Overdue)
        {
            query = query.Where(r =>
                (r.RespondedAt == null && r.ResponseDueAt < now) || (r.CompletedAt == null && r.CompletionDueAt < now));
        }

        if (From is { } from)
        {
            var fromUtc = clock.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(r => r.SubmittedAt >= fromUtc);
        }

        if (To is { } to)
        {
            var untilUtc = clock.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            query = query.Where(r => r.SubmittedAt < untilUtc);
        }

        if (_searchedCustomerIds is [var customerId])
        {
            query = query.Where(r => r.CustomerId == customerId);
        }
        else if (_searchedCustomerIds is { } customerIds)
        {
            query = query.Where(r => customerIds.Contains(r.CustomerId));
        }
        else if (Q?.Trim() is { } number && WholeRequestNumber().IsMatch(number))
        {
            // A whole request number is one request: the unique index on Number, not a substring test of every row.
            query = query.Where(r => r.Number == number);
        }
        else if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var digits = new string(q.Where(char.IsAsciiDigit).ToArray());
            var phone = digits.Length >= 4 ? digits : null;
            query = query.Where(r =>
                r.Number.Contains(q)
                || db.Customers.Any(c => c.Id == r.CustomerId
                    && (c.Name.Contains(q)
                        || (phone != null && ((c.Mobile != null && c.Mobile.Contains(phone)) || (c.Landline != null && c.Landline.Contains(q)))))));
        }

        return query;
    }

    private static bool TryParseCursor(string cursor, out int group, out DateTime due, out int id)
    {
        group = 0;
        due = default;
        id = 0;
        var parts = cursor.Split('-');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out group)
            || group is not (0 or 1)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out id)
            || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        due = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    [GeneratedRegex(@"^SR-\d{8}-\d{4,}$")]
    private static partial Regex WholeRequestNumber();

    /// <param name="AwaitingResponse">True when <paramref name="DueAt"/> is the response deadline, false for completion.</param>
    /// <param name="Done">The work is completed: no deadline of the desk's is running.</param>
    public sealed record QueueRow(
        int Id,
        string Number,
        string CustomerName,
        string? Phone,
        string? District,
        RequestType Type,
        RequestPriority Priority,
        RequestStatus Status,
        string? TechnicianName,
        bool AwaitingResponse,
        DateTime DueAt,
        bool Done);
}
