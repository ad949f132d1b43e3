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

namespace BathroomAftersales.Web.Pages.Admin.Catalog.Models;

/// <summary>
/// A new product model (no id) or an existing one (Manager, Admin). The SKU is fixed once created: registered products
/// and requests refer to the model. A warranty change applies to products registered from now on (ADR 0010).
/// </summary>
public sealed class EditModel(
    AppDbContext db,
    IValidator<EditModel.InputModel> validator,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The stored SKU when editing; null on the create form.</summary>
    public string? Sku { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return Page();
        }

        var model = await db.ProductModels.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        Show(model);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        ProductModel? model = null;
        if (id is not null)
        {
            model = await db.ProductModels.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
            if (model is null)
            {
                return NotFound();
            }

            Sku = model.Sku;
        }

        Input.Creating = model is null;
        ModelState.AddValidationErrors(await validator.ValidateAsync(Input, cancellationToken));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            if (model is null)
            {
                var sku = SkuCode.Normalize(Input.Sku);
                if (await db.ProductModels.AnyAsync(m => m.Sku == sku, cancellationToken))
                {
                    return DuplicateSku(sku);
                }

                model = new ProductModel(sku, Input.Name, Input.Category, Input.WarrantyMonths);
                db.ProductModels.Add(model);
            }
            else
            {
                model.Rename(Input.Name, Input.Category);
                model.ChangeWarranty(Input.WarrantyMonths);
                db.Entry(model).Property(m => m.Version).OriginalValue = Input.Version;
            }

            if (Input.Discontinued)
            {
                model.Discontinue();
            }
            else
            {
                model.Reinstate();
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
            return await ConflictAsync(model.Id, cancellationToken);
        }
        catch (DbUpdateException) when (id is null)
        {
            // Another user created the same SKU between the check and the save: the unique index answered.
            return DuplicateSku(model.Sku);
        }

        TempData.SetStatusMessage(localizer["The product model {0} has been saved.", model.Sku]);
        return RedirectToPage("./Index");
    }

    private PageResult DuplicateSku(string sku)
    {
        ModelState.AddModelError("Input.Sku", localizer["A product model with SKU {0} already exists.", sku]);
        return Page();
    }

    private async Task<IActionResult> ConflictAsync(int id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var current = await db.ProductModels.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (current is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        Show(current);
        ModelState.AddModelError(string.Empty, localizer["This record was changed meanwhile. Please review and save again."]);
        return Page();
    }

    private void Show(ProductModel model)
    {
        Sku = model.Sku;
        Input = new InputModel
        {
            Name = model.Name,
            Category = model.Category,
            WarrantyMonths = model.WarrantyMonths,
            Discontinued = model.Discontinued,
            Version = model.Version,
        };
    }

    public sealed class InputModel
    {
        public string? Sku { get; set; }

        public string Name { get; set; } = string.Empty;

        public ProductCategory Category { get; set; }

        public int WarrantyMonths { get; set; } = ProductModel.DefaultWarrantyMonths;

        public bool Discontinued { get; set; }

        public Guid Version { get; set; }

        /// <summary>Set by the handler, never bound: the SKU is asked for only when creating.</summary>
        [BindNever]
        public bool Creating { get; set; }
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
                .MaximumLength(ProductModel.NameMaxLength).WithMessage(_ => localizer["The name can be at most {0} characters.", ProductModel.NameMaxLength]);
            RuleFor(x => x.Category).IsInEnum().WithMessage(_ => localizer["Please choose from the listed categories."]);
            RuleFor(x => x.WarrantyMonths).InclusiveBetween(0, 240).WithMessage(_ => localizer["Warranty months must be between 0 and 240."]);
        }
    }
}
