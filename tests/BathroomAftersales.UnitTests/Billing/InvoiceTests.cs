using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.ServiceRequests;

namespace BathroomAftersales.UnitTests.Billing;

public class InvoiceTests
{
    private const string Number = "INV-202611-00001";

    private readonly BillingScenario _scenario = new();

    private static DateOnly PaidOn => new(2026, 11, 26);

    [Fact]
    public void An_invoice_holds_only_the_lines_the_customer_pays()
    {
        var (request, report) = Completed(FaultCause.Wear);
        report.OverridePayer(request, 1, Payer.Supplier, "首次上门免收上门费", BillingScenario.Manager, _scenario.Now);

        var invoice = Issue(request, report);

        Assert.Equal([2, 3], invoice.Lines.Select(l => l.LineNumber));
        Assert.Equal(175.5m, invoice.Total);
        Assert.Equal(report.CustomerTotal, invoice.Total);
        Assert.Equal(InvoiceStatus.Issued, invoice.Status);
        Assert.False(invoice.WarrantyCovered);
        Assert.Equal(175.5m, invoice.Balance);
        var part = invoice.Lines.First();
        Assert.Equal(("进水阀", "FV-200", 1m, 85.5m, 85.5m), (part.Description, part.Sku, part.Quantity, part.UnitPrice, part.Amount));
    }

    [Fact]
    public void A_repair_the_supplier_pays_in_full_gives_a_zero_invoice_marked_warranty_covered_with_nothing_to_pay()
    {
        var (request, report) = Completed(FaultCause.QualityDefect);

        var invoice = Issue(request, report);

        Assert.Empty(invoice.Lines);
        Assert.Equal(0m, invoice.Total);
        Assert.True(invoice.WarrantyCovered);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(0m, invoice.Balance);
        Assert.False(invoice.IsOutstanding);
    }

    [Fact]
    public void Payments_move_the_invoice_from_issued_to_partially_paid_to_paid()
    {
        var invoice = CustomerInvoice();

        invoice.RecordPayment(PaymentMethod.Cash, 100m, PaidOn, null, BillingScenario.Cashier, _scenario.Now);
        Assert.Equal(InvoiceStatus.PartiallyPaid, invoice.Status);
        Assert.Equal(100m, invoice.PaidTotal);
        Assert.Equal(125.5m, invoice.Balance);

        invoice.RecordPayment(PaymentMethod.BankTransfer, 125.5m, PaidOn, "BOC20261126001", BillingScenario.Cashier, _scenario.Now);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(0m, invoice.Balance);
        Assert.Equal(2, invoice.Payments.Count);
    }

    [Fact]
    public void A_payment_over_the_balance_is_refused()
    {
        var invoice = CustomerInvoice();
        invoice.RecordPayment(PaymentMethod.Cash, 200m, PaidOn, null, BillingScenario.Cashier, _scenario.Now);

        var refused = Assert.Throws<DomainException>(() =>
            invoice.RecordPayment(PaymentMethod.Cash, 25.51m, PaidOn, null, BillingScenario.Cashier, _scenario.Now));

        Assert.Equal("Invoice.Overpayment", refused.Code);
        Assert.Equal(InvoiceStatus.PartiallyPaid, invoice.Status);
        Assert.Single(invoice.Payments);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(10.005)]
    public void A_payment_must_be_a_positive_amount_in_fen(double amount)
    {
        var invoice = CustomerInvoice();

        Assert.Throws<DomainException>(() => invoice.RecordPayment(PaymentMethod.Cash, (decimal)amount, PaidOn, null, BillingScenario.Cashier, _scenario.Now));
    }

    [Fact]
    public void A_payment_on_a_void_invoice_is_refused()
    {
        var invoice = CustomerInvoice();
        invoice.Void("金额开错", BillingScenario.Manager, _scenario.Now);

        var refused = Assert.Throws<DomainException>(() =>
            invoice.RecordPayment(PaymentMethod.Cash, 10m, PaidOn, null, BillingScenario.Cashier, _scenario.Now));

        Assert.Equal("Invoice.PaymentOnVoid", refused.Code);
        Assert.Equal(0m, invoice.Balance);
    }

    [Theory]
    [InlineData(PaymentMethod.BankTransfer)]
    [InlineData(PaymentMethod.CreditCard)]
    public void A_transfer_or_card_payment_needs_its_reference(PaymentMethod method)
    {
        var invoice = CustomerInvoice();

        var refused = Assert.Throws<DomainException>(() => invoice.RecordPayment(method, 10m, PaidOn, " ", BillingScenario.Cashier, _scenario.Now));

        Assert.Equal("Invoice.ReferenceRequired", refused.Code);
    }

