using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Infrastructure;
using BathroomAftersales.Web.Infrastructure.Billing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.Web.Pages.Staff.Invoices;

/// <summary>
/// One invoice as it prints (clause 5.3), its payments, and the two things the desk does to it: record a payment
/// (clause 5.2: cash, bank transfer, credit card) and void it. Both forms carry the invoice's version, so a form
/// rendered before someone else's payment is refused instead of taking money against a stale balance.
/// </summary>
public sealed class DetailsModel(
    AppDbContext db,
    LocalClock clock,
    IConfiguration configuration,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public ActionInput Input { get; set; } = new();

    public InvoiceDocument Document { get; private set; } = null!;

    public bool CanPay => Document.IsOutstanding;

    public bool CanVoid => Document.Status != InvoiceStatus.Void && Document.PaidTotal == 0;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input.PaidOn = clock.Today;
        return Page();
    }

    public Task<IActionResult> OnPostPayAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, (invoice, actor, now) =>
        {
            if (Input.Method is not { } method)
            {
                throw new DomainException("Staff.PaymentMethodRequired", "Please choose how the customer paid.");
            }

            if (Input.Amount is not { } amount)
            {
                throw new DomainException("Staff.PaymentAmountRequired", "Please enter the amount paid.");
            }

            if (amount <= 0)
            {
                throw new DomainException("Staff.PaymentNotPositive", "The amount must be more than zero.");
            }

            if (!Money.HasAtMostTwoPlaces(amount))
            {
                throw new DomainException("Staff.PaymentTooManyDecimals", "The amount can have at most two decimal places (fen).");
            }

            var paidOn = Input.PaidOn ?? clock.Today;
            if (paidOn > clock.Today)
            {
                throw new DomainException("Staff.PaymentInFuture", "The payment date cannot be in the future.");
            }

            invoice.RecordPayment(method, amount, paidOn, Input.Reference, actor, now);
            return invoice.Status == InvoiceStatus.Paid
                ? localizer["Payment of {0} recorded. The invoice is paid in full.", MoneyText.Yuan(amount)]
                : localizer["Payment of {0} recorded. Balance due: {1}.", MoneyText.Yuan(amount), MoneyText.Yuan(invoice.Balance)];
        }, cancellationToken);

    public Task<IActionResult> OnPostVoidAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, (invoice, actor, now) =>
        {
            invoice.Void(Input.Reason ?? string.Empty, actor, now);
            return localizer["Invoice {0} voided.", invoice.Number];
        }, cancellationToken);

    /// <summary>
    /// Refuses a form rendered from an older version, applies the change and saves with the form's version as the
    /// concurrency token: of two clerks recording a payment at the same moment, one is told and nothing of theirs is saved.
    /// </summary>
    private async Task<IActionResult> ActAsync(int id, Func<Invoice, RequestActor, DateTime, string> apply, CancellationToken cancellationToken)
    {
        var invoice = await db.Invoices.Include(i => i.Payments).FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (invoice is null)
        {
            return NotFound();
        }

        if (invoice.Version != Input.Version)
        {
            return await RedisplayAsync(id, localizer["This invoice has changed since you opened the page. Nothing was saved; please check it and try again."], cancellationToken);
        }

        try
        {
            var actor = await StaffActor.OfAsync(db, User, cancellationToken);
            var message = apply(invoice, actor, clock.UtcNow);
            db.Entry(invoice).Property(i => i.Version).OriginalValue = Input.Version;
            await db.SaveChangesAsync(cancellationToken);
            TempData.SetStatusMessage(message);
            return RedirectToPage(new { id });
        }
        catch (DomainException exception)
        {
            return await RedisplayAsync(id, localizer.Localize(exception), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await RedisplayAsync(id, localizer["This invoice has changed since you opened the page. Nothing was saved; please check it and try again."], cancellationToken);
        }
    }

    private async Task<IActionResult> RedisplayAsync(int id, string error, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, error);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var document = await InvoiceDocument.LoadAsync(db, id, customerId: null, InvoiceDocument.SupplierNameFrom(configuration), cancellationToken);
        if (document is null)
        {
            return false;
        }

        Document = document;
        Input.Version = document.Version;
        return true;
    }

    public sealed class ActionInput
    {
        public Guid Version { get; set; }

        public PaymentMethod? Method { get; set; }

        public decimal? Amount { get; set; }

        /// <summary>The Shanghai day the customer paid; today by default.</summary>
        public DateOnly? PaidOn { get; set; }

        public string? Reference { get; set; }

        public string? Reason { get; set; }
    }
}
