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

namespace BathroomAftersales.Web.Pages.Account;

/// <summary>Customers register themselves: the mobile number is the user name, the email is optional.</summary>
public sealed class RegisterModel(
    AppDbContext db,
    UserManager<AppUser> userManager,
    AppSignInManager signInManager,
    IValidator<RegisterModel.InputModel> validator,
    IStringLocalizer<SharedResource> localizer,
    LocalClock clock,
    ILogger<RegisterModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.AddValidationErrors(await validator.ValidateAsync(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var mobile = PhoneNumbers.NormalizeMobile(Input.Mobile);
        var email = string.IsNullOrWhiteSpace(Input.Email) ? null : Input.Email.Trim();
        if (await userManager.FindByNameAsync(mobile) is not null)
        {
            ModelState.AddModelError("Input.Mobile", localizer["This mobile number is already registered. Please sign in instead."]);
            return Page();
        }

        // An archive record created by the service desk is not handed to whoever types its number: without a verified
        // phone that would expose someone else's data. Staff link such records on request.
        if (await db.Customers.AnyAsync(c => c.Mobile == mobile))
        {
            ModelState.AddModelError("Input.Mobile", localizer["This mobile number is already in our customer records. Please contact customer service to activate your account."]);
            return Page();
        }

        var now = clock.UtcNow;
        // Made once and handed to every attempt of the transaction below: its key is made here, not by the database, and
        // CreateAsync sets the rest again each time; a retry starts from an empty change tracker, so the account and
        // role row saved by a rolled-back attempt are not taken as done.
        var user = new AppUser
        {
            UserName = mobile,
            Email = email,
            PhoneNumber = mobile,
            DisplayName = Input.Name.Trim(),
            CreatedAt = now,
        };

        IdentityResult result;
        try
        {
            result = await db.InTransactionAsync(async () =>
            {
                var created = await userManager.CreateAsync(user, Input.Password);
                if (!created.Succeeded)
                {
                    return created;
                }

                var inRole = await userManager.AddToRoleAsync(user, Roles.Customer);
                if (!inRole.Succeeded)
                {
                    return inRole;
                }

                var customer = new Customer(Input.Name, CustomerKind.Individual, mobile, null, email, null, now);
                customer.LinkUser(user.Id);
                db.Customers.Add(customer);
                await db.SaveChangesAsync();
                return IdentityResult.Success;
            });
        }
        catch (DbUpdateException exception)
        {
            // Two registrations with the same number at once: the unique indexes let only one through.
            logger.RegistrationConflict(exception);
            result = IdentityResult.Failed(new IdentityError { Description = localizer["This mobile number is already registered. Please sign in instead."] });
        }

        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result, "Input.Password", "Input.Email", "Input.Mobile");

            return Page();
        }

        logger.Registered(user.Id);
        await signInManager.SignInAsync(user, isPersistent: false);
        TempData.SetStatusMessage(localizer["Welcome, {0}! Your account is ready.", user.DisplayName]);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/" ? ReturnUrl : "/Portal");
    }

    public sealed class InputModel
    {
        public string Name { get; set; } = string.Empty;

        public string Mobile { get; set; } = string.Empty;

        public string? Email { get; set; }

        public string Password { get; set; } = string.Empty;

        public string ConfirmPassword { get; set; } = string.Empty;
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> localizer)
        {
            RuleFor(x => x.Name)
                .NotEmpty().WithMessage(_ => localizer["Please enter your name."])
                .MaximumLength(Customer.NameMaxLength).WithMessage(_ => localizer["The name can be at most {0} characters.", Customer.NameMaxLength]);
            RuleFor(x => x.Mobile)
                .NotEmpty().WithMessage(_ => localizer["Please enter your mobile number."])
                .Must(PhoneNumbers.IsValidMobile).WithMessage(_ => localizer["Please enter a valid 11-digit mobile number, e.g. 13812345678."]);
            RuleFor(x => x.Email)
                .MaximumLength(Customer.EmailMaxLength).WithMessage(_ => localizer["Please enter a valid email address."])
                .EmailAddress().WithMessage(_ => localizer["Please enter a valid email address."])
                .When(x => !string.IsNullOrWhiteSpace(x.Email));
            RuleFor(x => x.Password).NewPassword(localizer);
            RuleFor(x => x.ConfirmPassword)
                .Equal(x => x.Password).WithMessage(_ => localizer["The two passwords do not match."]);
        }
    }
}
