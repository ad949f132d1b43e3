using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Catalog;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.UnitTests.ServiceRequests;

namespace BathroomAftersales.UnitTests.Billing;

public class WorkReportTests
{
    private readonly BillingScenario _scenario = new();

    [Theory]
    [InlineData(1.5, 33.33, 50.00)] // 49.995 rounds away from zero
    [InlineData(0.5, 0.25, 0.13)] // 0.125: a cashier rounds up, banker's rounding would give 0.12
    [InlineData(2, 85.5, 171.00)]
    [InlineData(1, 0, 0)]
    public void A_line_amount_is_quantity_times_unit_price_rounded_half_away_from_zero_to_fen(double quantity, double unitPrice, double expected)
    {
        var line = WorkReportLine.Fee(FeeKind.RepairLabourFee, "维修工时", (decimal)quantity, (decimal)unitPrice);

        Assert.Equal((decimal)expected, line.Amount);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(-1, 10)]
    [InlineData(1.255, 10)]
    [InlineData(1, -0.01)]
    [InlineData(1, 10.001)]
    public void A_line_with_a_quantity_or_price_out_of_range_is_refused(double quantity, double unitPrice)
    {
        Assert.Throws<DomainException>(() => WorkReportLine.Fee(FeeKind.OnSiteFee, "上门服务费", (decimal)quantity, (decimal)unitPrice));
    }

    [Fact]
    public void A_part_line_needs_its_sku()
    {
        Assert.Throws<DomainException>(() => WorkReportLine.Part(null, " ", "进水阀", 1, 85.5m));
    }

    [Fact]
    public void Totals_are_kept_per_payer()
    {
        var request = _scenario.RequestInProgress();
        var report = _scenario.File(request, FaultCause.Wear);

        report.OverridePayer(request, 1, Payer.Supplier, "首次上门费用由我方承担", BillingScenario.Manager, _scenario.Now);

        Assert.Equal(50m, report.SupplierTotal);
        Assert.Equal(85.5m + 90m, report.CustomerTotal);
        Assert.Equal(225.5m, report.Total);
        Assert.Equal(report.Total, report.SupplierTotal + report.CustomerTotal);
    }

    [Fact]
    public void Lines_are_numbered_in_the_order_entered()
    {
        var report = _scenario.File(_scenario.RequestInProgress());

        Assert.Equal([1, 2, 3], report.Lines.Select(l => l.LineNumber));
    }

