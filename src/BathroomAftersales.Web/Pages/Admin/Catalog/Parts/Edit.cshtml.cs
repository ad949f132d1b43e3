using BathroomAftersales.Domain.Catalog;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Admin.Catalog.Parts;

/// <summary>
/// A new part (no id) or an existing one (Manager, Admin). A new price is added to the part's price history from a chosen
/// day (today by default, in the app's time zone); work reports already filed keep the price they copied.
/// </summary>
public sealed class EditModel(
    AppDbContext db,
    LocalClock clock,
    IValidator<EditModel.InputModel> validator,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The stored SKU when editing; null on the create form.</summary>
    public string? Sku { get; private set; }

    /// <summary>The price history, newest first, with the price in force today marked.</summary>
    public IReadOnlyList<PriceRow> Prices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            Input = new InputModel { Active = true, PriceEffectiveFrom = clock.Today };
            return Page();
        }

        var part = await db.Parts.AsNoTracking().Include(p => p.Prices).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (part is null)
        {
            return NotFound();
        }

        Show(part);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        Part? part = null;
        if (id is not null)
        {
            part = await db.Parts.Include(p => p.Prices).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (part is null)
            {
                return NotFound();
            }

            ShowHistory(part);
        }

        Input.Creating = part is null;
        Input.Today = today;
        ModelState.AddValidationErrors(await validator.ValidateAsync(Input, cancellationToken));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            if (part is null)
            {
                var sku = SkuCode.Normalize(Input.Sku);
                if (await db.Parts.AnyAsync(p => p.Sku == sku, cancellationToken))
                {
                    return DuplicateSku(sku);
                }

                // A new part's first price applies from today: it has no past to protect yet.
                part = new Part(sku, Input.Name, Input.Fits, Input.UnitPrice, today);
                db.Parts.Add(part);
            }
            else
            {
                part.Rename(Input.Name);
                part.ChangeFits(Input.Fits);
                if (part.PriceOn(Input.PriceEffectiveFrom) != Input.UnitPrice)
                {
                    part.ChangePrice(Input.UnitPrice, Input.PriceEffectiveFrom, today);
                }

                // Every save of the form counts as a change of the part, a new price included, so a stale form is refused.
                var version = db.Entry(part).Property(p => p.Version);
                version.OriginalValue = Input.Version;
                version.IsModified = true;
            }

            if (Input.Active)
            {
                part.Activate();
            }
            else
            {
                part.Deactivate();
            }
        }
        catch (DomainException exception)
        {
            ModelState.AddDomainError(exception, localizer);
            return Page();
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(part.Id, cancellationToken);
        }
        catch (DbUpdateException) when (id is null)
        {
            // Another user created the same SKU between the check and the save: the unique index answered.
            return DuplicateSku(part.Sku);
        }

        TempData.SetStatusMessage(localizer["The part {0} has been saved.", part.Sku]);
        return RedirectToPage("./Index");
    }

    private PageResult DuplicateSku(string sku)
    {
        ModelState.AddModelError("Input.Sku", localizer["A part with SKU {0} already exists.", sku]);
        return Page();
    }

    private async Task<IActionResult> ConflictAsync(int id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var current = await db.Parts.AsNoTracking().Include(p => p.Prices).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (current is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        Show(current);
        ModelState.AddModelError(string.Empty, localizer["This record was changed meanwhile. Please review and save again."]);
        return Page();
    }

    private void Show(Part part)
    {
        var today = clock.Today;
        ShowHistory(part);
        Input = new InputModel
        {
            Name = part.Name,
            Fits = [.. part.Fits],
            Active = part.Active,
            UnitPrice = part.PriceOn(today) ?? part.Prices.OrderBy(p => p.EffectiveFrom).First().UnitPrice,
            PriceEffectiveFrom = today,
            Version = part.Version,
        };
    }

    private void ShowHistory(Part part)
    {
        var today = clock.Today;
        var current = part.Prices.Where(p => p.EffectiveFrom <= today).MaxBy(p => p.EffectiveFrom);
        Sku = part.Sku;
        Prices = [.. part.Prices
            .OrderByDescending(p => p.EffectiveFrom)
            .Select(p => new PriceRow(p.UnitPrice, p.EffectiveFrom, p == current, p.EffectiveFrom > today))];
    }

    public sealed record PriceRow(decimal UnitPrice, DateOnly EffectiveFrom, bool InForce, bool Scheduled);

    public sealed class InputModel
    {
        public string? Sku { get; set; }

        public string Name { get; set; } = string.Empty;

        public List<ProductCategory> Fits { get; set; } = [];

        public decimal UnitPrice { get; set; }

        /// <summary>The first day of a changed price (editing only).</summary>
        public DateOnly PriceEffectiveFrom { get; set; }

        public bool Active { get; set; }

        public Guid Version { get; set; }

        /// <summary>Set by the handler, never bound: the SKU is asked for only when creating.</summary>
        [BindNever]
        public bool Creating { get; set; }

        /// <summary>Set by the handler, never bound: the local calendar day.</summary>
        [BindNever]
        public DateOnly Today { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> localizer)
        {
            RuleFor(x => x.Sku)
                .NotEmpty().WithMessage(_ => localizer["Please enter the SKU."])
                .Must(SkuCode.IsValid).WithMessage(_ => localizer["A SKU has at most {0} letters, digits, '-', '_' or '.'.", SkuCode.MaxLength])
                .When(x => x.Creating);
            RuleFor(x => x.Name)
                .NotEmpty().WithMessage(_ => localizer["Please enter the name."])
                .MaximumLength(Part.NameMaxLength).WithMessage(_ => localizer["The name can be at most {0} characters.", Part.NameMaxLength]);
            RuleFor(x => x.Fits).NotEmpty().WithMessage(_ => localizer["Please choose at least one category the part fits."]);
            RuleForEach(x => x.Fits).IsInEnum().WithMessage(_ => localizer["Please choose from the listed categories."]);
            RuleFor(x => x.UnitPrice)
                .Must(Money.IsValid)
                .WithMessage(_ => localizer["Please enter an amount from 0 to 1,000,000 yuan with at most two decimal places."]);
            RuleFor(x => x.PriceEffectiveFrom)
                .Must((input, day) => day >= input.Today)
                .When(x => !x.Creating)
                .WithMessage(_ => localizer["A new price cannot start in the past."]);
        }
    }
}
