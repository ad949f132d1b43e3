namespace BathroomAftersales.Domain.Billing;

/// <summary>What the technician found caused the fault (clause 4.3): only a quality defect is the supplier's to pay.</summary>
public enum FaultCause
{
    QualityDefect,
    Wear,
    Misuse,
    Installation,
    Other,
}

/// <summary>Who pays a line of a work report: the supplier (甲方) under warranty, otherwise the customer (乙方).</summary>
public enum Payer
{
    Supplier,
    Customer,
}

/// <summary>A line of a work report is a part (from the parts catalog) or a fee (from the fee schedule, clause 5.1).</summary>
public enum WorkReportLineKind
{
    Part,
    Fee,
}

/// <summary>A photo of the work taken before or after the repair.</summary>
public enum PhotoStage
{
    Before,
    After,
}

/// <summary>Issued → PartiallyPaid → Paid, or Void (only while nothing is paid).</summary>
public enum InvoiceStatus
{
    Issued,
    PartiallyPaid,
    Paid,
    Void,
}

/// <summary>Clause 5.2: cash, bank transfer or credit card.</summary>
public enum PaymentMethod
{
    Cash,
    BankTransfer,
    CreditCard,
}

/// <summary>How long an invoice has been outstanding, for the receivables list.</summary>
public enum AgeingBucket
{
    Days0To30,
    Days31To60,
    Over60,
}