    [Fact]
    public void Overriding_a_payer_flips_the_line_keeps_the_reason_and_goes_on_the_timeline_as_an_internal_note()
    {
        var request = _scenario.RequestInProgress();
        var report = _scenario.FileAndComplete(request, FaultCause.Wear);

        report.OverridePayer(request, 2, Payer.Supplier, "客户补交购买凭证", BillingScenario.Manager, _scenario.Now);

        var line = report.Line(2);
        Assert.Equal(Payer.Supplier, line.Payer);
        Assert.True(line.PayerOverridden);
        Assert.Equal("客户补交购买凭证", line.OverrideReason);
        var recorded = request.Events.Last();
        Assert.Equal(RequestEventKind.PayerOverridden, recorded.Kind);
        Assert.False(recorded.VisibleToCustomer);
        Assert.Equal("manager-1", recorded.ActorUserId);
        Assert.Contains("客户补交购买凭证", recorded.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Overriding_a_payer_without_a_reason_is_refused(string? reason)
    {
        var request = _scenario.RequestInProgress();
        var report = _scenario.FileAndComplete(request, FaultCause.Wear);
        var events = request.Events.Count;

        var refused = Assert.Throws<DomainException>(() =>
            report.OverridePayer(request, 1, Payer.Supplier, reason!, BillingScenario.Manager, _scenario.Now));

        Assert.Equal("WorkReport.OverrideReasonRequired", refused.Code);
        Assert.Equal(Payer.Customer, report.Line(1).Payer);
        Assert.Equal(events, request.Events.Count);
    }

    [Fact]
    public void Overriding_to_the_same_payer_or_an_unknown_line_is_refused()
    {
        var request = _scenario.RequestInProgress();
        var report = _scenario.FileAndComplete(request, FaultCause.Wear);

        Assert.Equal("WorkReport.PayerUnchanged", Assert.Throws<DomainException>(() =>
            report.OverridePayer(request, 1, Payer.Customer, "原因", BillingScenario.Manager, _scenario.Now)).Code);
        Assert.Equal("WorkReport.LineNotFound", Assert.Throws<DomainException>(() =>
            report.OverridePayer(request, 9, Payer.Supplier, "原因", BillingScenario.Manager, _scenario.Now)).Code);
    }

    [Fact]
    public void A_report_without_the_factory_standard_confirmation_is_refused()
    {
        var refused = Assert.Throws<DomainException>(() => _scenario.File(_scenario.RequestInProgress(), restored: false));

        Assert.Equal("WorkReport.NotRestored", refused.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_report_without_the_customers_name_is_refused(string name)
    {
        var refused = Assert.Throws<DomainException>(() => _scenario.File(_scenario.RequestInProgress(), customerName: name));

        Assert.Equal("Domain.Required", refused.Code);
    }

    [Fact]
    public void Only_the_assigned_technician_can_file_the_report()
    {
        var refused = Assert.Throws<DomainException>(() => _scenario.File(_scenario.RequestInProgress(), technicianId: 7));

        Assert.Equal("Request.NotAssignedTechnician", refused.Code);
    }

    [Theory]
    [InlineData(RequestStatus.Acknowledged)]
    [InlineData(RequestStatus.Completed)]
    [InlineData(RequestStatus.Closed)]
    [InlineData(RequestStatus.Cancelled)]
    public void A_report_cannot_be_filed_for_a_request_that_is_not_at_the_visit(RequestStatus status)
    {
        var request = _scenario.RequestInProgress(status: status);

        var refused = Assert.Throws<DomainException>(() => _scenario.File(request));

        Assert.Equal("Request.IllegalTransition", refused.Code);
    }

    [Fact]
    public void Filing_completes_the_request_with_the_work_performed_as_the_customers_summary()
    {
        var request = _scenario.RequestInProgress();

        var report = _scenario.FileAndComplete(request);

        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.Equal(_scenario.Now, request.CompletedAt);
        var filed = request.Events.Last();
        Assert.Equal(RequestEventKind.WorkReportFiled, filed.Kind);
        Assert.Equal(RequestStatus.InProgress, filed.FromStatus);
        Assert.Equal(RequestStatus.Completed, filed.ToStatus);
        Assert.True(filed.VisibleToCustomer);
        Assert.Equal(report.WorkPerformed, filed.Note);
    }

    [Fact]
    public void A_technician_who_did_not_tap_start_may_file_from_a_scheduled_request()
    {
        var request = _scenario.RequestInProgress(status: RequestStatus.Scheduled);

        _scenario.FileAndComplete(request);

        Assert.Equal(RequestStatus.Completed, request.Status);
    }

    [Fact]
    public void A_report_keeps_its_before_and_after_photos()
    {
        var before = Guid.NewGuid();
        var after = Guid.NewGuid();

        var report = WorkReport.File(
            _scenario.RequestInProgress(withProduct: false), 0, BillingScenario.LastWarrantyDay, "更换进水阀", FaultCause.Wear, true, "张女士", null,
            BillingScenario.Lines(), [before, before], [after], _scenario.Now);

        Assert.Equal([(before, PhotoStage.Before), (after, PhotoStage.After)], report.Photos.Select(p => (p.StoredFileId, p.Stage)));
    }

    [Fact]
    public void The_same_photo_cannot_be_before_and_after()
    {
        var photo = Guid.NewGuid();

        Assert.Throws<DomainException>(() => WorkReport.File(
            _scenario.RequestInProgress(withProduct: false), 0, BillingScenario.LastWarrantyDay, "更换进水阀", FaultCause.Wear, true, "张女士", null,
            BillingScenario.Lines(), [photo], [photo], _scenario.Now));
    }

    [Fact]
    public void A_request_is_completed_with_its_report_only_once()
    {
        var request = _scenario.RequestInProgress();
        var report = _scenario.File(request);

        request.CompleteWithReport(report, RequestScenario.FieldTechnician, _scenario.Now);
        Assert.Throws<DomainException>(() => request.CompleteWithReport(report, RequestScenario.FieldTechnician, _scenario.Now));
    }
}
