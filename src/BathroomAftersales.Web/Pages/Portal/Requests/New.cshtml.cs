using System.Linq.Expressions;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Files;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using BathroomAftersales.Web.Infrastructure.Files;
using BathroomAftersales.Web.Infrastructure.Notifications;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Portal.Requests;

/// <summary>
/// 报修: a customer reports a problem. Built for a phone with water on the floor: few fields, sensible defaults, the
/// emergency switch explained in plain words, and one request per form however often it is sent (idempotency key).
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class NewModel(
    AppDbContext db,
    CurrentCustomer currentCustomer,
    RequestNumberAllocator numbers,
    SqliteWriteGate writes,
    PhotoStore photos,
    ServiceLevelPolicy policy,
    LocalClock clock,
    INotificationService notifier,
    IValidator<NewModel.InputModel> validator,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int MaxPhotos = 5;
    public const long MaxRequestBytes = (MaxPhotos + 1) * (long)StoredFile.MaxBytes;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Photos { get; set; } = [];

    public IReadOnlyList<ProductOption> Products { get; private set; } = [];

    public Address? ProfileAddress { get; private set; }

    public string CustomerName { get; private set; } = string.Empty;

    public ServiceLevelPolicy Policy => policy;

    public async Task<IActionResult> OnGetAsync(int? productId, CancellationToken cancellationToken)
    {
        var customer = await LoadCustomerAsync(cancellationToken);
        await LoadProductsAsync(customer.Id, cancellationToken);
        Input.IdempotencyKey = Guid.NewGuid();
        var product = Products.FirstOrDefault(p => p.Id == productId);
        Input.ProductId = product?.Id;
        Input.Address = AddressInput.From(product?.Address ?? ProfileAddress);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // A resubmitted form (double click, back + send again) lands on the request it already created.
        var customer = await LoadCustomerAsync(cancellationToken);
        if (customer.Resubmitted is { } existing)
        {
            return RedirectToPage("./Details", new { id = existing });
        }

        ModelState.AddValidationErrors(await validator.ValidateAsync(Input, cancellationToken));
        ProductOption? product = null;
        if (Input.ProductId is { } chosen)
        {
            product = await ProductsOf(customer.Id).Where(p => p.Id == chosen).Select(ToOption).FirstOrDefaultAsync(cancellationToken);
            if (product is null)
            {
                ModelState.AddModelError("Input.ProductId", localizer["Please choose one of your registered products."]);
            }
        }

        var files = Photos.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (files.Count > MaxPhotos)
        {
            ModelState.AddModelError(nameof(Photos), localizer["You can attach at most {0} photos.", MaxPhotos]);
        }

        if (!ModelState.IsValid)
        {
            // A form without a usable key (tampered, or from an old page) gets a fresh one, so sending it again works.
            if (Input.IdempotencyKey == Guid.Empty)
            {
                ModelState.Remove("Input.IdempotencyKey");
                ModelState.AddModelError(string.Empty, localizer["The form has expired. Please open it again."]);
                Input.IdempotencyKey = Guid.NewGuid();
            }

            return await FormAgainAsync(customer.Id, cancellationToken);
        }

        var saved = new List<SavedPhoto>();
        try
        {
            foreach (var file in files)
            {
                try
                {
                    saved.Add(await photos.SaveAsync(file, cancellationToken));
                }
                catch (PhotoRejectedException rejected)
                {
                    ModelState.AddModelError(nameof(Photos), PhotoMessages.For(rejected, localizer));
                }
            }

            if (!ModelState.IsValid)
            {
                saved.ForEach(photos.Delete);
                return await FormAgainAsync(customer.Id, cancellationToken);
            }

            var id = await SubmitAsync(customer.Id, product, saved, cancellationToken);
            return RedirectToPage("./Details", new { id, submitted = true });
        }
        catch (DomainException exception)
        {
            saved.ForEach(photos.Delete);
            ModelState.AddDomainError(exception, localizer);
            return await FormAgainAsync(customer.Id, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same form arrived twice at once; the unique key let only the first one in.
            saved.ForEach(photos.Delete);
            var duplicate = (await LoadCustomerAsync(cancellationToken)).Resubmitted;
            if (duplicate is null)
            {
                throw;
            }

            return RedirectToPage("./Details", new { id = duplicate });
        }
    }

    private async Task<int> SubmitAsync(int customerId, ProductOption? product, List<SavedPhoto> saved, CancellationToken cancellationToken)
    {
        var number = await numbers.NextAsync(cancellationToken);
        var actorName = CustomerName;
        var now = clock.UtcNow;
        var preferredTimes = Input.PreferredTimes.Aggregate(PreferredVisitTimes.None, (all, one) => all | one);

        var strategy = db.Database.CreateExecutionStrategy();
        using var passage = await writes.EnterAsync(cancellationToken);
        return await strategy.ExecuteAsync(async () =>
        {
            // A retry after a transient fault starts from nothing: entities saved inside the rolled-back transaction must
            // not be taken for saved ones, or the request would be written again without its Submitted event.
            db.ChangeTracker.Clear();
            var request = ServiceRequest.Submit(
                number,
                customerId,
                product is null ? null : new RequestedProduct(product.Id, product.ModelId),
                Input.Type,
                RequestChannel.Web,
                Input.Emergency ? RequestPriority.Emergency : RequestPriority.Normal,
                Input.Description,
                Input.Address.ToAddress(),
                policy,
                new RequestActor(currentCustomer.UserId, actorName),
                now,
                Input.IdempotencyKey,
                preferredTimes);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.ServiceRequests.Add(request);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var photo in saved)
            {
                var file = new StoredFile(
                    Guid.NewGuid(), customerId, FilePurpose.RequestPhoto, photo.StorageName, photo.ThumbnailName,
                    photo.ContentType, photo.Length, photo.Width, photo.Height, currentCustomer.UserId, now);
                file.AttachToRequest(request.Id);
                db.StoredFiles.Add(file);
            }

            // The confirmation is queued in the same transaction: no request without it, no message without the request.
            await notifier.RequestReceived(request, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return request.Id;
        });
    }

    /// <summary>
    /// The signed-in customer's name and address for the form, and whether this form's key already made a request:
    /// one round trip on every view and every submission.
    /// </summary>
    private async Task<CustomerRow> LoadCustomerAsync(CancellationToken cancellationToken)
    {
        var userId = currentCustomer.UserId;
        var key = Input.IdempotencyKey;
        var customer = await db.Customers.AsNoTracking()
            .Where(c => c.UserId == userId)
            .Select(c => new CustomerRow(
                c.Id,
                c.Name,
                c.Address,
                db.ServiceRequests.Where(r => r.CustomerId == c.Id && r.IdempotencyKey == key).Select(r => (int?)r.Id).FirstOrDefault()))
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException("The signed-in customer has no customer record.");
        CustomerName = customer.Name;
        ProfileAddress = customer.Address;
        return customer;
    }

    private async Task<IActionResult> FormAgainAsync(int customerId, CancellationToken cancellationToken)
    {
        await LoadProductsAsync(customerId, cancellationToken);
        return Page();
    }

    private async Task LoadProductsAsync(int customerId, CancellationToken cancellationToken) =>
        Products = await ProductsOf(customerId)
            .OrderBy(p => p.Model!.Category).ThenBy(p => p.Model!.Name).ThenBy(p => p.Id)
            .Select(ToOption)
            .ToListAsync(cancellationToken);

    private IQueryable<CustomerProduct> ProductsOf(int customerId) =>
        db.CustomerProducts.AsNoTracking().Where(p => p.CustomerId == customerId);

    private Expression<Func<CustomerProduct, ProductOption>> ToOption
    {
        get
        {
            var today = clock.Today;
            return p => new ProductOption(
                p.Id, p.ProductModelId, p.Model!.Name, p.Model.Category.ToString(), p.SerialNumber, p.WarrantyEndsOn,
                CustomerProduct.IsInWarranty(p.PurchaseDate, p.WarrantyEndsOn, today), p.InstallationAddress);
        }
    }

    private sealed record CustomerRow(int Id, string Name, Address? Address, int? Resubmitted);

    public sealed record ProductOption(int Id, int ModelId, string Name, string Category, string SerialNumber, DateOnly WarrantyEndsOn, bool InWarranty, Address Address);

    public sealed class InputModel
    {
        public Guid IdempotencyKey { get; set; }

        public int? ProductId { get; set; }

        public RequestType Type { get; set; } = RequestType.Repair;

        public string Description { get; set; } = string.Empty;

        public bool Emergency { get; set; }

        public List<PreferredVisitTimes> PreferredTimes { get; set; } = [];

        public AddressInput Address { get; set; } = new();
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> localizer)
        {
            RuleFor(x => x.IdempotencyKey).NotEmpty().WithMessage(_ => localizer["The form has expired. Please open it again."]);
            RuleFor(x => x.Type).IsInEnum().WithMessage(_ => localizer["Please choose what you need."]);
            RuleFor(x => x.Description)
                .NotEmpty().WithMessage(_ => localizer["Please describe the problem."])
                .MaximumLength(ServiceRequest.DescriptionMaxLength).WithMessage(_ => localizer["The description can be at most {0} characters.", ServiceRequest.DescriptionMaxLength]);
            RuleForEach(x => x.PreferredTimes).IsInEnum().WithMessage(_ => localizer["Please choose from the listed times."]);

            // Remote-only types may leave the address empty; a visit needs all four parts.
            RuleFor(x => x.Address).SetValidator(new AddressInput.Validator(localizer))
                .When(x => !ServiceRequest.CanBeAnsweredRemotely(x.Type) || !x.Address.IsEmpty);
        }
    }
}
