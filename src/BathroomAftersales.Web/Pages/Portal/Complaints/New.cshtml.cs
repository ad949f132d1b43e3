using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Portal.Complaints;

/// <summary>File a complaint from the portal, optionally about one of my own service requests (clause 7.1).</summary>
public sealed class NewModel(
    AppDbContext db,
    CurrentCustomer currentCustomer,
    RequestNumberAllocator numbers,
    ComplaintDeadlinesProvider deadlines,
    LocalClock clock,
    IValidator<NewModel.InputModel> validator,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int MaxRequestChoices = 50;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<RequestChoice> Requests { get; private set; } = [];

    public async Task OnGetAsync(int? requestId, CancellationToken cancellationToken)
    {
        Input.ServiceRequestId = requestId;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);
        ModelState.AddValidationErrors(await validator.ValidateAsync(Input, cancellationToken));
        if (Input.ServiceRequestId is { } requestId
            && !await db.ServiceRequests.AnyAsync(r => r.Id == requestId && r.CustomerId == customerId, cancellationToken))
        {
            ModelState.AddModelError("Input.ServiceRequestId", localizer["Please choose one of your own service requests."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => c.Name).FirstAsync(cancellationToken);
        try
        {
            var complaint = Complaint.Receive(
                await numbers.NextComplaintNumberAsync(cancellationToken), customerId, Input.ServiceRequestId, Input.Category!.Value,
                ComplaintChannel.Web, Input.Description!, await deadlines.CurrentAsync(cancellationToken),
                new RequestActor(currentCustomer.UserId, customer), clock.UtcNow);
            // The same form posted twice (or twice at once) files one complaint; the repeat shows the one on file.
            var (id, created) = await ComplaintIntake.ReceiveOnceAsync(db, complaint, cancellationToken);
            if (created)
            {
                TempData.SetStatusMessage(localizer["Complaint {0} received. We will acknowledge it by {1}.", complaint.Number, clock.Format(complaint.AcknowledgeBy)]);
            }

            return RedirectToPage("./Details", new { id });
        }
        catch (DomainException exception)
        {
            ModelState.AddDomainError(exception, localizer);
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var customerId = await currentCustomer.RequireIdAsync(cancellationToken);
        Requests = await db.ServiceRequests.AsNoTracking()
            .Where(r => r.CustomerId == customerId)
            .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id)
            .Take(MaxRequestChoices)
            .Select(r => new RequestChoice(r.Id, r.Number, r.Type, r.SubmittedAt))
            .ToListAsync(cancellationToken);
    }

    public sealed class InputModel
    {
        public ComplaintCategory? Category { get; set; }

        public int? ServiceRequestId { get; set; }

        public string? Description { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> localizer)
        {
            RuleFor(x => x.Category).NotNull().IsInEnum().WithMessage(_ => localizer["Please choose a category."]);
            RuleFor(x => x.Description).NotEmpty().WithMessage(_ => localizer["Please describe the complaint."])
                .MaximumLength(Complaint.DescriptionMaxLength).WithMessage(_ => localizer["Please keep it under {0} characters.", Complaint.DescriptionMaxLength]);
        }
    }

    public sealed record RequestChoice(int Id, string Number, RequestType Type, DateTime SubmittedAt);
}
