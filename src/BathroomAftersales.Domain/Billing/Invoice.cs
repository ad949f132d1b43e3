using System.Globalization;

using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.ServiceRequests;

namespace BathroomAftersales.Domain.Billing;

/// <summary>
/// The bill for a completed request (clause 5.3: invoice after service, the customer pays after receiving it). It holds
/// only the lines the customer pays. When the supplier pays everything under warranty the invoice is still issued, with
/// a zero total, as the customer's record that the work was covered: <see cref="WarrantyCovered"/>, status Paid, nothing
/// outstanding. At most one invoice of a request is not void at any time.
/// </summary>
public sealed class Invoice : IVersioned
{
    public const int ReasonMaxLength = 500;
    public const int ActorNameMaxLength = 100;

    private readonly List<InvoiceLine> _lines = [];
    private readonly List<Payment> _payments = [];

    private Invoice()
    {
        Number = string.Empty;
        IssuedBy = string.Empty;
    }

    public int Id { get; private set; }

    public string Number { get; private set; }

    public int ServiceRequestId { get; private set; }

    public int WorkReportId { get; private set; }

    public int CustomerId { get; private set; }

    public DateTime IssuedAt { get; private set; }

    public string IssuedBy { get; private set; }

    public InvoiceStatus Status { get; private set; }

    public decimal Total { get; private set; }

    /// <summary>
    /// The sum of the payments, kept with the invoice so lists and the overpayment check need not load them; changed
    /// only by <see cref="RecordPayment"/>, under the invoice's concurrency token.
    /// </summary>
    public decimal PaidTotal { get; private set; }

    /// <summary>The work report had lines and the supplier pays all of them: a zero-total record, not a bill.</summary>
    public bool WarrantyCovered { get; private set; }

    public DateTime? VoidedAt { get; private set; }

    public string? VoidedBy { get; private set; }

    public string? VoidReason { get; private set; }

    public Guid Version { get; set; }

    public IReadOnlyCollection<InvoiceLine> Lines => _lines;

    public IReadOnlyCollection<Payment> Payments => _payments;

    /// <summary>What the customer still owes; nothing on a void invoice.</summary>
    public decimal Balance => Status == InvoiceStatus.Void ? 0m : Total - PaidTotal;

    /// <summary>Issued and not yet fully paid: the receivables list.</summary>
    public bool IsOutstanding => Status is InvoiceStatus.Issued or InvoiceStatus.PartiallyPaid;

    /// <summary>
    /// Issues the invoice of a completed (or closed) request from its work report. <paramref name="invoicesOfRequest"/>
    /// are the request's existing invoices: issuing is refused while one of them is not void (a unique index on the
    /// active invoice of a request backs this up).
    /// </summary>
    public static Invoice Issue(
        string number,
        ServiceRequest request,
        WorkReport report,
        IEnumerable<Invoice> invoicesOfRequest,
        RequestActor actor,
        DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(invoicesOfRequest);
        ArgumentNullException.ThrowIfNull(actor);
        if (report.ServiceRequestId != request.Id)
        {
            throw new ArgumentException("The work report belongs to another request.", nameof(report));
        }

        if (request.Status is not (RequestStatus.Completed or RequestStatus.Closed))
        {
            throw new DomainException("Invoice.RequestNotCompleted", "An invoice can be issued only for a completed request.");
        }

        // One invoice per visit: a rework visit after a reopen files its own report and may be invoiced on its own.
        if (invoicesOfRequest.Any(i => i.WorkReportId == report.Id && i.Status != InvoiceStatus.Void))
        {
            throw new DomainException("Invoice.AlreadyIssued", "This request already has an invoice; void it before issuing a new one.");
        }

        var invoice = new Invoice
        {
            Number = Guard.Required(number, nameof(Number), InvoiceNumber.MaxLength),
            ServiceRequestId = request.Id,
            WorkReportId = report.Id,
            CustomerId = request.CustomerId,
            IssuedAt = Guard.Utc(nowUtc, nameof(nowUtc)),
            IssuedBy = Truncate(actor.DisplayName),
        };
        invoice._lines.AddRange(report.Lines.Where(l => l.Payer == Payer.Customer).OrderBy(l => l.LineNumber).Select(l => new InvoiceLine(l)));
        invoice.Total = Money.RequireNonNegative(invoice._lines.Sum(l => l.Amount), nameof(Total));
        invoice.WarrantyCovered = invoice._lines.Count == 0 && report.Lines.Count > 0;
        invoice.Status = invoice.Total == 0 ? InvoiceStatus.Paid : InvoiceStatus.Issued;
        return invoice;
    }

    /// <summary>
    /// Records money received. Refused on a void invoice and when it is more than the balance; moves the invoice to
    /// PartiallyPaid, or Paid when nothing remains. A transfer or card payment needs its reference.
    /// </summary>
    public Payment RecordPayment(PaymentMethod method, decimal amount, DateOnly paidOn, string? reference, RequestActor actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Guard.Utc(nowUtc, nameof(nowUtc));
        if (!Enum.IsDefined(method))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, null);
        }

        if (Status == InvoiceStatus.Void)
        {
            throw new DomainException("Invoice.PaymentOnVoid", "A void invoice cannot take a payment.");
        }

        Money.RequirePositive(amount, nameof(Payment.Amount));
        if (amount > Balance)
        {
            var balance = Balance.ToString("0.00", CultureInfo.InvariantCulture);
            throw new DomainException("Invoice.Overpayment", $"The payment is more than the balance of {balance}.", balance);
        }

        var checkedReference = method == PaymentMethod.Cash
            ? Guard.Optional(reference, nameof(Payment.Reference), Payment.ReferenceMaxLength)
            : RequiredReference(reference);
        var payment = new Payment(method, amount, paidOn, checkedReference, actor.UserId, actor.DisplayName, nowUtc);
        _payments.Add(payment);
        PaidTotal += amount;
        Status = PaidTotal == Total ? InvoiceStatus.Paid : InvoiceStatus.PartiallyPaid;
        return payment;
    }

    /// <summary>Cancels an invoice issued in error, with a reason; refused once any payment is recorded against it.</summary>
    public void Void(string reason, RequestActor actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Guard.Utc(nowUtc, nameof(nowUtc));
        if (Status == InvoiceStatus.Void)
        {
            throw new DomainException("Invoice.AlreadyVoid", "The invoice is already void.");
        }

        if (PaidTotal > 0)
        {
            throw new DomainException("Invoice.VoidWithPayments", "An invoice with payments recorded cannot be voided.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Invoice.VoidReasonRequired", "Please give a reason for voiding the invoice.");
        }

        VoidReason = Guard.Required(reason, "Reason", ReasonMaxLength);
        VoidedBy = Truncate(actor.DisplayName);
        VoidedAt = nowUtc;
        Status = InvoiceStatus.Void;
    }

    private static string RequiredReference(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            throw new DomainException("Invoice.ReferenceRequired", "A bank transfer or card payment needs its reference number.");
        }

        return Guard.Required(reference, nameof(Payment.Reference), Payment.ReferenceMaxLength);
    }

    private static string Truncate(string name) => name.Length > ActorNameMaxLength ? name[..ActorNameMaxLength] : name;
}
