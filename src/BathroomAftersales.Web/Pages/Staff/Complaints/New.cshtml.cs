using System.Security.Claims;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Staff.Complaints;

/// <summary>
/// 登记投诉: the desk registers a complaint received by phone, on site or by email. Step one finds the customer by phone
/// or name (as 代客报修 does); step two is the complaint, optionally about one of that customer's requests.
/// </summary>
public sealed class NewModel(
    AppDbContext db,
    RequestNumberAllocator numbers,
    ComplaintDeadlinesProvider deadlines,
    LocalClock clock,
    IValidator<NewModel.InputModel> validator,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int SearchMaxLength = 60;
    public const int MaxMatches = 20;
    public const int MaxRequestChoices = 50;

    public static readonly IReadOnlyList<ComplaintChannel> StaffChannels = [ComplaintChannel.Phone, ComplaintChannel.OnSite, ComplaintChannel.Email];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<CustomerMatch> Matches { get; private set; } = [];

    public CustomerMatch? Customer { get; private set; }

    public IReadOnlyList<RequestChoice> Requests { get; private set; } = [];

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
        Input.Channel = ComplaintChannel.Phone;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadCustomerAsync(Input.CustomerId, cancellationToken))
        {
            return NotFound();
        }

        ModelState.AddValidationErrors(await validator.ValidateAsync(Input, cancellationToken));
        if (Input.ServiceRequestId is { } requestId
            && !await db.ServiceRequests.AnyAsync(r => r.Id == requestId && r.CustomerId == Input.CustomerId, cancellationToken))
        {
            ModelState.AddModelError("Input.ServiceRequestId", localizer["Please choose one of this customer's service requests."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        try
        {
            var complaint = Complaint.Receive(
                await numbers.NextComplaintNumberAsync(cancellationToken), Input.CustomerId, Input.ServiceRequestId, Input.Category!.Value,
                Input.Channel!.Value, Input.Description!, await deadlines.CurrentAsync(cancellationToken),
                new RequestActor(userId, string.IsNullOrWhiteSpace(name) ? User.Identity?.Name ?? "?" : name), clock.UtcNow);
            // The same form posted twice (or twice at once) files one complaint; the repeat shows the one on file.
            var (id, created) = await ComplaintIntake.ReceiveOnceAsync(db, complaint, cancellationToken);
            if (created)
            {
                TempData.SetStatusMessage(localizer["Complaint {0} registered.", complaint.Number]);
            }

            return RedirectToPage("./Details", new { id });
        }
        catch (DomainException exception)
        {
            ModelState.AddDomainError(exception, localizer);
            return Page();
        }
    }

    private async Task<bool> LoadCustomerAsync(int id, CancellationToken cancellationToken)
    {
        Customer = await db.Customers.AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new CustomerMatch(c.Id, c.Name, c.Kind, c.Mobile, c.Landline))
            .FirstOrDefaultAsync(cancellationToken);
        if (Customer is null)
        {
            return false;
        }

        Requests = await db.ServiceRequests.AsNoTracking()
            .Where(r => r.CustomerId == id)
            .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id)
            .Take(MaxRequestChoices)
            .Select(r => new RequestChoice(r.Id, r.Number, r.Type, r.SubmittedAt))
            .ToListAsync(cancellationToken);
        return true;
    }

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
            .Select(c => new CustomerMatch(c.Id, c.Name, c.Kind, c.Mobile, c.Landline))
            .ToListAsync(cancellationToken);
    }

    public sealed class InputModel
    {
        public int CustomerId { get; set; }

        public ComplaintChannel? Channel { get; set; }

        public ComplaintCategory? Category { get; set; }

        public int? ServiceRequestId { get; set; }

        public string? Description { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> localizer)
        {
            RuleFor(x => x.Channel).NotNull().Must(c => c is { } channel && StaffChannels.Contains(channel))
                .WithMessage(_ => localizer["Please choose how the complaint was received."]);
            RuleFor(x => x.Category).NotNull().IsInEnum().WithMessage(_ => localizer["Please choose a category."]);
            RuleFor(x => x.Description).NotEmpty().WithMessage(_ => localizer["Please describe the complaint."])
                .MaximumLength(Complaint.DescriptionMaxLength).WithMessage(_ => localizer["Please keep it under {0} characters.", Complaint.DescriptionMaxLength]);
        }
    }

    public sealed record CustomerMatch(int Id, string Name, CustomerKind Kind, string? Mobile, string? Landline);

    public sealed record RequestChoice(int Id, string Number, RequestType Type, DateTime SubmittedAt);
}
