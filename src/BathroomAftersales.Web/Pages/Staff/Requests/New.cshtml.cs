using System.Security.Claims;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using BathroomAftersales.Web.Infrastructure.Notifications;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Staff.Requests;

/// <summary>
/// 代客报修: the desk records a request for a customer who called or came by. Step one finds the customer by phone or
/// name, or creates the archive record (a phone that is already on file offers that customer instead of a duplicate);
/// step two is the portal's request form plus the channel, and a product can be registered on the spot. One request per
/// form however often it is sent (idempotency key).
/// </summary>
public sealed class NewModel(
    AppDbContext db,
    RequestNumberAllocator numbers,
    SqliteWriteGate writes,
    ServiceLevelPolicy policy,
    LocalClock clock,
    INotificationService notifier,
    IValidator<NewModel.InputModel> validator,
    IValidator<NewModel.CustomerInput> customerValidator,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int SearchMaxLength = 60;
    public const int MaxMatches = 20;

    public static readonly IReadOnlyList<RequestChannel> StaffChannels = [RequestChannel.Phone, RequestChannel.OnSite];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public CustomerInput NewCustomer { get; set; } = new();

    /// <summary>The customer search (?q=): phone digits or a name.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<CustomerMatch> Matches { get; private set; } = [];

    /// <summary>The customer already on file with the phone number typed into the new-customer form.</summary>
    public CustomerMatch? ExistingCustomer { get; private set; }

    /// <summary>The chosen customer (step two); null while searching (step one).</summary>
    public CustomerSummary? Customer { get; private set; }

    public IReadOnlyList<ProductOption> Products { get; private set; } = [];

    public IReadOnlyList<ModelOption> Models { get; private set; } = [];

    public ServiceLevelPolicy Policy => policy;

    public DateOnly Today => clock.Today;

    public async Task<IActionResult> OnGetAsync(int? customerId, CancellationToken cancellationToken)
    {
        if (customerId is not { } id)
        {
            await SearchAsync(cancellationToken);
            return Page();
        }

        if (!await LoadCustomerAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input.CustomerId = id;
        Input.IdempotencyKey = Guid.NewGuid();
        Input.Address = AddressInput.From(Customer!.Address);
        return Page();
    }

    /// <summary>Creates the archive record of a new customer, unless one of the phone numbers is already on file.</summary>
    public async Task<IActionResult> OnPostCustomerAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        ModelState.AddValidationErrors(await customerValidator.ValidateAsync(NewCustomer, cancellationToken), nameof(NewCustomer));
        if (!ModelState.IsValid || await OfferExistingAsync(cancellationToken))
        {
            await SearchAsync(cancellationToken);
            return Page();
        }

        try
        {
            var customer = new Domain.Customers.Customer(
                NewCustomer.Name.Trim(), NewCustomer.Kind, NewCustomer.Mobile, NewCustomer.Landline, NewCustomer.Email,
                NewCustomer.Address.ToAddress(), clock.UtcNow);
            db.Customers.Add(customer);
            await db.SaveChangesAsync(cancellationToken);
            TempData.SetStatusMessage(localizer["Customer record created for {0}.", customer.Name]);
            return RedirectToPage(new { customerId = customer.Id });
        }
        catch (DomainException exception)
        {
            ModelState.AddDomainError(exception, localizer);
        }
        catch (DbUpdateException)
        {
            // Another agent saved the same mobile number a moment ago: offer that record instead.
            db.ChangeTracker.Clear();
            if (!await OfferExistingAsync(cancellationToken))
            {
                throw;
            }
        }

        await SearchAsync(cancellationToken);
        return Page();
    }

    /// <summary>Records the request (and the product registered with it) for the chosen customer.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var customerId = Input.CustomerId;
        if (!await LoadCustomerAsync(customerId, cancellationToken))
        {
            return NotFound();
        }

        // A resubmitted form (double click, back + send again) lands on the request it already created.
        var existing = await FindByKeyAsync(customerId, cancellationToken);
        if (existing is not null)
        {
            return RedirectToPage("./Details", new { id = existing });
        }

        ModelState.AddValidationErrors(await validator.ValidateAsync(Input, cancellationToken));
        if (Input.RegisterProduct)
        {
            Input.ProductId = null;
        }
        else if (Input.ProductId is { } chosen && Products.All(p => p.Id != chosen))
        {
            ModelState.AddModelError("Input.ProductId", localizer["Please choose one of the customer's registered products."]);
        }

        ProductModel? model = null;
        if (Input.RegisterProduct && Input.ModelId is { } modelId)
        {
            model = await db.ProductModels.FirstOrDefaultAsync(m => m.Id == modelId && !m.Discontinued, cancellationToken);
            if (model is null)
            {
                ModelState.AddModelError("Input.ModelId", localizer["Please choose a model from the list."]);
            }
            else if (!string.IsNullOrWhiteSpace(Input.SerialNumber))
            {
                await CheckSerialAsync(customerId, model.Id, cancellationToken);
            }
        }

        if (!ModelState.IsValid)
        {
            if (Input.IdempotencyKey == Guid.Empty)
            {
                ModelState.Remove("Input.IdempotencyKey");
                ModelState.AddModelError(string.Empty, localizer["The form has expired. Please open it again."]);
                Input.IdempotencyKey = Guid.NewGuid();
            }

            return Page();
        }

        try
        {
            var (id, number) = await SubmitAsync(customerId, model, cancellationToken);
            TempData.SetStatusMessage(localizer["Request {0} recorded for {1}.", number, Customer!.Name]);
            return RedirectToPage("./Details", new { id });
        }
        catch (DomainException exception)
        {
            db.ChangeTracker.Clear();
            ModelState.AddDomainError(exception, localizer);
            return Page();
        }
        catch (DbUpdateException)
        {
            // The same form arrived twice at once, or the unit was registered meanwhile: the unique keys let one in.
            db.ChangeTracker.Clear();
            var duplicate = await FindByKeyAsync(customerId, cancellationToken);
            if (duplicate is not null)
            {
                return RedirectToPage("./Details", new { id = duplicate });
            }

            if (model is null || !await CheckSerialAsync(customerId, model.Id, cancellationToken))
            {
                throw;
            }

            return Page();
        }
    }

    private async Task<(int Id, string Number)> SubmitAsync(int customerId, ProductModel? model, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var today = clock.Today;
        var address = Input.Address.ToAddress();
        var number = await numbers.NextAsync(cancellationToken);
        var actor = await ActorAsync(cancellationToken);
        var priority = Input.Emergency ? RequestPriority.Emergency : RequestPriority.Normal;
        var times = Input.PreferredTimes.Aggregate(PreferredVisitTimes.None, (all, one) => all | one);

        var chosen = Products.FirstOrDefault(p => p.Id == Input.ProductId) is { } option
            ? new RequestedProduct(option.Id, option.ModelId)
            : (RequestedProduct?)null;
        var strategy = db.Database.CreateExecutionStrategy();
        using var passage = await writes.EnterAsync(cancellationToken);
        return await strategy.ExecuteAsync(async () =>
        {
            // A retry after a transient fault starts from nothing: the product saved inside the rolled-back transaction
            // carries a key the database no longer has, so both entities are built afresh for each attempt.
            db.ChangeTracker.Clear();

            // A refused request rolls back the product registered with it: the transaction is never committed.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var requested = chosen;
            if (model is not null)
            {
                db.ProductModels.Attach(model);
                var product = new CustomerProduct(customerId, model, Input.SerialNumber!.Trim(), Input.PurchaseDate!.Value, address!, today);
                db.CustomerProducts.Add(product);
                await db.SaveChangesAsync(cancellationToken);
                requested = RequestedProduct.Of(product);
            }

            var saved = ServiceRequest.Submit(
                number, customerId, requested, Input.Type, Input.Channel, priority, Input.Description, address,
                policy, actor, now, Input.IdempotencyKey, times);
            db.ServiceRequests.Add(saved);
            await db.SaveChangesAsync(cancellationToken);

            // The confirmation is queued in the same transaction: no request without it, no message without the request.
            await notifier.RequestReceived(saved, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (saved.Id, saved.Number);
        });
    }

    private async Task<RequestActor> ActorAsync(CancellationToken cancellationToken)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        return new RequestActor(userId, string.IsNullOrWhiteSpace(name) ? User.Identity?.Name ?? "?" : name);
    }

    private async Task<int?> FindByKeyAsync(int customerId, CancellationToken cancellationToken) =>
        await db.ServiceRequests.AsNoTracking()
            .Where(r => r.CustomerId == customerId && r.IdempotencyKey == Input.IdempotencyKey)
            .Select(r => (int?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Adds the duplicate-serial message when this unit is already registered.</summary>
    private async Task<bool> CheckSerialAsync(int customerId, int modelId, CancellationToken cancellationToken)
    {
        var serial = (Input.SerialNumber ?? string.Empty).Trim().ToUpperInvariant();
        var owner = await db.CustomerProducts.AsNoTracking()
            .Where(p => p.ProductModelId == modelId && p.SerialNumber == serial)
            .Select(p => (int?)p.CustomerId)
            .FirstOrDefaultAsync(cancellationToken);
        if (owner is null)
        {
            return false;
        }

        ModelState.AddModelError("Input.SerialNumber", owner == customerId
            ? localizer["This customer has already registered this product; choose it from the list."]
            : localizer["This serial number is already registered to another customer."]);
        return true;
    }

    /// <summary>When the mobile (or landline) of the new-customer form is on file, names that customer and says so.</summary>
    private async Task<bool> OfferExistingAsync(CancellationToken cancellationToken)
    {
        var mobile = string.IsNullOrWhiteSpace(NewCustomer.Mobile) ? null : PhoneNumbers.NormalizeMobile(NewCustomer.Mobile);
        if (mobile is not null)
        {
            ExistingCustomer = await FirstMatchAsync(db.Customers.Where(c => c.Mobile == mobile), cancellationToken);
            if (ExistingCustomer is not null)
            {
                ModelState.AddModelError("NewCustomer.Mobile", localizer["This mobile number already has a customer record."]);
                return true;
            }
        }

        var landline = string.IsNullOrWhiteSpace(NewCustomer.Landline) ? null : NewCustomer.Landline.Trim().Replace("-", string.Empty, StringComparison.Ordinal);
        if (landline is not null)
        {
            ExistingCustomer = await FirstMatchAsync(db.Customers.Where(c => c.Landline != null && c.Landline.Replace("-", "") == landline), cancellationToken);
            if (ExistingCustomer is not null)
            {
                ModelState.AddModelError("NewCustomer.Landline", localizer["This landline number already has a customer record."]);
                return true;
            }
        }

        return false;
    }

    private static Task<CustomerMatch?> FirstMatchAsync(IQueryable<Domain.Customers.Customer> customers, CancellationToken cancellationToken) =>
        customers.AsNoTracking()
            .OrderBy(c => c.Id)
            .Select(c => new CustomerMatch(c.Id, c.Name, c.Kind, c.Mobile, c.Landline, c.Address == null ? null : c.Address.District))
            .FirstOrDefaultAsync(cancellationToken);

    private async Task SearchAsync(CancellationToken cancellationToken)
    {
        var search = Query?.Trim();
        if (string.IsNullOrEmpty(search))
        {
            return;
        }

        var term = search.Length > SearchMaxLength ? search[..SearchMaxLength] : search;
        var digits = PhoneNumbers.NormalizeMobile(term);
        var query = db.Customers.AsNoTracking();
        query = digits.Length >= 3 && digits.All(char.IsAsciiDigit)
            ? query.Where(c => (c.Mobile != null && c.Mobile.Contains(digits))
                || (c.Landline != null && c.Landline.Replace("-", "").Contains(digits)))
            : query.Where(c => c.Name.Contains(term));
        Matches = await query
            .OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Take(MaxMatches)
            .Select(c => new CustomerMatch(c.Id, c.Name, c.Kind, c.Mobile, c.Landline, c.Address == null ? null : c.Address.District))
            .ToListAsync(cancellationToken);
    }

    private async Task<bool> LoadCustomerAsync(int customerId, CancellationToken cancellationToken)
    {
        Customer = await db.Customers.AsNoTracking()
            .Where(c => c.Id == customerId)
            .Select(c => new CustomerSummary(c.Id, c.Name, c.Kind, c.Mobile, c.Landline, c.Address))
            .FirstOrDefaultAsync(cancellationToken);
        if (Customer is null)
        {
            return false;
        }

        var today = clock.Today;
        var rows = await db.CustomerProducts.AsNoTracking()
            .Where(p => p.CustomerId == customerId)
            .OrderBy(p => p.Model!.Category).ThenBy(p => p.Model!.Name).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.ProductModelId, p.Model!.Name, p.Model.Category, p.SerialNumber, p.PurchaseDate, p.WarrantyEndsOn, p.InstallationAddress })
            .ToListAsync(cancellationToken);
        Products = [.. rows.Select(p => new ProductOption(
            p.Id, p.ProductModelId, p.Name, p.Category.ToString(), p.SerialNumber, p.WarrantyEndsOn,
            CustomerProduct.IsInWarranty(p.PurchaseDate, p.WarrantyEndsOn, today), p.InstallationAddress))];
        Models = await db.ProductModels.AsNoTracking()
            .Where(m => !m.Discontinued)
            .OrderBy(m => m.Category).ThenBy(m => m.Name).ThenBy(m => m.Id)
            .Select(m => new ModelOption(m.Id, m.Sku, m.Name, m.Category))
            .ToListAsync(cancellationToken);
        return true;
    }

    public sealed record CustomerMatch(int Id, string Name, CustomerKind Kind, string? Mobile, string? Landline, string? District);

    public sealed record CustomerSummary(int Id, string Name, CustomerKind Kind, string? Mobile, string? Landline, Address? Address);

    public sealed record ProductOption(int Id, int ModelId, string Name, string Category, string SerialNumber, DateOnly WarrantyEndsOn, bool InWarranty, Address Address);

    public sealed record ModelOption(int Id, string Sku, string Name, ProductCategory Category);

    public sealed class CustomerInput
    {
        public string Name { get; set; } = string.Empty;

        public CustomerKind Kind { get; set; } = CustomerKind.Individual;

        public string? Mobile { get; set; }

        public string? Landline { get; set; }

        public string? Email { get; set; }

        public AddressInput Address { get; set; } = new();
    }

    public sealed class InputModel
    {
        public Guid IdempotencyKey { get; set; }

        public int CustomerId { get; set; }

        public RequestChannel Channel { get; set; } = RequestChannel.Phone;

        public int? ProductId { get; set; }

        /// <summary>Register a product now (model, serial, purchase date) instead of choosing a registered one.</summary>
        public bool RegisterProduct { get; set; }

        public int? ModelId { get; set; }

        public string? SerialNumber { get; set; }

        public DateOnly? PurchaseDate { get; set; }

        public RequestType Type { get; set; } = RequestType.Repair;

        public string Description { get; set; } = string.Empty;

        public bool Emergency { get; set; }

        public List<PreferredVisitTimes> PreferredTimes { get; set; } = [];

        public AddressInput Address { get; set; } = new();
    }

    public sealed class CustomerValidator : AbstractValidator<CustomerInput>
    {
        public CustomerValidator(IStringLocalizer<SharedResource> localizer)
        {
            RuleFor(x => x.Name)
                .NotEmpty().WithMessage(_ => localizer["Please enter the customer's name."])
                .Must(n => n is null || n.Trim().Length <= Domain.Customers.Customer.NameMaxLength)
                .WithMessage(_ => localizer["The name can be at most {0} characters.", Domain.Customers.Customer.NameMaxLength]);
            RuleFor(x => x.Kind).IsInEnum().WithMessage(_ => localizer["Please make a choice."]);
            RuleFor(x => x.Mobile)
                .Must(PhoneNumbers.IsValidMobile).WithMessage(_ => localizer["Please enter a valid 11-digit mobile number, e.g. 13812345678."])
                .When(x => !string.IsNullOrWhiteSpace(x.Mobile));
            RuleFor(x => x.Mobile)
                .NotEmpty().WithMessage(_ => localizer["Please enter a mobile or a landline number."])
                .When(x => string.IsNullOrWhiteSpace(x.Landline));
            RuleFor(x => x.Landline)
                .Must(PhoneNumbers.IsValidLandline).WithMessage(_ => localizer["Please enter the landline with its area code, e.g. 021-12345678."])
                .When(x => !string.IsNullOrWhiteSpace(x.Landline));
            RuleFor(x => x.Email)
                .Must(e => e is null || e.Trim().Length <= Domain.Customers.Customer.EmailMaxLength).WithMessage(_ => localizer["Please enter a valid email address."])
                .EmailAddress().WithMessage(_ => localizer["Please enter a valid email address."])
                .When(x => !string.IsNullOrWhiteSpace(x.Email));

            // The address is optional as a whole, but a half address cannot be visited.
            RuleFor(x => x.Address).SetValidator(new AddressInput.Validator(localizer)).When(x => !x.Address.IsEmpty);
        }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        /// <summary>Older dates are typing mistakes (0202 for 2022), not bathroom products still worth registering.</summary>
        public static readonly DateOnly EarliestPurchaseDate = new(1990, 1, 1);

        public InputValidator(IStringLocalizer<SharedResource> localizer, LocalClock clock)
        {
            RuleFor(x => x.IdempotencyKey).NotEmpty().WithMessage(_ => localizer["The form has expired. Please open it again."]);
            RuleFor(x => x.Channel).Must(c => StaffChannels.Contains(c)).WithMessage(_ => localizer["Please choose how the customer contacted us."]);
            RuleFor(x => x.Type).IsInEnum().WithMessage(_ => localizer["Please choose what you need."]);
            RuleFor(x => x.Description)
                .NotEmpty().WithMessage(_ => localizer["Please describe the problem."])
                .MaximumLength(ServiceRequest.DescriptionMaxLength).WithMessage(_ => localizer["The description can be at most {0} characters.", ServiceRequest.DescriptionMaxLength]);
            RuleForEach(x => x.PreferredTimes).IsInEnum().WithMessage(_ => localizer["Please choose from the listed times."]);

            When(x => x.RegisterProduct, () =>
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
            });

            // Remote-only types may leave the address empty; a visit, and a product registered now, need all four parts.
            RuleFor(x => x.Address).SetValidator(new AddressInput.Validator(localizer))
                .When(x => x.RegisterProduct || !ServiceRequest.CanBeAnsweredRemotely(x.Type) || !x.Address.IsEmpty);
        }
    }
}
