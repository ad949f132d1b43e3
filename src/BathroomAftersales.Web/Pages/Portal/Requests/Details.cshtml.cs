using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.Files;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using BathroomAftersales.Web.Infrastructure.Files;
using BathroomAftersales.Web.Infrastructure.WorkReports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Portal.Requests;

/// <summary>
/// One of my requests: where it stands, what happens next, the timeline, and the actions its state allows
/// (cancel, confirm and rate, reopen, add a message with photos). Another customer's request is simply not found.
/// </summary>
[RequestSizeLimit(NewModel.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = NewModel.MaxRequestBytes)]
public sealed class DetailsModel(
    AppDbContext db,
    CurrentCustomer currentCustomer,
    PhotoStore photos,
    LocalClock clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public ActionInput Input { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Photos { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public bool Submitted { get; set; }

    public View Item { get; private set; } = null!;

    /// <summary>The request's invoice, when one has been issued (not void).</summary>
    public InvoiceLink? Invoice { get; private set; }

    public IReadOnlyList<TimelineRow> Timeline { get; private set; } = [];

    public IReadOnlyList<Guid> PhotoIds { get; private set; } = [];

    /// <summary>The technician's report with who pays each line; null until filed.</summary>
    public WorkReportView? WorkReport { get; private set; }

    public CustomerActions Actions { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostCancelAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, CustomerActions.Cancel, (request, actor, now) =>
        {
            Require(Input.Reason, "Please give a reason.");
            request.Cancel(Input.Reason!, byCustomer: true, actor, now);
            return localizer["Your request has been cancelled."];
        }, cancellationToken);

    public Task<IActionResult> OnPostConfirmAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, CustomerActions.ConfirmAndRate, (request, actor, now) =>
        {
            if (Input.Rating is not (>= 1 and <= 5))
            {
                throw new DomainException("The rating must be between 1 and 5.");
            }

            request.ConfirmAndRate(Input.Rating.Value, Input.Comment, actor, now);

            // A low rating opens a follow-up for CRM, saved with the rating (clause 2.2(1)).
            if (FollowUp.ForRating(request, now) is { } followUp)
            {
                db.FollowUps.Add(followUp);
            }

            return localizer["Thank you for confirming and rating the service."];
        }, cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, CustomerActions.Reopen, (request, actor, now) =>
        {
            Require(Input.Reason, "Please give a reason.");
            request.Reopen(Input.Reason!, actor, now);
            return localizer["Your request has been reopened. Customer service will contact you."];
        }, cancellationToken);

    public async Task<IActionResult> OnPostMessageAsync(int id, CancellationToken cancellationToken)
    {
        // Ownership first: another customer's id gets 404 before any upload is even decoded.
        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);
        if (!await db.ServiceRequests.AnyAsync(r => r.Id == id && r.CustomerId == customerId, cancellationToken))
        {
            return NotFound();
        }

        var files = Photos.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (files.Count > NewModel.MaxPhotos)
        {
            return await RedisplayAsync(id, localizer["You can attach at most {0} photos.", NewModel.MaxPhotos], cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(Input.Message) && files.Count == 0)
        {
            return await RedisplayAsync(id, localizer["Please write a message or attach a photo."], cancellationToken);
        }

        var saved = new List<SavedPhoto>();
        foreach (var file in files)
        {
            try
            {
                saved.Add(await photos.SaveAsync(file, cancellationToken));
            }
            catch (PhotoRejectedException rejected)
            {
                saved.ForEach(photos.Delete);
                return await RedisplayAsync(id, PhotoMessages.For(rejected, localizer), cancellationToken);
            }
        }

        var result = await ActAsync(id, CustomerActions.AddMessage, (request, actor, now) =>
        {
            var text = string.IsNullOrWhiteSpace(Input.Message) ? localizer["(photos added)"].Value : Input.Message;
            request.AddComment(text, visibleToCustomer: true, actor, now);
            foreach (var photo in saved)
            {
                var file = new StoredFile(
                    Guid.NewGuid(), request.CustomerId, FilePurpose.RequestPhoto, photo.StorageName, photo.ThumbnailName,
                    photo.ContentType, photo.Length, photo.Width, photo.Height, currentCustomer.UserId, now);
                file.AttachToRequest(request.Id);
                db.StoredFiles.Add(file);
            }

            return localizer["Your message has been added."];
        }, cancellationToken);

        if (result is not RedirectToPageResult)
        {
            saved.ForEach(photos.Delete);
        }

        return result;
    }

    /// <summary>
    /// Loads my request, checks the action is still allowed (the form may be stale), applies it and saves with the
    /// version the form was rendered from, so a change made meanwhile is never overwritten.
    /// </summary>
    private async Task<IActionResult> ActAsync(int id, CustomerActions action, Func<ServiceRequest, RequestActor, DateTime, string> apply, CancellationToken cancellationToken)
    {
        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);
        var request = await db.ServiceRequests.FirstOrDefaultAsync(r => r.Id == id && r.CustomerId == customerId, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        var now = clock.UtcNow;
        if (request.Version != Input.Version || !request.AllowedCustomerActions(now).HasFlag(action))
        {
            return await RedisplayAsync(id, localizer["This request has changed since you opened the page. Please check its status and try again."], cancellationToken);
        }

        try
        {
            var customerName = await db.Customers.Where(c => c.Id == customerId).Select(c => c.Name).FirstAsync(cancellationToken);
            var message = apply(request, new RequestActor(currentCustomer.UserId, customerName), now);
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
            return await RedisplayAsync(id, localizer["This request has changed since you opened the page. Please check its status and try again."], cancellationToken);
        }
    }

    private async Task<IActionResult> RedisplayAsync(int id, string error, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, error);
        var reason = Input.Reason;
        var message = Input.Message;
        var comment = Input.Comment;
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input.Reason = reason;
        Input.Message = message;
        Input.Comment = comment;
        return Page();
    }

    private static void Require(string? value, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainException(message);
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);
        var request = await db.ServiceRequests.AsNoTracking()
            .Where(r => r.Id == id && r.CustomerId == customerId)
            .FirstOrDefaultAsync(cancellationToken);
        if (request is null)
        {
            return false;
        }

        WorkReport = await WorkReportView.LoadAsync(db, id, cancellationToken);
        var product = request.CustomerProductId is null
            ? null
            : await db.CustomerProducts.AsNoTracking()
                .Where(p => p.Id == request.CustomerProductId)
                .Select(p => new { p.Model!.Name, p.SerialNumber, p.PurchaseDate, p.WarrantyEndsOn })
                .FirstOrDefaultAsync(cancellationToken);
        var technician = request.TechnicianId is null
            ? null
            : await db.Technicians.AsNoTracking().Where(t => t.Id == request.TechnicianId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);

        // The warranty that matters is the one on the day of the request.
        var requestDay = DateOnly.FromDateTime(clock.ToLocal(request.SubmittedAt));
        Item = new View(
            request.Id,
            request.Number,
            request.Type,
            request.Priority,
            request.Status,
            request.Description,
            request.VisitAddress?.ToString(),
            request.PreferredVisitTimes,
            request.SubmittedAt,
            request.ResponseDueAt,
            request.RespondedAt,
            request.CompletionDueAt,
            request.CompletedAt,
            technician,
            request.AppointmentStart,
            request.AppointmentEnd,
            request.Rating,
            request.RatingComment,
            product?.Name,
            product?.SerialNumber,
            product is null ? null : CustomerProduct.IsInWarranty(product.PurchaseDate, product.WarrantyEndsOn, requestDay),
            product?.WarrantyEndsOn,
            await db.RequestEvents.AsNoTracking()
                .Where(e => e.ServiceRequestId == id
                    && (e.Kind == RequestEventKind.Completed || e.Kind == RequestEventKind.WorkReportFiled || e.Kind == RequestEventKind.AnsweredRemotely))
                .OrderByDescending(e => e.At)
                .Select(e => e.Note)
                .FirstOrDefaultAsync(cancellationToken));
        Actions = request.AllowedCustomerActions(clock.UtcNow);
        Input.Version = request.Version;

        Timeline = await db.RequestEvents.AsNoTracking()
            .Where(e => e.ServiceRequestId == id && e.VisibleToCustomer)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new TimelineRow(e.Kind, e.At, e.ActorName, e.ToStatus, e.Note))
            .ToListAsync(cancellationToken);
        PhotoIds = await db.StoredFiles.AsNoTracking()
            .Where(f => f.ServiceRequestId == id && f.CustomerId == customerId)
            .OrderBy(f => f.UploadedAt)
            .Select(f => f.Id)
            .ToListAsync(cancellationToken);
        Invoice = await db.Invoices.AsNoTracking()
            .Where(i => i.ServiceRequestId == id && i.CustomerId == customerId && i.Status != InvoiceStatus.Void)
            .Select(i => new InvoiceLink(i.Id, i.Number))
            .FirstOrDefaultAsync(cancellationToken);
        return true;
    }

    public sealed class ActionInput
    {
        public Guid Version { get; set; }

        public string? Reason { get; set; }

        public int? Rating { get; set; }

        public string? Comment { get; set; }

        public string? Message { get; set; }
    }

    public sealed record View(
        int Id,
        string Number,
        RequestType Type,
        RequestPriority Priority,
        RequestStatus Status,
        string Description,
        string? VisitAddress,
        PreferredVisitTimes PreferredTimes,
        DateTime SubmittedAt,
        DateTime ResponseDueAt,
        DateTime? RespondedAt,
        DateTime CompletionDueAt,
        DateTime? CompletedAt,
        string? TechnicianName,
        DateTime? AppointmentStart,
        DateTime? AppointmentEnd,
        int? Rating,
        string? RatingComment,
        string? ProductName,
        string? SerialNumber,
        bool? InWarranty,
        DateOnly? WarrantyEndsOn,
        string? WorkSummary);

    public sealed record TimelineRow(RequestEventKind Kind, DateTime At, string ActorName, RequestStatus? ToStatus, string? Note);

    public sealed record InvoiceLink(int Id, string Number);
}
