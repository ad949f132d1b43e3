using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Catalog;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.UnitTests.ServiceRequests;

namespace BathroomAftersales.UnitTests.Billing;

/// <summary>A request at the technician's visit, a registered toilet, and a way to file its work report.</summary>
internal sealed class BillingScenario
{
    /// <summary>Bought 2025-11-20 with 12 months of warranty: covered up to and including 2026-11-20.</summary>
    public static readonly DateOnly PurchaseDate = new(2025, 11, 20);

    public static readonly DateOnly LastWarrantyDay = new(2026, 11, 20);

    public static readonly RequestActor Manager = new("manager-1", "赵经理");

    public static readonly RequestActor Cashier = new("agent-1", "客服小李");

    public RequestScenario Requests { get; } = new();

    public DateTime Now => Requests.Now;

    public static CustomerProduct Toilet() =>
        new(1, new ProductModel("tl-100", "智能马桶 TL-100", ProductCategory.Toilet), "SN-0001", PurchaseDate, RequestScenario.Home, PurchaseDate);

    /// <summary>A repair in progress for the registered toilet (or for no product), the technician on site.</summary>
    public ServiceRequest RequestInProgress(bool withProduct = true, RequestStatus status = RequestStatus.InProgress) =>
        Requests.DriveTo(status, product: withProduct ? new RequestedProduct(0, 0) : null);

    public static List<WorkReportLine> Lines() =>
    [
        WorkReportLine.Fee(FeeKind.OnSiteFee, "上门服务费", 1, 50m),
        WorkReportLine.Part(12, "FV-200", "进水阀", 1, 85.5m),
        WorkReportLine.Fee(FeeKind.RepairLabourFee, "维修工时", 1.5m, 60m),
    ];

    public WorkReport File(
        ServiceRequest request,
        FaultCause cause = FaultCause.QualityDefect,
        DateOnly? serviceDate = null,
        bool withProduct = true,
        IEnumerable<WorkReportLine>? lines = null,
        bool restored = true,
        string customerName = "张女士",
        int technicianId = 0) =>
        WorkReport.File(
            request,
            technicianId,
            serviceDate ?? LastWarrantyDay,
            "更换进水阀，试水正常",
            cause,
            restored,
            customerName,
            withProduct ? Toilet() : null,
            lines ?? Lines(),
            [Guid.NewGuid()],
            [Guid.NewGuid()],
            Now);

    /// <summary>Files the report and completes the request with it, as the technician's page does in one save.</summary>
    public WorkReport FileAndComplete(ServiceRequest request, FaultCause cause = FaultCause.QualityDefect, DateOnly? serviceDate = null, IEnumerable<WorkReportLine>? lines = null)
    {
        var report = File(request, cause, serviceDate, withProduct: request.CustomerProductId is not null, lines);
        request.CompleteWithReport(report, RequestScenario.FieldTechnician, Now);
        return report;
    }
}
