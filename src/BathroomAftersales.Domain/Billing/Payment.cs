using BathroomAftersales.Domain.Common;

namespace BathroomAftersales.Domain.Billing;

/// <summary>Money received against an invoice (clause 5.2). Recorded through <see cref="Invoice.RecordPayment"/>.</summary>
public sealed class Payment
{
    public const int ReferenceMaxLength = 100;
    public const int RecordedByMaxLength = 100;

    private Payment()
    {
        RecordedBy = string.Empty;
    }

    internal Payment(PaymentMethod method, decimal amount, DateOnly paidOn, string? reference, string? recordedByUserId, string recordedBy, DateTime nowUtc)
    {
        Method = method;
        Amount = amount;
        PaidOn = paidOn;
        Reference = reference;
        RecordedByUserId = recordedByUserId;
        RecordedBy = recordedBy.Length > RecordedByMaxLength ? recordedBy[..RecordedByMaxLength] : recordedBy;
        RecordedAt = Guard.Utc(nowUtc, nameof(nowUtc));
    }

    public int Id { get; private set; }

    public int InvoiceId { get; private set; }

    public PaymentMethod Method { get; private set; }

    public decimal Amount { get; private set; }

    /// <summary>The day the customer paid, as on the receipt or bank statement (may be before it was recorded).</summary>
    public DateOnly PaidOn { get; private set; }

    /// <summary>The bank transaction or card slip number; required for a transfer or a card payment.</summary>
    public string? Reference { get; private set; }

    public DateTime RecordedAt { get; private set; }

    public string? RecordedByUserId { get; private set; }

    public string RecordedBy { get; private set; }
}
