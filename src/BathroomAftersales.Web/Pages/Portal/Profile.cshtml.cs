using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Identity;
using BathroomAftersales.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Portal;

/// <summary>
/// 我的资料: the customer keeps their own archive record accurate (clause 2.2(4)). The mobile number is also the
/// sign-in name, so the account follows the record in the same transaction. Every change is audited by the data layer.
/// </summary>
public sealed class ProfileModel(
    AppDbContext db,
    CurrentCustomer currentCustomer,
    UserManager<AppUser> userManager,
    AppSignInManager signInManager,
    LocalClock clock,
    IValidator<ProfileModel.InputModel> validator,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public DateTime UpdatedAt { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);
        await ShowCurrentAsync(customerId, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);

        // The validator is the one source of messages: the binder's own (an implicit "required" for every non-nullable
        // string, "not a valid value" for a tampered version) are English only. Unreadable values arrive empty.
        ModelState.Clear();
        ModelState.AddValidationErrors(await validator.ValidateAsync(Input, cancellationToken));

        // Read here for the checks only: the save below loads the record and the account again on each attempt.
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == customerId, cancellationToken);
        UpdatedAt = customer.UpdatedAt;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var userId = customer.UserId ?? throw new InvalidOperationException("The customer record is not linked to the signed-in account.");
        var mobile = PhoneNumbers.NormalizeMobile(Input.Mobile);
        var landline = string.IsNullOrWhiteSpace(Input.Landline) ? null : Input.Landline.Trim();
        var email = string.IsNullOrWhiteSpace(Input.Email) ? null : Input.Email.Trim().ToLowerInvariant();
        var address = Input.Address.ToAddress();

        if (mobile != customer.Mobile && await MobileTakenAsync(mobile, customerId, userId))
        {
            ModelState.AddModelError("Input.Mobile", localizer["This mobile number is already used by another account. Please contact customer service."]);
            return Page();
        }

        var now = clock.UtcNow;
        AppUser? user = null;
        IdentityResult result;
        try
        {
            // Checked once on the copy read above for the message; each attempt of the save changes its own.
            Change(customer, Input.Name, mobile, landline, email, address, now);

            result = await db.InTransactionAsync(async () =>
            {
                // A retry after a transient fault starts from an empty change tracker: the record and the account are
                // loaded and changed again, so nothing saved by the rolled-back attempt is taken as done.
                var record = await db.Customers.SingleAsync(c => c.Id == customerId, cancellationToken);
                db.Entry(record).Property(c => c.Version).OriginalValue = Input.Version;
                var mobileChanged = mobile != record.Mobile;
                Change(record, Input.Name, mobile, landline, email, address, now);

                // The record first: a stale form fails here, before the account is touched.
                await db.SaveChangesAsync(cancellationToken);
                user = await userManager.FindByIdAsync(userId)
                    ?? throw new InvalidOperationException("The customer record is not linked to the signed-in account.");
                var emailChanged = !string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase);
                return await UpdateAccountAsync(user, record.Name, mobileChanged ? mobile : null, emailChanged, email);
            });
        }
        catch (DomainException exception)
        {
            db.ChangeTracker.Clear();
            ModelState.AddDomainError(exception, localizer);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            await ShowCurrentAsync(customerId, cancellationToken);
            ModelState.AddModelError(string.Empty, localizer["This record was changed meanwhile. Please review and save again."]);
            return Page();
        }
        catch (DbUpdateException)
        {
            // Someone took the number (or email) between the check above and the save; the unique indexes refused it.
            db.ChangeTracker.Clear();
            ModelState.AddModelError("Input.Mobile", localizer["This mobile number is already used by another account. Please contact customer service."]);
            return Page();
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var key = error.Code.Contains("Email", StringComparison.Ordinal) ? "Input.Email"
                    : error.Code.Contains("UserName", StringComparison.Ordinal) ? "Input.Mobile"
                    : string.Empty;
                ModelState.AddModelError(key, error.Description);
            }

            return Page();
        }

        // A new user name or email renews the security stamp; without a fresh cookie the customer would be signed out.
        await signInManager.RefreshSignInAsync(user!);
        TempData.SetStatusMessage(localizer["Your details have been saved."]);
        return RedirectToPage();
    }

    /// <summary>Only what really changed is touched, so "last changed" and the audit trail stay meaningful.</summary>
    private static void Change(Customer customer, string name, string mobile, string? landline, string? email, Address? address, DateTime now)
    {
        if (name.Trim() != customer.Name)
        {
            customer.Rename(name, customer.Kind, now);
        }

        if (mobile != customer.Mobile || landline != customer.Landline || email != customer.Email)
        {
            customer.ChangeContact(mobile, landline, email, now);
        }

        if (address != customer.Address)
        {
            customer.Relocate(address, now);
        }
    }

    private async Task<IdentityResult> UpdateAccountAsync(AppUser user, string name, string? newMobile, bool emailChanged, string? email)
    {
        // The display name travels with the next store update; it needs one of its own only when nothing else changes.
        var needsUpdate = false;
        if (user.DisplayName != name)
        {
            user.DisplayName = name;
            needsUpdate = true;
        }

        if (newMobile is not null)
        {
            var renamed = await userManager.SetUserNameAsync(user, newMobile);
            if (!renamed.Succeeded)
            {
                return renamed;
            }

            var phone = await userManager.SetPhoneNumberAsync(user, newMobile);
            if (!phone.Succeeded)
            {
                return phone;
            }

            needsUpdate = false;
        }

        if (emailChanged)
        {
            var changed = await userManager.SetEmailAsync(user, email);
            if (!changed.Succeeded)
            {
                return changed;
            }

            needsUpdate = false;
        }

        return needsUpdate ? await userManager.UpdateAsync(user) : IdentityResult.Success;
    }

    private async Task<bool> MobileTakenAsync(string mobile, int customerId, string userId)
    {
        if (await db.Customers.AnyAsync(c => c.Mobile == mobile && c.Id != customerId))
        {
            return true;
        }

        var owner = await userManager.FindByNameAsync(mobile);
        return owner is not null && owner.Id != userId;
    }

    /// <summary>The record as it is now, replacing whatever the form held.</summary>
    private async Task ShowCurrentAsync(int customerId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var current = await db.Customers.AsNoTracking()
            .Where(c => c.Id == customerId)
            .Select(c => new ProfileRecord(c.Name, c.Mobile, c.Landline, c.Email, c.Address, c.UpdatedAt, c.Version))
            .SingleAsync(cancellationToken);
        ModelState.Clear();
        Input = new InputModel
        {
            Name = current.Name,
            Mobile = current.Mobile ?? string.Empty,
            Landline = current.Landline,
            Email = current.Email,
            Address = AddressInput.From(current.Address),
            Version = current.Version,
        };
        UpdatedAt = current.UpdatedAt;
    }

    public sealed record ProfileRecord(string Name, string? Mobile, string? Landline, string? Email, Address? Address, DateTime UpdatedAt, Guid Version);

    public sealed class InputModel
    {
        public string Name { get; set; } = string.Empty;

        public string Mobile { get; set; } = string.Empty;

        public string? Landline { get; set; }

        public string? Email { get; set; }

        public AddressInput Address { get; set; } = new();

        public Guid Version { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> localizer)
        {
            RuleFor(x => x.Version).NotEmpty().WithMessage(_ => localizer["The form has expired. Please open it again."]);
            RuleFor(x => x.Name)
                .NotEmpty().WithMessage(_ => localizer["Please enter your name."])
                .Must(n => n is null || n.Trim().Length <= Customer.NameMaxLength).WithMessage(_ => localizer["The name can be at most {0} characters.", Customer.NameMaxLength]);
            RuleFor(x => x.Mobile)
                .NotEmpty().WithMessage(_ => localizer["Please enter your mobile number."])
                .Must(PhoneNumbers.IsValidMobile).WithMessage(_ => localizer["Please enter a valid 11-digit mobile number, e.g. 13812345678."]);
            RuleFor(x => x.Landline)
                .Must(PhoneNumbers.IsValidLandline).WithMessage(_ => localizer["Please enter the landline with its area code, e.g. 021-12345678."])
                .When(x => !string.IsNullOrWhiteSpace(x.Landline));
            RuleFor(x => x.Email)
                .Must(e => e is null || e.Trim().Length <= Customer.EmailMaxLength).WithMessage(_ => localizer["Please enter a valid email address."])
                .EmailAddress().WithMessage(_ => localizer["Please enter a valid email address."])
                .When(x => !string.IsNullOrWhiteSpace(x.Email));

            // The address is optional as a whole, but a half address cannot be visited.
            RuleFor(x => x.Address).SetValidator(new AddressInput.Validator(localizer)).When(x => !x.Address.IsEmpty);
        }
    }
}
