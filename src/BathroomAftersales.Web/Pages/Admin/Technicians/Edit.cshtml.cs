using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using TechnicianProfile = BathroomAftersales.Domain.Technicians.Technician;

namespace BathroomAftersales.Web.Pages.Admin.Technicians;

/// <summary>One technician's profile (Manager, Admin): name, mobile, skills, districts, and whether they can be dispatched.</summary>
public sealed class EditModel(
    AppDbContext db,
    IValidator<EditModel.InputModel> validator,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>Districts are typed as one line: comma, Chinese comma, 、 or a new line separate them.</summary>
    private static readonly char[] DistrictSeparators = [',', '，', '、', ';', '；', '\n', '\r'];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string TechnicianName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var technician = await db.Technicians.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (technician is null)
        {
            return NotFound();
        }

        TechnicianName = technician.Name;
        Input = new InputModel
        {
            Name = technician.Name,
            Mobile = technician.Mobile,
            Skills = [.. technician.Skills],
            Districts = string.Join("、", technician.Districts),
            Active = technician.Active,
            Version = technician.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var technician = await db.Technicians.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (technician is null)
        {
            return NotFound();
        }

        TechnicianName = technician.Name;
        ModelState.AddValidationErrors(await validator.ValidateAsync(Input, cancellationToken));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // The form carries the version it showed: a profile saved by someone else meanwhile is not overwritten, whether
        // that save came before this post or at the same moment (the version is compared again in the UPDATE).
        if (technician.Version != Input.Version)
        {
            return ChangedMeanwhile();
        }

        db.Entry(technician).Property(t => t.Version).OriginalValue = Input.Version;

        try
        {
            var mobile = string.IsNullOrWhiteSpace(Input.Mobile) ? null : PhoneNumbers.NormalizeMobile(Input.Mobile);
            technician.Rename(Input.Name.Trim(), mobile);
            technician.ChangeSkills(Input.Skills);
            technician.ChangeDistricts(ParseDistricts(Input.Districts));
            if (Input.Active)
            {
                technician.Activate();
            }
            else
            {
                technician.Deactivate();
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
            return ChangedMeanwhile();
        }

        TempData.SetStatusMessage(localizer["The profile of {0} has been saved.", technician.Name]);
        return RedirectToPage("./Index");
    }

    public static IReadOnlyList<string> ParseDistricts(string? text) =>
        [.. (text ?? string.Empty)
            .Split(DistrictSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)];

    private PageResult ChangedMeanwhile()
    {
        ModelState.AddModelError(string.Empty, localizer["This record was changed meanwhile. Please review and save again."]);
        return Page();
    }

    public sealed class InputModel
    {
        public string Name { get; set; } = string.Empty;

        public string? Mobile { get; set; }

        public List<ProductCategory> Skills { get; set; } = [];

        public string? Districts { get; set; }

        public bool Active { get; set; }

        public Guid Version { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> localizer)
        {
            RuleFor(x => x.Name)
                .NotEmpty().WithMessage(_ => localizer["Please enter the technician's name."])
                .MaximumLength(TechnicianProfile.NameMaxLength).WithMessage(_ => localizer["The name can be at most {0} characters.", TechnicianProfile.NameMaxLength]);
            RuleFor(x => x.Mobile)
                .Must(m => PhoneNumbers.IsValidMobile(PhoneNumbers.NormalizeMobile(m!)))
                .When(x => !string.IsNullOrWhiteSpace(x.Mobile))
                .WithMessage(_ => localizer["Please enter a valid 11-digit mobile number, e.g. 13812345678."]);
            RuleForEach(x => x.Skills).IsInEnum().WithMessage(_ => localizer["Please choose from the listed categories."]);
            RuleFor(x => x.Districts)
                .Must(text => ParseDistricts(text).All(d => d.Length <= TechnicianProfile.DistrictMaxLength))
                .WithMessage(_ => localizer["Each district can be at most {0} characters.", TechnicianProfile.DistrictMaxLength]);
        }
    }
}
