using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Identity;
using BathroomAftersales.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Technician.Jobs;

/// <summary>
/// One job as its technician sees it on site: the customer's name, phone and address only while the job is open
/// (scheduled or under way), the product with its warranty state and service history, the problem and its photos,
/// and the next step (start the visit, then file the work report). Another technician's job is a 404.
/// </summary>
public sealed class DetailsModel(
    AppDbContext db,
    LocalClock clock,
    CurrentTechnician currentTechnician,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int HistorySize = 10;

    [BindProperty]
    public Guid Version { get; set; }

    public JobView Job { get; private set; } = null!;

    /// <summary>Name, phone and address of the customer; null once the job is no longer open.</summary>
    public Contact? CustomerContact { get; private set; }

    public ProductView? Product { get; private set; }

    public IReadOnlyList<HistoryRow> ProductHistory { get; private set; } = [];

    public IReadOnlyList<Guid> PhotoIds { get; private set; } = [];

    public DateTime NowUtc { get; private set; }

    public bool IsOpen => Job.Status is RequestStatus.Scheduled or RequestStatus.InProgress;

    public bool CanStartVisit => Job.Status == RequestStatus.Scheduled;

    public bool CanFileReport => Job.Status == RequestStatus.InProgress;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostStartVisitAsync(int id, CancellationToken cancellationToken)
    {
        var technician = await currentTechnician.GetAsync(cancellationToken);
        var request = technician is null
            ? null
            : await db.ServiceRequests.FirstOrDefaultAsync(r => r.Id == id && r.TechnicianId == technician.Id, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        if (request.Version != Version)
        {
            return await RedisplayAsync(id, localizer["This job has changed since you opened the page. Please check it and try again."], cancellationToken);
        }

        try
        {
            request.StartVisit(new RequestActor(technician!.UserId, technician.Name), clock.UtcNow);
            db.Entry(request).Property(r => r.Version).OriginalValue = Version;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException e)
        {
            return await RedisplayAsync(id, localizer.Localize(e), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await RedisplayAsync(id, localizer["This job has changed since you opened the page. Please check it and try again."], cancellationToken);
        }

        TempData.SetStatusMessage(localizer["Visit started. File the work report when the work is done."]);
        return RedirectToPage(new { id });
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
        var technician = await currentTechnician.GetAsync(cancellationToken);
        if (technician is null)
        {
            return false;
        }

        var request = await db.ServiceRequests.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == id && r.TechnicianId == technician.Id, cancellationToken);
        if (request is null)
        {
            return false;
        }

        NowUtc = clock.UtcNow;
        Version = request.Version;
        Job = new JobView(
            request.Id,
            request.Number,
            request.Type,
            request.Priority,
            request.Status,
            request.Description,
            request.AppointmentStart,
            request.AppointmentEnd,
            request.CompletionDueAt,
            request.CompletedAt);

        if (IsOpen)
        {
            CustomerContact = await db.Customers.AsNoTracking()
                .Where(c => c.Id == request.CustomerId)
                .Select(c => new Contact(c.Name, c.Mobile ?? c.Landline, null))
                .FirstAsync(cancellationToken);
            CustomerContact = CustomerContact with { Address = request.VisitAddress?.ToString() };
        }

        if (request.CustomerProductId is { } productId)
        {
            var serviceDay = clock.Today;
            Product = await db.CustomerProducts.AsNoTracking()
                .Where(p => p.Id == productId)
                .Select(p => new ProductView(p.Model!.Name, p.Model.Sku, p.Model.Category, p.SerialNumber, p.PurchaseDate, p.WarrantyEndsOn, false))
                .FirstOrDefaultAsync(cancellationToken);
            if (Product is not null)
            {
                Product = Product with { InWarranty = CustomerProduct.IsInWarranty(Product.PurchaseDate, Product.WarrantyEndsOn, serviceDay) };
            }

            ProductHistory = await db.ServiceRequests.AsNoTracking()
                .Where(r => r.CustomerProductId == productId && r.Id != id)
                .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id)
                .Take(HistorySize)
                .Select(r => new HistoryRow(r.Number, r.Type, r.Status, r.SubmittedAt, r.CompletedAt))
                .ToListAsync(cancellationToken);
        }

        PhotoIds = await db.StoredFiles.AsNoTracking()
            .Where(f => f.ServiceRequestId == id && !db.Set<WorkReportPhoto>().Any(p => p.StoredFileId == f.Id))
            .OrderBy(f => f.UploadedAt)
            .Select(f => f.Id)
            .ToListAsync(cancellationToken);
        return true;
    }


    public sealed record JobView(
        int Id,
        string Number,
        RequestType Type,
        RequestPriority Priority,
        RequestStatus Status,
        string Description,
        DateTime? AppointmentStart,
        DateTime? AppointmentEnd,
        DateTime CompletionDueAt,
        DateTime? CompletedAt);

    public sealed record Contact(string Name, string? Phone, string? Address);

    public sealed record ProductView(
        string ModelName,
        string Sku,
        ProductCategory Category,
        string SerialNumber,
        DateOnly PurchaseDate,
        DateOnly WarrantyEndsOn,
        bool InWarranty);

    public sealed record HistoryRow(string Number, RequestType Type, RequestStatus Status, DateTime SubmittedAt, DateTime? CompletedAt);
}