    [Fact]
    public void A_cash_payment_needs_no_reference()
    {
        var invoice = CustomerInvoice();

        var payment = invoice.RecordPayment(PaymentMethod.Cash, 10m, PaidOn, null, BillingScenario.Cashier, _scenario.Now);

        Assert.Null(payment.Reference);
        Assert.Equal("客服小李", payment.RecordedBy);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Voiding_needs_a_reason(string? reason)
    {
        var invoice = CustomerInvoice();

        var refused = Assert.Throws<DomainException>(() => invoice.Void(reason!, BillingScenario.Manager, _scenario.Now));

        Assert.Equal("Invoice.VoidReasonRequired", refused.Code);
        Assert.Equal(InvoiceStatus.Issued, invoice.Status);
    }

    [Fact]
    public void An_invoice_with_a_payment_cannot_be_voided()
    {
        var invoice = CustomerInvoice();
        invoice.RecordPayment(PaymentMethod.Cash, 10m, PaidOn, null, BillingScenario.Cashier, _scenario.Now);

        var refused = Assert.Throws<DomainException>(() => invoice.Void("开错了", BillingScenario.Manager, _scenario.Now));

        Assert.Equal("Invoice.VoidWithPayments", refused.Code);
    }

    [Fact]
    public void A_second_invoice_is_refused_while_the_first_is_not_void_and_allowed_after_it_is()
    {
        var (request, report) = Completed(FaultCause.Wear);
        var first = Issue(request, report);

        var refused = Assert.Throws<DomainException>(() => Invoice.Issue("INV-202611-00002", request, report, [first], BillingScenario.Cashier, _scenario.Now));
        first.Void("金额开错", BillingScenario.Manager, _scenario.Now);
        var second = Invoice.Issue("INV-202611-00002", request, report, [first], BillingScenario.Cashier, _scenario.Now);

        Assert.Equal("Invoice.AlreadyIssued", refused.Code);
        Assert.Equal(InvoiceStatus.Issued, second.Status);
    }

    [Fact]
    public void An_invoice_is_issued_only_for_a_completed_request()
    {
        var request = _scenario.RequestInProgress();
        var report = _scenario.File(request);

        var refused = Assert.Throws<DomainException>(() => Issue(request, report));

        Assert.Equal("Invoice.RequestNotCompleted", refused.Code);
    }

    [Fact]
    public void An_invoice_can_be_issued_for_a_closed_request()
    {
        var (request, report) = Completed(FaultCause.Wear);
        _scenario.Requests.Close(request);

        var invoice = Issue(request, report);

        Assert.Equal(request.CustomerId, invoice.CustomerId);
        Assert.Equal(Number, invoice.Number);
    }

    [Theory]
    [InlineData(0, AgeingBucket.Days0To30)]
    [InlineData(30, AgeingBucket.Days0To30)]
    [InlineData(31, AgeingBucket.Days31To60)]
    [InlineData(60, AgeingBucket.Days31To60)]
    [InlineData(61, AgeingBucket.Over60)]
    [InlineData(400, AgeingBucket.Over60)]
    public void Outstanding_invoices_age_in_buckets_of_0_to_30_31_to_60_and_over_60_days(int days, AgeingBucket expected)
    {
        var issuedOn = new DateOnly(2026, 10, 1);

        Assert.Equal(expected, Ageing.BucketOf(issuedOn, issuedOn.AddDays(days)));
    }

    [Fact]
    public void Invoice_numbers_count_per_Shanghai_month()
    {
        Assert.Equal("INV-202611", InvoiceNumber.Scope(new DateOnly(2026, 11, 30)));
        Assert.Equal("INV-202612-00042", InvoiceNumber.Format(new DateOnly(2026, 12, 1), 42));
    }

    private (ServiceRequest Request, WorkReport Report) Completed(FaultCause cause)
    {
        var request = _scenario.RequestInProgress();
        var report = _scenario.FileAndComplete(request, cause);
        return (request, report);
    }

    private Invoice Issue(ServiceRequest request, WorkReport report) =>
        Invoice.Issue(Number, request, report, [], BillingScenario.Cashier, _scenario.Now);

    /// <summary>A worn valve: the customer pays 50 + 85.50 + 90 = 225.50.</summary>
    private Invoice CustomerInvoice()
    {
        var (request, report) = Completed(FaultCause.Wear);
        return Issue(request, report);
    }
}
