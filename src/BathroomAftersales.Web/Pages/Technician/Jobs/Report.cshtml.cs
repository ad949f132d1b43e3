using System.Globalization;
using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Catalog;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Files;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Identity;
using BathroomAftersales.Web.Infrastructure;
using BathroomAftersales.Web.Infrastructure.Files;
using BathroomAftersales.Web.Infrastructure.Notifications;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Technician.Jobs;

/// <summary>
/// 现场服务报告: the technician files the work report on site, on a phone. Prices come from the parts catalog and the
/// fee schedule of the service day (never from the form); who pays follows <see cref="PayerRule"/>. Filing completes
/// the request and tells the customer, in one save guarded by the request's version and the one-report-per-request
/// index, so a second tap never files twice.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class ReportModel(
    AppDbContext db,
    LocalClock clock,
    CurrentTechnician currentTechnician,
    PhotoStore photos,
    INotificationService notifier,
    IValidator<ReportModel.InputModel> validator,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int MaxPartLines = 10;
    public const int VisiblePartLines = 3;
    public const int MaxPhotos = 5;
    public const long MaxRequestBytes = ((2 * MaxPhotos) + 1) * (long)StoredFile.MaxBytes;

    public static readonly IReadOnlyList<FeeKind> FeeKinds = [FeeKind.OnSiteFee, FeeKind.RepairLabourFee, FeeKind.MaintenanceFee];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public List<IFormFile> PhotosBefore { get; set; } = [];

    [BindProperty]
    public List<IFormFile> PhotosAfter { get; set; } = [];

    public JobView Job { get; private set; } = null!;

    public ProductView? Product { get; private set; }

    public DateOnly ServiceDay { get; private set; }

    public IReadOnlyList<PartOption> Parts { get; private set; } = [];

    public IReadOnlyList<FeeOption> Fees { get; private set; } = [];

    /// <summary>
    /// A report is already on file: a rework visit after a reopen cannot file a second one until that case is decided
    /// (ADR 0015, one report per request).
    /// </summary>
    public bool ReportFiled { get; private set; }

    public bool IsOpen => Job.Status is RequestStatus.Scheduled or RequestStatus.InProgress && !ReportFiled;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input.Version = Job.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var technician = await currentTechnician.GetAsync(cancellationToken);
        var request = technician is null
            ? null
            : await db.ServiceRequests.FirstOrDefaultAsync(r => r.Id == id && r.TechnicianId == technician.Id, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        if (request.Status is not (RequestStatus.Scheduled or RequestStatus.InProgress)
            || await CurrentVisitReportedAsync(id, cancellationToken))
        {
            return await AlreadyFiledOrClosedAsync(id, cancellationToken);
        }

        await LoadAsync(id, cancellationToken);
        if (request.Version != Input.Version)
        {
            ModelState.AddModelError(string.Empty, localizer["This job has changed since you opened the page. Please check it and try again."]);
            ModelState.Remove("Input.Version");
            Input.Version = request.Version;
        }

        ModelState.AddValidationErrors(await validator.ValidateAsync(Input, cancellationToken));
        var lines = BuildLines();

        var before = Chosen(PhotosBefore);
        var after = Chosen(PhotosAfter);
        if (before.Count > MaxPhotos)
        {
            ModelState.AddModelError(nameof(PhotosBefore), localizer["You can attach at most {0} photos.", MaxPhotos]);
        }

        if (after.Count > MaxPhotos)
        {
            ModelState.AddModelError(nameof(PhotosAfter), localizer["You can attach at most {0} photos.", MaxPhotos]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var saved = new List<SavedPhoto>();
        try
        {
            var beforeIds = await SavePhotosAsync(before, nameof(PhotosBefore), saved, cancellationToken);
            var afterIds = await SavePhotosAsync(after, nameof(PhotosAfter), saved, cancellationToken);
            if (!ModelState.IsValid)
            {
                saved.ForEach(photos.Delete);
                return Page();
            }

            var now = clock.UtcNow;
            var product = request.CustomerProductId is { } productId
                ? await db.CustomerProducts.FirstAsync(p => p.Id == productId, cancellationToken)
                : null;
            var report = WorkReport.File(
                request,
                technician!.Id,
                ServiceDay,
                Input.WorkPerformed,
                Input.FaultCause!.Value,
                Input.RestoredToFactoryStandard,
                Input.CustomerConfirmationName,
                product,
                lines,
                beforeIds.Select(p => p.Id),
                afterIds.Select(p => p.Id),
                now);
            request.CompleteWithReport(report, new RequestActor(technician.UserId, technician.Name), now);
            foreach (var (file, photo) in beforeIds.Concat(afterIds).Select(p => (p.Id, p.Photo)))
            {
                var stored = new StoredFile(
                    file, request.CustomerId, FilePurpose.RequestPhoto, photo.StorageName, photo.ThumbnailName,
                    photo.ContentType, photo.Length, photo.Width, photo.Height, technician.UserId, now);
                stored.AttachToRequest(request.Id);
                db.StoredFiles.Add(stored);
            }

            db.WorkReports.Add(report);
            await notifier.RequestCompleted(request, cancellationToken);
            db.Entry(request).Property(r => r.Version).OriginalValue = Input.Version;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException exception)
        {
            saved.ForEach(photos.Delete);
            return await RedisplayAsync(id, localizer.Localize(exception), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            saved.ForEach(photos.Delete);
            return await RedisplayAsync(id, localizer["This job has changed since you opened the page. Please check it and try again."], cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two submits at once: the unique index on the report's request let only the first one in.
            saved.ForEach(photos.Delete);
            db.ChangeTracker.Clear();
            if (!await CurrentVisitReportedAsync(id, cancellationToken))
            {
                throw;
            }

            return await AlreadyFiledOrClosedAsync(id, cancellationToken);
        }

        TempData.SetStatusMessage(localizer["Work report filed. The job is completed and the customer has been told."]);
        return RedirectToPage("./Details", new { id });
    }

    /// <summary>The report of the current visit is filed: the first one, or after a reopen the rework visit's own.</summary>
    private Task<bool> CurrentVisitReportedAsync(int id, CancellationToken cancellationToken) =>
        db.WorkReports.AnyAsync(
            r => r.ServiceRequestId == id && db.ServiceRequests.Any(s => s.Id == id && s.ReopenCount == r.Round),
            cancellationToken);

    private async Task<IActionResult> AlreadyFiledOrClosedAsync(int id, CancellationToken cancellationToken)
    {
        if (await CurrentVisitReportedAsync(id, cancellationToken))
        {
            TempData.SetStatusMessage(localizer["The work report for this job has already been filed."]);
            return RedirectToPage("./Details", new { id });
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private static List<IFormFile> Chosen(List<IFormFile> files) =>
        files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();

    private async Task<List<(Guid Id, SavedPhoto Photo)>> SavePhotosAsync(
        List<IFormFile> files, string field, List<SavedPhoto> saved, CancellationToken cancellationToken)
    {
        var result = new List<(Guid, SavedPhoto)>();
        foreach (var file in files)
        {
            try
            {
                var photo = await photos.SaveAsync(file, cancellationToken);
                saved.Add(photo);
                result.Add((Guid.NewGuid(), photo));
            }
            catch (PhotoRejectedException rejected)
            {
                ModelState.AddModelError(field, PhotoMessages.For(rejected, localizer));
            }
        }

        return result;
    }

    /// <summary>
    /// The lines with the prices of the service day. A part not offered on the form (inactive, unpriced, or a forged id)
    /// and a fee without a price that day are errors on the form, not lines.
    /// </summary>
    private List<WorkReportLine> BuildLines()
    {
        var lines = new List<WorkReportLine>();
        for (var i = 0; i < Input.Parts.Count; i++)
        {
            var row = Input.Parts[i];
            if (row.PartId is not { } partId)
            {
                continue;
            }

            var part = Parts.FirstOrDefault(p => p.Id == partId);
            if (part is null)
            {
                ModelState.AddModelError($"Input.Parts[{i}].PartId", localizer["Please choose a part from the list."]);
                continue;
            }

            if (Product is { } product && !part.Fits)
            {
                ModelState.AddModelError(
                    $"Input.Parts[{i}].PartId",
                    localizer["{0} does not fit a {1}. Please choose a part for this product.", part.Name, localizer[product.Category.ToString()]]);
                continue;
            }

            if (row.Quantity is { } quantity && ModelState.IsValid)
            {
                lines.Add(WorkReportLine.Part(part.Id, part.Sku, part.Name, quantity, part.UnitPrice));
            }
        }

        for (var i = 0; i < Input.Fees.Count; i++)
        {
            var row = Input.Fees[i];
            if (row.Quantity is not { } quantity)
            {
                continue;
            }

            var fee = Fees.FirstOrDefault(f => f.Kind == row.Kind);
            if (fee?.UnitPrice is not { } price)
            {
                ModelState.AddModelError(
                    $"Input.Fees[{i}].Quantity",
                    localizer["There is no price for {0} on {1}. Please ask the service desk to set the fee schedule.", localizer[row.Kind.ToString()], LocalClock.Format(ServiceDay)]);
                continue;
            }

            if (ModelState.IsValid)
            {
                lines.Add(WorkReportLine.Fee(row.Kind, localizer[row.Kind.ToString()], quantity, price));
            }
        }

        return lines;
    }

    private async Task<IActionResult> RedisplayAsync(int id, string error, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
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

        var job = await db.ServiceRequests.AsNoTracking()
            .Where(r => r.Id == id && r.TechnicianId == technician.Id)
            .Select(r => new JobView(r.Id, r.Number, r.Status, r.CustomerProductId, r.Version))
            .FirstOrDefaultAsync(cancellationToken);
        if (job is null)
        {
            return false;
        }

        Job = job;
        ServiceDay = clock.Today;
        ReportFiled = await CurrentVisitReportedAsync(id, cancellationToken);
        if (!IsOpen)
        {
            return true;
        }

        if (job.ProductId is { } productId)
        {
            Product = await db.CustomerProducts.AsNoTracking()
                .Where(p => p.Id == productId)
                .Select(p => new ProductView(p.Model!.Name, p.Model.Category, p.PurchaseDate, p.WarrantyEndsOn, false))
                .FirstOrDefaultAsync(cancellationToken);
            if (Product is not null)
            {
                Product = Product with { InWarranty = CustomerProduct.IsInWarranty(Product.PurchaseDate, Product.WarrantyEndsOn, ServiceDay) };
            }
        }

        // The parts catalog is small (hundreds of rows at most): prices of the day and fit are decided here.
        var parts = await db.Parts.AsNoTracking().Include(p => p.Prices).Where(p => p.Active).ToListAsync(cancellationToken);
        Parts = [.. parts
            .Select(p => (Part: p, Price: p.PriceOn(ServiceDay)))
            .Where(p => p.Price is not null)
            .Select(p => new PartOption(p.Part.Id, p.Part.Sku, p.Part.Name, p.Price!.Value, Product is { } pr && p.Part.Fits.Contains(pr.Category)))
            .OrderByDescending(p => p.Fits).ThenBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Id)];

        var fees = new List<FeeOption>();
        foreach (var kind in FeeKinds)
        {
            var entry = await db.FeeScheduleEntries.PriceOnAsync(kind, ServiceDay, cancellationToken);
            fees.Add(new FeeOption(kind, entry?.Unit ?? FeeUnit.Flat, entry?.Amount));
        }

        Fees = fees;
        while (Input.Parts.Count < MaxPartLines)
        {
            Input.Parts.Add(new PartLineInput());
        }

        if (Input.Fees.Count == 0)
        {
            Input.Fees = [.. FeeKinds.Select(k => new FeeLineInput { Kind = k })];
        }

        return true;
    }


    public sealed record JobView(int Id, string Number, RequestStatus Status, int? ProductId, Guid Version);

    public sealed record ProductView(string ModelName, ProductCategory Category, DateOnly PurchaseDate, DateOnly WarrantyEndsOn, bool InWarranty);

    public sealed record PartOption(int Id, string Sku, string Name, decimal UnitPrice, bool Fits)
    {
        public string Label => string.Create(CultureInfo.InvariantCulture, $"{Name} ({Sku}) · ¥{UnitPrice:0.00}");
    }

    public sealed record FeeOption(FeeKind Kind, FeeUnit Unit, decimal? UnitPrice);

    public sealed class InputModel
    {
        public Guid Version { get; set; }

        public string WorkPerformed { get; set; } = string.Empty;

        public FaultCause? FaultCause { get; set; }

        public List<PartLineInput> Parts { get; set; } = [];

        public List<FeeLineInput> Fees { get; set; } = [];

        public bool RestoredToFactoryStandard { get; set; }

        public string CustomerConfirmationName { get; set; } = string.Empty;
    }

    public sealed class PartLineInput
    {
        public int? PartId { get; set; }

        public decimal? Quantity { get; set; }
    }

    public sealed class FeeLineInput
    {
        public FeeKind Kind { get; set; }

        /// <summary>Hours for a fee charged per hour; 1 for a flat fee (a ticked box); empty when not charged.</summary>
        public decimal? Quantity { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> localizer)
        {
            RuleFor(x => x.WorkPerformed)
                .NotEmpty().WithMessage(_ => localizer["Please describe the work performed."])
                .MaximumLength(WorkReport.WorkPerformedMaxLength).WithMessage(_ => localizer["The work performed can be at most {0} characters.", WorkReport.WorkPerformedMaxLength]);
            RuleFor(x => x.FaultCause)
                .NotNull().WithMessage(_ => localizer["Please choose the fault cause."])
                .IsInEnum().WithMessage(_ => localizer["Please choose the fault cause."]);
            RuleFor(x => x.Parts)
                .Must(parts => parts.Count(p => p.PartId is not null || p.Quantity is not null) <= MaxPartLines)
                .WithMessage(_ => localizer["A report can list at most {0} parts.", MaxPartLines]);
            RuleForEach(x => x.Parts).ChildRules(part =>
            {
                part.RuleFor(p => p.PartId)
                    .NotNull().When(p => p.Quantity is not null).WithMessage(_ => localizer["Please choose a part from the list."]);
                part.RuleFor(p => p.Quantity)
                    .NotNull().When(p => p.PartId is not null).WithMessage(_ => localizer["Please enter the quantity."]);
                part.RuleFor(p => p.Quantity!.Value)
                    .Must(BeAQuantity).When(p => p.Quantity is not null).OverridePropertyName("Quantity")
                    .WithMessage(_ => localizer["The quantity must be more than zero, at most 9999, with at most two decimal places."]);
            });
            RuleForEach(x => x.Fees).ChildRules(fee =>
            {
                fee.RuleFor(f => f.Kind).IsInEnum();
                fee.RuleFor(f => f.Quantity!.Value)
                    .Must(BeAQuantity).When(f => f.Quantity is not null).OverridePropertyName("Quantity")
                    .WithMessage(_ => localizer["The quantity must be more than zero, at most 9999, with at most two decimal places."]);
            });
            RuleFor(x => x.Fees)
                .Must(f => f.Select(x => x.Kind).Distinct().Count() == f.Count).WithMessage(_ => localizer["Each fee can be listed once."]);
            RuleFor(x => x.RestoredToFactoryStandard)
                .Equal(true).WithMessage(_ => localizer["Please confirm that the product is restored to the factory standard."]);
            RuleFor(x => x.CustomerConfirmationName)
                .NotEmpty().WithMessage(_ => localizer["Please ask the customer to type their name to confirm the work."])
                .MaximumLength(WorkReport.CustomerNameMaxLength).WithMessage(_ => localizer["The name can be at most {0} characters.", WorkReport.CustomerNameMaxLength]);
        }

        private static bool BeAQuantity(decimal quantity) =>
            quantity > 0 && quantity <= WorkReportLine.MaxQuantity && Domain.Billing.Money.HasAtMostTwoPlaces(quantity);
    }
}
