using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;

namespace BathroomAftersales.Domain.Billing;

/// <summary>
/// The technician's report of a visit (现场服务报告): what was done, what caused the fault, the parts and fees with who
/// pays each, photos, and the customer's confirmation. One per request. Filing it completes the request
/// (<see cref="ServiceRequest.CompleteWithReport"/>); the invoice is issued from its customer-payable lines.
/// </summary>
public sealed class WorkReport
{
    public const int WorkPerformedMaxLength = 2000;
    public const int CustomerNameMaxLength = 100;
    public const int MaxLines = 50;
    public const int MaxPhotosPerStage = 10;

    private readonly List<WorkReportLine> _lines = [];
    private readonly List<WorkReportPhoto> _photos = [];

    private WorkReport()
    {
        WorkPerformed = string.Empty;
        CustomerConfirmationName = string.Empty;
    }

    public int Id { get; private set; }

    public int ServiceRequestId { get; private set; }

    public int TechnicianId { get; private set; }

    /// <summary>
    /// Which visit of the request this report closes: 0 for the first, then the request's reopen count, so rework after a
    /// reopen files a report of its own. Unique per request.
    /// </summary>
    public int Round { get; private set; }

    public DateTime FiledAt { get; private set; }

    /// <summary>The Shanghai calendar day of the visit: the day warranty is judged on.</summary>
    public DateOnly ServiceDate { get; private set; }

    public string WorkPerformed { get; private set; }

    public FaultCause FaultCause { get; private set; }

    /// <summary>Whether the product was in warranty on <see cref="ServiceDate"/>, kept as it was judged when filed.</summary>
    public bool InWarranty { get; private set; }

    /// <summary>Clause 2.3(3): always true on a filed report; a report cannot be filed without it.</summary>
    public bool RestoredToFactoryStandard { get; private set; }

    /// <summary>The name the customer typed on the technician's device to confirm the work.</summary>
    public string CustomerConfirmationName { get; private set; }

    public IReadOnlyCollection<WorkReportLine> Lines => _lines;

    public IReadOnlyCollection<WorkReportPhoto> Photos => _photos;

    public decimal SupplierTotal => TotalFor(Payer.Supplier);

    public decimal CustomerTotal => TotalFor(Payer.Customer);

    public decimal Total => _lines.Sum(l => l.Amount);

    /// <summary>
    /// Files the report for a scheduled or in-progress request, by the technician assigned to it. Each line's payer is
    /// decided by <see cref="PayerRule"/> from the fault cause and the warranty of <paramref name="product"/> (the
    /// request's registered product, or null when it has none: then out of warranty) on <paramref name="serviceDate"/>.
    /// The caller then completes the request with <see cref="ServiceRequest.CompleteWithReport"/> in the same save.
    /// </summary>
    public static WorkReport File(
        ServiceRequest request,
        int technicianId,
        DateOnly serviceDate,
        string workPerformed,
        FaultCause faultCause,
        bool restoredToFactoryStandard,
        string customerConfirmationName,
        CustomerProduct? product,
        IEnumerable<WorkReportLine> lines,
        IEnumerable<Guid> photosBefore,
        IEnumerable<Guid> photosAfter,
        DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(photosBefore);
        ArgumentNullException.ThrowIfNull(photosAfter);
        request.EnsureReportCanBeFiledBy(technicianId);
        if (product?.Id != request.CustomerProductId)
        {
            throw new ArgumentException("The product must be the one registered on the request (null when it has none).", nameof(product));
        }

        if (!restoredToFactoryStandard)
        {
            throw new DomainException(
                "WorkReport.NotRestored",
                "The report can be filed only once the product is restored to the factory standard.");
        }

        var report = new WorkReport
        {
            ServiceRequestId = request.Id,
            TechnicianId = technicianId,
            Round = request.ReopenCount,
            FiledAt = Guard.Utc(nowUtc, nameof(nowUtc)),
            ServiceDate = serviceDate,
            WorkPerformed = Guard.Required(workPerformed, nameof(WorkPerformed), WorkPerformedMaxLength),
            FaultCause = faultCause,
            InWarranty = PayerRule.IsInWarranty(product, serviceDate),
            RestoredToFactoryStandard = true,
            CustomerConfirmationName = Guard.Required(customerConfirmationName, nameof(CustomerConfirmationName), CustomerNameMaxLength),
        };

        var payer = PayerRule.Decide(report.InWarranty, faultCause);
        foreach (var line in lines)
        {
            ArgumentNullException.ThrowIfNull(line);
            if (line.LineNumber != 0 || report._lines.Contains(line))
            {
                throw new ArgumentException("A line belongs to one report only.", nameof(lines));
            }

            if (report._lines.Count == MaxLines)
            {
                throw new DomainException("WorkReport.TooManyLines", "A work report can have at most 50 lines.");
            }

            line.Number(report._lines.Count + 1, payer);
            report._lines.Add(line);
        }

        report.AddPhotos(photosBefore, PhotoStage.Before);
        report.AddPhotos(photosAfter, PhotoStage.After);
        return report;
    }

    public decimal TotalFor(Payer payer) => _lines.Where(l => l.Payer == payer).Sum(l => l.Amount);

    public WorkReportLine Line(int lineNumber) =>
        _lines.FirstOrDefault(l => l.LineNumber == lineNumber)
        ?? throw new DomainException("WorkReport.LineNotFound", "The work report has no such line.");

    /// <summary>
    /// A manager changes who pays one line (e.g. goodwill, or proof of purchase shown after the visit). The reason is
    /// kept on the line and the change goes on the request's timeline as an internal note. An invoice already issued
    /// is not changed: void it and issue a new one.
    /// </summary>
    public void OverridePayer(ServiceRequest request, int lineNumber, Payer payer, string reason, RequestActor manager, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(manager);
        Guard.Utc(nowUtc, nameof(nowUtc));
        if (request.Id != ServiceRequestId)
        {
            throw new ArgumentException("The request must be the one the report was filed for.", nameof(request));
        }

        var line = Line(lineNumber);
        if (line.Payer == payer)
        {
            throw new DomainException("WorkReport.PayerUnchanged", "This line is already paid by that party.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("WorkReport.OverrideReasonRequired", "Please give a reason for changing who pays.");
        }

        var note = Guard.Required(reason, "Reason", WorkReportLine.OverrideReasonMaxLength);
        var from = line.Payer;
        line.Override(payer, note);
        request.RecordPayerOverride($"#{lineNumber} {line.Description}: {from} → {payer}: {note}", manager, nowUtc);
    }

    private void AddPhotos(IEnumerable<Guid> storedFileIds, PhotoStage stage)
    {
        var ids = storedFileIds.Distinct().ToList();
        if (ids.Count > MaxPhotosPerStage)
        {
            throw new DomainException("WorkReport.TooManyPhotos", "At most 10 photos can be attached before and 10 after the work.");
        }

        if (ids.Any(id => _photos.Exists(p => p.StoredFileId == id)))
        {
            throw new DomainException("WorkReport.PhotoTwice", "A photo cannot be both a before and an after photo.");
        }

        _photos.AddRange(ids.Select(id => new WorkReportPhoto(id, stage)));
    }
}
