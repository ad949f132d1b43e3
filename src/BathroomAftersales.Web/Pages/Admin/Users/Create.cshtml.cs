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

namespace BathroomAftersales.Web.Pages.Admin.Users;

/// <summary>Staff accounts are created only here (or, for the very first Admin, by the create-admin command).</summary>
public sealed class CreateModel(
    AppDbContext db,
    UserManager<AppUser> userManager,
    IValidator<CreateModel.InputModel> validator,
    IStringLocalizer<SharedResource> localizer,
    LocalClock clock,
    ILogger<CreateModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public static IReadOnlyList<string> StaffRoles => Roles.Staff;

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

        var email = Input.Email.Trim();
        var mobile = string.IsNullOrWhiteSpace(Input.Mobile) ? null : PhoneNumbers.NormalizeMobile(Input.Mobile);
        // Made once and handed to every attempt of the transaction below: its key is made here, not by the database, and
        // CreateAsync sets the rest again each time; a retry starts from an empty change tracker, so the account and
        // role row saved by a rolled-back attempt are not taken as done.
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            PhoneNumber = mobile,
            DisplayName = Input.DisplayName.Trim(),
            CreatedAt = clock.UtcNow,
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

                var inRole = await userManager.AddToRoleAsync(user, Input.Role);
                if (!inRole.Succeeded)
                {
                    return inRole;
                }

                if (Input.Role == Roles.Technician)
                {
                    // Skills and districts are set on the technician's profile by a Manager.
                    db.Technicians.Add(new Domain.Technicians.Technician(user.Id, user.DisplayName, mobile, [], []));
                    await db.SaveChangesAsync();
                }

                return IdentityResult.Success;
            });
        }
        catch (DbUpdateException)
        {
            result = IdentityResult.Failed(new IdentityError { Code = "DuplicateEmail", Description = localizer["The email address '{0}' is already used by another account.", email] });
        }

        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result, "Input.Password", "Input.Email");

            Input.Password = string.Empty;
            return Page();
        }

        logger.AccountCreated(User.Identity?.Name, user.Id, Input.Role);
        TempData.SetStatusMessage(localizer["Account {0} created with the role {1}.", email, localizer[Input.Role]]);
        return RedirectToPage("./Index");
    }

    public sealed class InputModel
    {
        public string DisplayName { get; set; } = string.Empty;

        public string Email { get; set; } = string.Empty;

        public string? Mobile { get; set; }

        public string Role { get; set; } = Roles.CrmAgent;

        public string Password { get; set; } = string.Empty;
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> localizer)
        {
            RuleFor(x => x.DisplayName)
                .NotEmpty().WithMessage(_ => localizer["Please enter your name."])
                .MaximumLength(AppUser.DisplayNameMaxLength).WithMessage(_ => localizer["The name can be at most {0} characters.", AppUser.DisplayNameMaxLength]);
            RuleFor(x => x.Email)
                .NotEmpty().WithMessage(_ => localizer["Please enter a valid email address."])
                .MaximumLength(256).WithMessage(_ => localizer["Please enter a valid email address."])
                .EmailAddress().WithMessage(_ => localizer["Please enter a valid email address."]);
            RuleFor(x => x.Mobile)
                .Must(PhoneNumbers.IsValidMobile).WithMessage(_ => localizer["Please enter a valid 11-digit mobile number, e.g. 13812345678."])
                .When(x => !string.IsNullOrWhiteSpace(x.Mobile));
            RuleFor(x => x.Role)
                .Must(role => Roles.Staff.Contains(role)).WithMessage(_ => localizer["Please choose a role."]);
            RuleFor(x => x.Password).NewPassword(localizer);
        }
    }
}
