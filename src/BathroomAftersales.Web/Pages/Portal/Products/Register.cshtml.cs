using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Files;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using BathroomAftersales.Web.Infrastructure.Files;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Portal.Products;

/// <summary>
/// 登记产品: model from the catalog, serial number, purchase date, proof of purchase and where it is installed. The
/// serial number is unique per model; a unit registered by someone else is refused without saying who has it.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class RegisterModel(
    AppDbContext db,
    CurrentCustomer currentCustomer,
    PhotoStore photos,
    LocalClock clock,
    IValidator<RegisterModel.InputModel> validator,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const long MaxRequestBytes = 2 * (long)StoredFile.MaxBytes;
    public const int SearchMaxLength = 60;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public IFormFile? ProofPhoto { get; set; }

    /// <summary>The catalog search (?q=), by name or SKU.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<ModelOption> Models { get; private set; } = [];

    public DateOnly Today => clock.Today;

    public async Task OnGetAsync(int? modelId, CancellationToken cancellationToken)
    {
        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);
        Input.ModelId = modelId;
        await LoadModelsAsync(cancellationToken);
        var profileAddress = await db.Customers.AsNoTracking()
            .Where(c => c.Id == customerId)
            .Select(c => c.Address)
            .SingleAsync(cancellationToken);
        Input.Address = AddressInput.From(profileAddress);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);

        // The validator is the one source of messages: the binder's own (an implicit "required" for every non-nullable
        // string, "not a valid value" for an unreadable date) are English only. Unreadable values arrive empty.
        ModelState.Clear();
        ModelState.AddValidationErrors(await validator.ValidateAsync(Input, cancellationToken));

        var model = Input.ModelId is { } modelId
            ? await db.ProductModels.FirstOrDefaultAsync(m => m.Id == modelId && !m.Discontinued, cancellationToken)
            : null;
        if (Input.ModelId is not null && model is null)
        {
            ModelState.AddModelError("Input.ModelId", localizer["Please choose a model from the list."]);
        }

        if (model is not null && !string.IsNullOrWhiteSpace(Input.SerialNumber))
        {
            await CheckSerialAsync(customerId, model.Id, cancellationToken);
        }

        if (!ModelState.IsValid || model is null)
        {
            await LoadModelsAsync(cancellationToken);
            return Page();
        }

        var today = clock.Today;
        CustomerProduct NewProduct() =>
            new(customerId, model, Input.SerialNumber, Input.PurchaseDate!.Value, Input.Address.ToAddress()!, today);
        try
        {
            // Checked once here for the message; each attempt of the save builds its own (see SaveAsync).
            _ = NewProduct();
        }
        catch (DomainException exception)
        {
            ModelState.AddDomainError(exception, localizer);
            await LoadModelsAsync(cancellationToken);
            return Page();
        }

        SavedPhoto? saved = null;
        if (ProofPhoto is { } upload && (upload.Length > 0 || !string.IsNullOrEmpty(upload.FileName)))
        {
            try
            {
                saved = await photos.SaveAsync(upload, cancellationToken);
            }
            catch (PhotoRejectedException rejected)
            {
                ModelState.AddModelError(nameof(ProofPhoto), PhotoMessages.For(rejected, localizer));
                await LoadModelsAsync(cancellationToken);
                return Page();
            }
        }

        var committed = false;
        try
        {
            var id = await SaveAsync(customerId, model, NewProduct, saved, cancellationToken);
            committed = true;
            TempData.SetStatusMessage(localizer["Product registered."]);
            return RedirectToPage("./Details", new { id });
        }
        catch (DbUpdateException)
        {
            // Two submissions of the same unit at once: the unique index (model, serial) let only the first one in.
            db.ChangeTracker.Clear();
            if (!await CheckSerialAsync(customerId, model.Id, cancellationToken))
            {
                throw;
            }

            await LoadModelsAsync(cancellationToken);
            return Page();
        }
        finally
        {
            // Nothing half-way: a photo without its product record is removed again.
            if (!committed && saved is not null)
            {
                photos.Delete(saved);
            }
        }
    }

    private async Task<int> SaveAsync(
        int customerId, ProductModel model, Func<CustomerProduct> newProduct, SavedPhoto? saved, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            // A retry after a transient fault starts from nothing: the product saved inside the rolled-back transaction
            // carries a key the database no longer has, so the product and its file record are built afresh each attempt.
            db.ChangeTracker.Clear();
            db.ProductModels.Attach(model);
            var product = newProduct();
            var file = saved is null
                ? null
                : new StoredFile(
                    Guid.NewGuid(), customerId, FilePurpose.ProofOfPurchase, saved.StorageName, saved.ThumbnailName,
                    saved.ContentType, saved.Length, saved.Width, saved.Height, currentCustomer.UserId, now);
            if (file is not null)
            {
                product.AttachProofOfPurchase(file.Id.ToString());
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.CustomerProducts.Add(product);
            await db.SaveChangesAsync(cancellationToken);
            if (file is not null)
            {
                file.AttachToProduct(product.Id);
                db.StoredFiles.Add(file);
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return product.Id;
        });
    }

    /// <summary>Adds the duplicate-serial message when this unit is already registered; whose it is stays unsaid.</summary>
    private async Task<bool> CheckSerialAsync(int customerId, int modelId, CancellationToken cancellationToken)
    {
        var serial = Input.SerialNumber.Trim().ToUpperInvariant();
        var owner = await db.CustomerProducts.AsNoTracking()
            .Where(p => p.ProductModelId == modelId && p.SerialNumber == serial)
            .Select(p => (int?)p.CustomerId)
            .FirstOrDefaultAsync(cancellationToken);
        if (owner is null)
        {
            return false;
        }

        ModelState.AddModelError("Input.SerialNumber", owner == customerId
            ? localizer["You have already registered this product."]
            : localizer["This serial number is already registered. Please contact customer service."]);
        return true;
    }

    private async Task LoadModelsAsync(CancellationToken cancellationToken)
    {
        var query = db.ProductModels.AsNoTracking().Where(m => !m.Discontinued);
        var search = Query?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            // SKUs are stored upper-case, so "s7" still finds TL-S7; names match as typed (they are mostly Chinese).
            var term = search.Length > SearchMaxLength ? search[..SearchMaxLength] : search;
            var upper = term.ToUpperInvariant();
            var chosen = Input.ModelId;
            query = query.Where(m => m.Name.Contains(term) || m.Sku.Contains(upper) || m.Id == chosen);
        }

        Models = await query
            .OrderBy(m => m.Category).ThenBy(m => m.Name).ThenBy(m => m.Id)
            .Select(m => new ModelOption(m.Id, m.Sku, m.Name, m.Category))
            .ToListAsync(cancellationToken);
    }

    public sealed record ModelOption(int Id, string Sku, string Name, ProductCategory Category);

    public sealed class InputModel
    {
        public int? ModelId { get; set; }

        public string SerialNumber { get; set; } = string.Empty;

        public DateOnly? PurchaseDate { get; set; }

        public AddressInput Address { get; set; } = new();
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        /// <summary>Older dates are typing mistakes (0202 for 2022), not bathroom products still worth registering.</summary>
        public static readonly DateOnly EarliestPurchaseDate = new(1990, 1, 1);

        public InputValidator(IStringLocalizer<SharedResource> localizer, LocalClock clock)
        {
            RuleFor(x => x.ModelId).NotNull().WithMessage(_ => localizer["Please choose a model from the list."]);
            RuleFor(x => x.SerialNumber)
                .NotEmpty().WithMessage(_ => localizer["Please enter the serial number."])
                .Must(s => s is null || s.Trim().Length <= CustomerProduct.SerialMaxLength)
                .WithMessage(_ => localizer["The serial number can be at most {0} characters.", CustomerProduct.SerialMaxLength]);
            RuleFor(x => x.PurchaseDate)
                .NotNull().WithMessage(_ => localizer["Please enter the purchase date."])
                .Must(d => d is null || d.Value <= clock.Today).WithMessage(_ => localizer["The purchase date cannot be in the future."])
                .Must(d => d is null || d.Value >= EarliestPurchaseDate).WithMessage(_ => localizer["Please check the purchase date."]);
            RuleFor(x => x.Address).SetValidator(new AddressInput.Validator(localizer));
        }
    }
}
