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

/// <summary>One staff account: reset its password, deactivate or reactivate it. Customer accounts are not found here.</summary>
public sealed class EditModel(
    AppDbContext db,
    UserManager<AppUser> userManager,
    IValidator<EditModel.PasswordInput> validator,
    IStringLocalizer<SharedResource> localizer,
    ILogger<EditModel> logger) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public AppUser Account { get; private set; } = null!;

    public IList<string> AccountRoles { get; private set; } = [];

    public bool IsSelf { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id) =>
        await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostResetPasswordAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        ModelState.AddValidationErrors(await validator.ValidateAsync(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var token = await userManager.GeneratePasswordResetTokenAsync(Account);
        var result = await userManager.ResetPasswordAsync(Account, token, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Input.NewPassword", error.Description);
            }

            Input.NewPassword = string.Empty;
            return Page();
        }

        // A reset also lifts a lockout; the new security stamp ends the account's open sessions.
        await userManager.SetLockoutEndDateAsync(Account, null);
        await userManager.ResetAccessFailedCountAsync(Account);
        logger.PasswordReset(User.Identity?.Name, Account.Id);
        TempData.SetStatusMessage(localizer["The password of {0} has been reset.", Account.UserName!]);
        return RedirectToPage(new { id });
    }

    public Task<IActionResult> OnPostDeactivateAsync(string id) => SetActiveAsync(id, active: false);

    public Task<IActionResult> OnPostActivateAsync(string id) => SetActiveAsync(id, active: true);

    private async Task<IActionResult> SetActiveAsync(string id, bool active)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (IsSelf && !active)
        {
            ModelState.AddModelError(string.Empty, localizer["You cannot deactivate your own account."]);
            return Page();
        }

        Account.IsActive = active;
        var technician = await db.Technicians.FirstOrDefaultAsync(t => t.UserId == Account.Id);
        if (technician is not null)
        {
            if (active)
            {
                technician.Activate();
            }
            else
            {
                technician.Deactivate();
            }
        }

        // UpdateAsync saves the technician too (same context); the new stamp signs the account out everywhere.
        await userManager.UpdateSecurityStampAsync(Account);
        logger.AccountActivation(User.Identity?.Name, Account.Id, active);
        TempData.SetStatusMessage(active
            ? localizer["The account {0} is active again.", Account.UserName!]
            : localizer["The account {0} has been deactivated and signed out.", Account.UserName!]);
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(string id)
    {
        var account = await userManager.FindByIdAsync(id);
        if (account is null)
        {
            return false;
        }

        var roles = await userManager.GetRolesAsync(account);
        if (roles.Contains(Roles.Customer))
        {
            return false;
        }

        Account = account;
        AccountRoles = roles;
        IsSelf = account.Id == userManager.GetUserId(User);
        return true;
    }

    public sealed class PasswordInput
    {
        public string NewPassword { get; set; } = string.Empty;
    }

    public sealed class PasswordValidator : AbstractValidator<PasswordInput>
    {
        public PasswordValidator(IStringLocalizer<SharedResource> localizer)
        {
            RuleFor(x => x.NewPassword).NewPassword(localizer);
        }
    }
}
