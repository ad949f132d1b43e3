using System.Security.Claims;
using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Identity;
using BathroomAftersales.Web.Infrastructure;
using BathroomAftersales.Web.Infrastructure.Notifications;
using BathroomAftersales.Web.Infrastructure.WorkReports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Staff.Requests;

/// <summary>
/// One request as the desk sees it: the customer's archive summary and service history, the product and its warranty,
/// the whole timeline with internal notes, and every action the desk takes on it, each a small form carrying the
/// version it was rendered from so that a change made meanwhile by someone else is never overwritten.
/// </summary>
public sealed class DetailsModel(
    AppDbContext db,
    LocalClock clock,
    ServiceLevelPolicy policy,
    INotificationService notifier,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int HistorySize = 10;
    public const int MinDurationHours = 1;
    public const int MaxDurationHours = 4;

    [BindProperty]
    public ActionInput Input { get; set; } = new();

    /// <summary>The day whose appointments the technician picker shows (Asia/Shanghai); today by default.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? Day { get; set; }

    public View Item { get; private set; } = null!;

    public CustomerSummary Customer { get; private set; } = null!;

    public ProductSummary? Product { get; private set; }

    public IReadOnlyList<HistoryRow> History { get; private set; } = [];

    public IReadOnlyList<TimelineRow> Timeline { get; private set; } = [];

    public IReadOnlyList<Guid> PhotoIds { get; private set; } = [];

    public IReadOnlyList<TechnicianChoice> TechnicianChoices { get; private set; } = [];

    /// <summary>The technician's filed report, shown as a card (<c>_WorkReport</c>); null until filed.</summary>
    public WorkReportView? WorkReport { get; private set; }

    public DateTime NowUtc { get; private set; }

    public DateOnly PickerDay { get; private set; }

    public bool CanAcknowledge => Item.Status == RequestStatus.Submitted;

    public bool CanDispatch => Item.Status is RequestStatus.Acknowledged or RequestStatus.Reopened or RequestStatus.Scheduled && Item.HasVisitAddress;

    public bool IsRedispatch => Item.Status == RequestStatus.Scheduled;

    public bool CanAnswerRemotely =>
        ServiceRequest.CanBeAnsweredRemotely(Item.Type) && Item.Status is RequestStatus.Submitted or RequestStatus.Acknowledged or RequestStatus.Reopened;

    public bool CanMarkDuplicate => Item.Status is RequestStatus.Submitted or RequestStatus.Acknowledged or RequestStatus.Reopened;

    public bool CanCancel => Item.Status is RequestStatus.Submitted or RequestStatus.Acknowledged or RequestStatus.Reopened or RequestStatus.Scheduled;

    public bool IsOpen => Item.Status is not (RequestStatus.Closed or RequestStatus.Cancelled);

    public bool CanReview => Item.Priority == RequestPriority.Emergency && Item.Status == RequestStatus.Completed && !Item.HasReview;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostAcknowledgeAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, async (request, actor, now) =>
        {
            request.Acknowledge(actor, now);
            await notifier.RequestAcknowledged(request, cancellationToken);
            return localizer["Request acknowledged. The response clock has stopped."].Value;
        }, cancellationToken);

    public Task<IActionResult> OnPostPriorityAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, (request, actor, now) =>
        {
            request.ChangePriority(Required(Input.Priority), Input.Reason!, policy, actor, now);
            return Done(localizer["Priority changed."]);
        }, cancellationToken);

    public Task<IActionResult> OnPostTypeAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, (request, actor, now) =>
        {
            request.ChangeType(Required(Input.Type), Input.Reason!, policy, actor, now);
            return Done(localizer["Type changed."]);
        }, cancellationToken);

    public Task<IActionResult> OnPostCommentAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, (request, actor, now) =>
        {
            request.AddComment(Input.Text ?? string.Empty, Input.VisibleToCustomer, actor, now);
            return Done(Input.VisibleToCustomer ? localizer["Message sent to the customer."] : localizer["Internal note added."]);
        }, cancellationToken);

    public Task<IActionResult> OnPostDuplicateAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, async (request, actor, now) =>
        {
            var number = (Input.OriginalNumber ?? string.Empty).Trim().ToUpperInvariant();
            var original = number.Length == 0
                ? null
                : await db.ServiceRequests.FirstOrDefaultAsync(r => r.Number == number, cancellationToken);
            if (original is null)
            {
                throw new DomainException("Staff.DuplicateNotFound", "There is no request with that number.");
            }

            request.MarkAsDuplicateOf(original, actor, now);
            return localizer["Marked as a duplicate of {0}.", original.Number].Value;
        }, cancellationToken);

    public Task<IActionResult> OnPostAnswerAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, async (request, actor, now) =>
        {
            request.AnswerRemotely(Input.Text ?? string.Empty, actor, now);
            await notifier.RequestCompleted(request, cancellationToken);
            return localizer["Answered remotely; the request is completed."].Value;
        }, cancellationToken);

    public Task<IActionResult> OnPostCancelAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, (request, actor, now) =>
        {
            request.Cancel(Input.Reason ?? string.Empty, byCustomer: false, actor, now);
            return Done(localizer["The request has been cancelled."]);
        }, cancellationToken);

    public Task<IActionResult> OnPostReviewAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, (request, actor, now) =>
        {
            request.RecordIncidentReview(Input.RootCause ?? string.Empty, Input.PreventiveMeasures ?? string.Empty, actor, now);
            return Done(localizer["Post-incident review recorded."]);
        }, cancellationToken);

    public Task<IActionResult> OnPostDispatchAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, async (request, actor, now) =>
        {
            if (Input.TechnicianId is not { } technicianId)
            {
                throw new DomainException("Staff.TechnicianRequired", "Please choose a technician.");
            }

            if (Input.AppointmentStart is not { } localStart)
            {
                throw new DomainException("Staff.AppointmentRequired", "Please choose the appointment start.");
            }

            if (Input.DurationHours is not (>= MinDurationHours and <= MaxDurationHours))
            {
                throw new DomainException("Staff.DurationOutOfRange", "The appointment lasts 1 to 4 hours.");
            }

            var technician = await db.Technicians.FirstOrDefaultAsync(t => t.Id == technicianId, cancellationToken)
                ?? throw new DomainException("Staff.TechnicianRequired", "Please choose a technician.");
            var start = clock.ToUtc(localStart);
            var end = start.AddHours(Input.DurationHours.Value);
            var clash = await db.ServiceRequests.AsNoTracking()
                .Where(r => r.TechnicianId == technicianId && r.Id != request.Id
                    && (r.Status == RequestStatus.Scheduled || r.Status == RequestStatus.InProgress)
                    && r.AppointmentStart < end && r.AppointmentEnd > start)
                .OrderBy(r => r.AppointmentStart)
                .Select(r => new { r.Number, r.AppointmentStart, r.AppointmentEnd })
                .FirstOrDefaultAsync(cancellationToken);
            if (clash is not null)
            {
                throw new DomainException(
                    "Staff.AppointmentOverlaps",
                    $"The technician already has request {clash.Number} at that time.",
                    clash.Number,
                    clock.Format(clash.AppointmentStart!.Value),
                    clock.Format(clash.AppointmentEnd!.Value));
            }

            var redispatch = request.Status == RequestStatus.Scheduled;
            request.Dispatch(technician, new AppointmentWindow(start, end), actor, now, Input.Reason);
            await notifier.RequestDispatched(request, technician.Name, cancellationToken);
            return redispatch
                ? localizer["Re-dispatched to {0}.", technician.Name].Value
                : localizer["Dispatched to {0}.", technician.Name].Value;
        }, cancellationToken);

    /// <summary>A manager changes who pays one line of the work report, with a reason that goes on the timeline.</summary>
    public Task<IActionResult> OnPostOverridePayerAsync(int id, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.Manager))
        {
            return Task.FromResult<IActionResult>(StatusCode(StatusCodes.Status403Forbidden));
        }

        return ActAsync(id, async (request, actor, now) =>
        {
            var report = await db.WorkReports.Include(r => r.Lines)
                .Where(r => r.ServiceRequestId == request.Id)
                .OrderByDescending(r => r.Round)
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new DomainException("WorkReport.LineNotFound", "The work report has no such line.");
            report.OverridePayer(request, Input.LineNumber ?? 0, Required(Input.Payer), Input.Reason ?? string.Empty, actor, now);
            return localizer["Line {0} is now paid by: {1}.", Input.LineNumber!.Value, localizer["Payer." + Input.Payer]].Value;
        }, cancellationToken);
    }

    private static Task<string> Done(string message) => Task.FromResult(message);

    private static T Required<T>(T? value)
        where T : struct =>
        value ?? throw new DomainException("Staff.ChoiceRequired", "Please make a choice.");

    /// <summary>
    /// Loads the request, refuses a form rendered from an older version (naming who changed it meanwhile), applies the
    /// action and saves with the form's version as the concurrency token: of two simultaneous changes one wins and the
    /// other is told, and nothing is half-written.
    /// </summary>
    private async Task<IActionResult> ActAsync(
        int id, Func<ServiceRequest, RequestActor, DateTime, Task<string>> apply, CancellationToken cancellationToken)
    {
        var request = await db.ServiceRequests.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        if (request.Version != Input.Version)
        {
            return await RedisplayAsync(id, await StaleMessageAsync(id, cancellationToken), cancellationToken);
        }

        try
        {
            var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
            var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
            var actor = new RequestActor(userId, string.IsNullOrWhiteSpace(name) ? User.Identity?.Name ?? "?" : name);
            var message = await apply(request, actor, clock.UtcNow);
            db.Entry(request).Property(r => r.Version).OriginalValue = Input.Version;
            await db.SaveChangesAsync(cancellationToken);
            TempData.SetStatusMessage(message);
            return RedirectToPage(new { id });
        }
        catch (DomainException exception)
        {
            return await RedisplayAsync(id, localizer.Localize(exception), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await RedisplayAsync(id, await StaleMessageAsync(id, cancellationToken), cancellationToken);
        }
    }

    private async Task<string> StaleMessageAsync(int id, CancellationToken cancellationToken)
    {
        var latest = await db.RequestEvents.AsNoTracking()
            .Where(e => e.ServiceRequestId == id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new { e.ActorName, e.At })
            .FirstOrDefaultAsync(cancellationToken);
        return latest is null
            ? localizer["This request has changed since you opened the page. Please check its status and try again."]
            : localizer["{0} changed this request at {1}, after you opened the page. Nothing was saved; please check and try again.", latest.ActorName, clock.Format(latest.At)];
    }

    private async Task<IActionResult> RedisplayAsync(int id, string error, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, error);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var request = await db.ServiceRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return false;
        }

        NowUtc = clock.UtcNow;
        var requestDay = DateOnly.FromDateTime(clock.ToLocal(request.SubmittedAt));
        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == request.CustomerId, cancellationToken);
        Customer = new CustomerSummary(customer.Id, customer.Name, customer.Kind.ToString(), customer.Mobile, customer.Landline, customer.Email, customer.Address?.ToString());
        Product = request.CustomerProductId is null
            ? null
            : await db.CustomerProducts.AsNoTracking()
                .Where(p => p.Id == request.CustomerProductId)
                .Select(p => new ProductSummary(p.Model!.Name, p.Model.Sku, p.Model.Category, p.SerialNumber, p.PurchaseDate, p.WarrantyEndsOn, false))
                .FirstOrDefaultAsync(cancellationToken);
        if (Product is not null)
        {
            Product = Product with { InWarranty = CustomerProduct.IsInWarranty(Product.PurchaseDate, Product.WarrantyEndsOn, requestDay) };
        }

        var technicianName = request.TechnicianId is null
            ? null
            : await db.Technicians.AsNoTracking().Where(t => t.Id == request.TechnicianId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
        var duplicateOf = request.DuplicateOfId is null
            ? null
            : await db.ServiceRequests.AsNoTracking().Where(r => r.Id == request.DuplicateOfId).Select(r => new { r.Id, r.Number }).FirstOrDefaultAsync(cancellationToken);

        Item = new View(
            request.Id,
            request.Number,
            request.Type,
            request.Channel,
            request.Priority,
            request.Status,
            request.Description,
            request.VisitAddress?.ToString(),
            request.VisitAddress?.District,
            request.SubmittedAt,
            request.ResponseDueAt,
            request.RespondedAt,
            request.CompletionDueAt,
            request.CompletedAt,
            request.TechnicianId,
            technicianName,
            request.AppointmentStart,
            request.AppointmentEnd,
            duplicateOf?.Id,
            duplicateOf?.Number,
            request.IncidentRootCause,
            request.IncidentPreventiveMeasures,
            request.IncidentReviewedBy,
            request.IncidentReviewedAt);
        Input.Version = request.Version;

        History = await db.ServiceRequests.AsNoTracking()
            .Where(r => r.CustomerId == request.CustomerId && r.Id != id)
            .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id)
            .Take(HistorySize)
            .Select(r => new HistoryRow(r.Id, r.Number, r.Type, r.Status, r.SubmittedAt))
            .ToListAsync(cancellationToken);
        Timeline = await db.RequestEvents.AsNoTracking()
            .Where(e => e.ServiceRequestId == id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new TimelineRow(e.Kind, e.At, e.ActorName, e.ToStatus, e.Note, e.VisibleToCustomer))
            .ToListAsync(cancellationToken);
        PhotoIds = await db.StoredFiles.AsNoTracking()
            .Where(f => f.ServiceRequestId == id && !db.Set<WorkReportPhoto>().Any(p => p.StoredFileId == f.Id))
            .OrderBy(f => f.UploadedAt)
            .Select(f => f.Id)
            .ToListAsync(cancellationToken);

        WorkReport = await WorkReportView.LoadAsync(db, id, cancellationToken);

        if (CanDispatch)
        {
            // A sensible first proposal: for an emergency the next full hour from now (clause 3.3: a technician at
            // once); otherwise tomorrow at 09:00 local time; or the day asked for in the picker.
            if (Input.AppointmentStart is null && Day is null && request.IsEmergency)
            {
                var local = clock.ToLocal(clock.UtcNow);
                Input.AppointmentStart = local.Date.AddHours(local.Hour + 1);
            }

            Input.AppointmentStart ??= (Day ?? clock.Today.AddDays(1)).ToDateTime(new TimeOnly(9, 0));
            await LoadTechniciansAsync(Product?.Category, request.VisitAddress?.District, cancellationToken);
        }

        return true;
    }

    /// <summary>Active technicians, best matches first: skill for the product, then the visit district, then fewer open jobs.</summary>
    private async Task LoadTechniciansAsync(ProductCategory? category, string? district, CancellationToken cancellationToken)
    {
        PickerDay = Day ?? (Input.AppointmentStart is { } start ? DateOnly.FromDateTime(start) : clock.Today);
        var dayStart = clock.ToUtc(PickerDay.ToDateTime(TimeOnly.MinValue));
        var dayEnd = clock.ToUtc(PickerDay.AddDays(1).ToDateTime(TimeOnly.MinValue));

        // The technician table is small (tens of people); their skill and district lists are compared here.
        var technicians = await db.Technicians.AsNoTracking().Where(t => t.Active).ToListAsync(cancellationToken);
        var openJobs = await db.ServiceRequests.AsNoTracking()
            .Where(r => r.TechnicianId != null && (r.Status == RequestStatus.Scheduled || r.Status == RequestStatus.InProgress))
            .GroupBy(r => r.TechnicianId)
            .Select(g => new { TechnicianId = g.Key!.Value, Count = g.Count() })
            .ToDictionaryAsync(x => x.TechnicianId, x => x.Count, cancellationToken);
        // The day's visits of these technicians: one seek per technician in (TechnicianId, AppointmentStart). Asked for
        // any technician instead, SQLite walked the index over every dispatched request (0.3 s at a million).
        var technicianIds = technicians.Select(t => (int?)t.Id).ToList();
        var appointments = await db.ServiceRequests.AsNoTracking()
            .Where(r => technicianIds.Contains(r.TechnicianId) && r.AppointmentStart >= dayStart && r.AppointmentStart < dayEnd
                && r.Status != RequestStatus.Cancelled)
            .OrderBy(r => r.AppointmentStart)
            .Select(r => new { TechnicianId = r.TechnicianId!.Value, Start = r.AppointmentStart!.Value, End = r.AppointmentEnd!.Value, r.Number })
            .ToListAsync(cancellationToken);

        TechnicianChoices = TechnicianRanking.BestFirst(technicians
            .Select(t => new TechnicianChoice(
                t.Id,
                t.Name,
                t.Skills,
                t.Districts,
                category is { } c && t.CanServe(c),
                district is not null && t.Covers(district),
                openJobs.GetValueOrDefault(t.Id),
                [.. appointments.Where(a => a.TechnicianId == t.Id).Select(a => new Appointment(a.Start, a.End, a.Number))])));
    }

    public sealed class ActionInput
    {
        public Guid Version { get; set; }

        public string? Reason { get; set; }

        public RequestPriority? Priority { get; set; }

        public RequestType? Type { get; set; }

        public string? Text { get; set; }

        public bool VisibleToCustomer { get; set; }

        public string? OriginalNumber { get; set; }

        public string? RootCause { get; set; }

        public string? PreventiveMeasures { get; set; }

        public int? TechnicianId { get; set; }

        /// <summary>Local (Asia/Shanghai) time from a datetime-local field.</summary>
        public DateTime? AppointmentStart { get; set; }

        public int? DurationHours { get; set; } = 2;

        public int? LineNumber { get; set; }

        public Payer? Payer { get; set; }
    }

    public sealed record View(
        int Id,
        string Number,
        RequestType Type,
        RequestChannel Channel,
        RequestPriority Priority,
        RequestStatus Status,
        string Description,
        string? VisitAddress,
        string? VisitDistrict,
        DateTime SubmittedAt,
        DateTime ResponseDueAt,
        DateTime? RespondedAt,
        DateTime CompletionDueAt,
        DateTime? CompletedAt,
        int? TechnicianId,
        string? TechnicianName,
        DateTime? AppointmentStart,
        DateTime? AppointmentEnd,
        int? DuplicateOfId,
        string? DuplicateOfNumber,
        string? RootCause,
        string? PreventiveMeasures,
        string? ReviewedBy,
        DateTime? ReviewedAt)
    {
        public bool HasVisitAddress => VisitAddress is not null;

        public bool HasReview => ReviewedAt is not null;
    }

    public sealed record CustomerSummary(int Id, string Name, string Kind, string? Mobile, string? Landline, string? Email, string? Address);

    public sealed record ProductSummary(
        string ModelName, string Sku, ProductCategory Category, string SerialNumber, DateOnly PurchaseDate, DateOnly WarrantyEndsOn, bool InWarranty);

    public sealed record HistoryRow(int Id, string Number, RequestType Type, RequestStatus Status, DateTime SubmittedAt);

    public sealed record TimelineRow(RequestEventKind Kind, DateTime At, string ActorName, RequestStatus? ToStatus, string? Note, bool VisibleToCustomer);

    public sealed record Appointment(DateTime Start, DateTime End, string Number);

    public sealed record TechnicianChoice(
        int Id,
        string Name,
        IReadOnlyList<ProductCategory> Skills,
        IReadOnlyList<string> Districts,
        bool SkillMatch,
        bool DistrictMatch,
        int OpenJobs,
        IReadOnlyList<Appointment> Appointments);
}
