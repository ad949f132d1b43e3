using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Staff.Customers;

/// <summary>
/// The desk corrects an archive record and records the customer's needs and preferences (2.2(3)). Every changed field
/// is audited by the data layer. The mobile of a customer with a portal account is their sign-in name: they change it
/// in the portal.
/// </summary>
public sealed class EditModel(AppDbContext db, LocalClock clock, IValidator<EditModel.InputModel> validator, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Name { get; private set; } = string.Empty;

    public bool HasAccount { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.MergedIntoId == null, cancellationToken);
        if (customer is null)
        {
            return NotFound();
        }

        Show(customer);
        Input = new InputModel
        {
            Name = customer.Name,
            Kind = customer.Kind,
            Mobile = customer.Mobile,
            Landline = customer.Landline,
            Email = customer.Email,
            Address = AddressInput.From(customer.Address),
            Notes = customer.Notes,
            Version = customer.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id && c.MergedIntoId == null, cancellationToken);
        if (customer is null)
        {
            return NotFound();
        }

        Show(customer);
        ModelState.Clear();
        ModelState.AddValidationErrors(await validator.ValidateAsync(Input, cancellationToken));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var mobile = string.IsNullOrWhiteSpace(Input.Mobile) ? null : PhoneNumbers.NormalizeMobile(Input.Mobile);
        var landline = string.IsNullOrWhiteSpace(Input.Landline) ? null : Input.Landline.Trim();
        var email = string.IsNullOrWhiteSpace(Input.Email) ? null : Input.Email.Trim().ToLowerInvariant();
        if (HasAccount && mobile != customer.Mobile)
        {
            ModelState.AddModelError("Input.Mobile", localizer["This customer signs in with this mobile number; they change it themselves in the portal."]);
            return Page();
        }

        if (mobile is not null && mobile != customer.Mobile && await db.Customers.AnyAsync(c => c.Mobile == mobile && c.Id != id, cancellationToken))
        {
            ModelState.AddModelError("Input.Mobile", localizer["Another archive record has this mobile number. Merge the two records instead."]);
            return Page();
        }

        try
        {
            var now = clock.UtcNow;
            if (Input.Name.Trim() != customer.Name || Input.Kind != customer.Kind)
            {
                customer.Rename(Input.Name, Input.Kind, now);
            }

            if (mobile != customer.Mobile || landline != customer.Landline || email != customer.Email)
            {
                customer.ChangeContact(mobile, landline, email, now);
            }

            var address = Input.Address.ToAddress();
            if (address != customer.Address)
            {
                customer.Relocate(address, now);
            }

            var notes = string.IsNullOrWhiteSpace(Input.Notes) ? null : Input.Notes.Trim();
            if (notes != customer.Notes)
            {
                customer.SetNotes(notes, now);
            }

            db.Entry(customer).Property(c => c.Version).OriginalValue = Input.Version;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException exception)
        {
            ModelState.AddDomainError(exception, localizer);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, localizer["This record was changed meanwhile. Please review and save again."]);
            return Page();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("Input.Mobile", localizer["Another archive record has this mobile number. Merge the two records instead."]);
            return Page();
        }

        TempData.SetStatusMessage(localizer["The archive record of {0} is saved.", customer.Name]);
        return RedirectToPage("./Details", new { id });
    }

    private void Show(Customer customer)
    {
        Name = customer.Name;
        HasAccount = customer.UserId is not null;
    }

    public sealed class InputModel
    {
        public string Name { get; set; } = string.Empty;

        public CustomerKind Kind { get; set; }

        public string? Mobile { get; set; }

        public string? Landline { get; set; }

        public string? Email { get; set; }

        public AddressInput Address { get; set; } = new();

        public string? Notes { get; set; }

        public Guid Version { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> localizer)
        {
            RuleFor(x => x.Version).NotEmpty().WithMessage(_ => localizer["The form has expired. Please open it again."]);
            RuleFor(x => x.Name)
                .NotEmpty().WithMessage(_ => localizer["Please enter the customer's name."])
                .Must(n => n is null || n.Trim().Length <= Customer.NameMaxLength).WithMessage(_ => localizer["The name can be at most {0} characters.", Customer.NameMaxLength]);
            RuleFor(x => x.Kind).IsInEnum().WithMessage(_ => localizer["Please make a choice."]);
            RuleFor(x => x.Mobile)
                .Must(PhoneNumbers.IsValidMobile).WithMessage(_ => localizer["Please enter a valid 11-digit mobile number, e.g. 13812345678."])
                .When(x => !string.IsNullOrWhiteSpace(x.Mobile));
            RuleFor(x => x.Landline)
                .Must(PhoneNumbers.IsValidLandline).WithMessage(_ => localizer["Please enter the landline with its area code, e.g. 021-12345678."])
                .When(x => !string.IsNullOrWhiteSpace(x.Landline));
            RuleFor(x => x)
                .Must(x => !string.IsNullOrWhiteSpace(x.Mobile) || !string.IsNullOrWhiteSpace(x.Landline))
                .WithName("Mobile").OverridePropertyName("Mobile")
                .WithMessage(_ => localizer["A customer needs a mobile or a landline number."]);
            RuleFor(x => x.Email)
                .EmailAddress().WithMessage(_ => localizer["Please enter a valid email address."])
                .Must(e => e is null || e.Trim().Length <= Customer.EmailMaxLength).WithMessage(_ => localizer["Please enter a valid email address."])
                .When(x => !string.IsNullOrWhiteSpace(x.Email));
            RuleFor(x => x.Notes)
                .Must(n => n is null || n.Trim().Length <= Customer.NotesMaxLength).WithMessage(_ => localizer["The notes can be at most {0} characters.", Customer.NotesMaxLength]);
            RuleFor(x => x.Address).SetValidator(new AddressInput.Validator(localizer)).When(x => !x.Address.IsEmpty);
        }
    }
}
