using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Catalog;
using BathroomAftersales.Domain.Files;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Data;

/// <summary>Work reports, invoices and payments on SQLite, where EF keeps decimals as TEXT.</summary>
public sealed class SqliteBillingPersistenceTests(AppFactory factory) : BillingPersistenceTests(factory), IClassFixture<AppFactory>;

/// <summary>The same on PostgreSQL, when a server is available (scripts/start-postgres.sh).</summary>
[Trait(TestTraits.Database, TestTraits.OwnDatabase)]
public sealed class PostgresBillingPersistenceTests(PostgresAppFactory factory) : BillingPersistenceTests(factory), IClassFixture<PostgresAppFactory>
{
    protected override void SkipUnlessAvailable() => PostgresAppFactory.SkipUnlessAvailable();
}

/// <summary>Work reports, invoices and payments as each provider stores them: amounts exact to the fen, sums in SQL.</summary>
public abstract class BillingPersistenceTests(AppFactory factory)
{
    private static readonly RequestActor Manager = new(null, "赵经理");

    [SkippableFact]
    public async Task A_work_report_an_invoice_and_its_payments_round_trip_through_the_database()
    {
        SkipUnlessAvailable();
        var (requestId, photoId) = await FileReportAsync();
        var invoiceId = await IssueAndPayAsync(requestId);

        await using var scope = factory.OpenDb();
        var report = await scope.Db.WorkReports.Include(r => r.Lines).Include(r => r.Photos).SingleAsync(r => r.ServiceRequestId == requestId);
        var invoice = await scope.Db.Invoices.Include(i => i.Lines).Include(i => i.Payments).SingleAsync(i => i.Id == invoiceId);
        var request = await scope.Db.ServiceRequests.Include(r => r.Events).SingleAsync(r => r.Id == requestId);

        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.Contains(request.Events, e => e.Kind == RequestEventKind.WorkReportFiled);
        Assert.Contains(request.Events, e => e.Kind == RequestEventKind.PayerOverridden && !e.VisibleToCustomer);
        Assert.Equal(FaultCause.Wear, report.FaultCause);
        Assert.Equal([(1, Payer.Supplier, 50m), (2, Payer.Customer, 85.5m), (3, Payer.Customer, 90m)],
            report.Lines.OrderBy(l => l.LineNumber).Select(l => (l.LineNumber, l.Payer, l.Amount)));
        Assert.Equal(1.5m, report.Line(3).Quantity);
        Assert.Equal(FeeKind.RepairLabourFee, report.Line(3).FeeKind);
        Assert.Equal("首次上门免收", report.Line(1).OverrideReason);
        Assert.Equal((photoId, PhotoStage.After), report.Photos.Select(p => (p.StoredFileId, p.Stage)).Single());

        Assert.StartsWith("INV-", invoice.Number, StringComparison.Ordinal);
        Assert.Equal(175.5m, invoice.Total);
        Assert.Equal([85.5m, 90m], invoice.Lines.OrderBy(l => l.LineNumber).Select(l => l.Amount));
        Assert.Equal(InvoiceStatus.PartiallyPaid, invoice.Status);
        Assert.Equal(100m, invoice.PaidTotal);
        Assert.Equal(75.5m, invoice.Balance);
        var payment = Assert.Single(invoice.Payments);
        Assert.Equal((PaymentMethod.BankTransfer, 100m, "BOC-0001"), (payment.Method, payment.Amount, payment.Reference));
    }

    [SkippableFact]
    public async Task Line_amounts_sum_per_payer_in_SQL()
    {
        SkipUnlessAvailable();
        var (requestId, _) = await FileReportAsync();

        var totals = await factory.QueryAsync(db => db.WorkReportLines
            .Where(l => db.WorkReports.Any(r => r.Id == l.WorkReportId && r.ServiceRequestId == requestId))
            .GroupBy(l => l.Payer)
            .Select(g => new { Payer = g.Key, Total = g.Sum(l => l.Amount) })
            .ToListAsync());

        Assert.Equal(50m, totals.Single(t => t.Payer == Payer.Supplier).Total);
        Assert.Equal(175.5m, totals.Single(t => t.Payer == Payer.Customer).Total);
    }

    [SkippableFact]
    public async Task A_second_active_invoice_of_a_request_is_refused_by_the_database()
    {
        SkipUnlessAvailable();
        var (requestId, _) = await FileReportAsync();
        await IssueAndPayAsync(requestId);

        await using var scope = factory.OpenDb();
        var request = await scope.Db.ServiceRequests.SingleAsync(r => r.Id == requestId);
        var report = await scope.Db.WorkReports.Include(r => r.Lines).SingleAsync(r => r.ServiceRequestId == requestId);

        // Issued as if the other invoice had not been seen yet (two clerks at the same moment).
        var second = Invoice.Issue(await scope.Get<RequestNumberAllocator>().NextInvoiceNumberAsync(), request, report, [], Manager, Now);
        scope.Db.Invoices.Add(second);

        await Assert.ThrowsAsync<DbUpdateException>(() => scope.Db.SaveChangesAsync());
    }

    [SkippableFact]
    public async Task Rework_after_a_reopen_files_a_second_report_that_is_invoiced_on_its_own()
    {
        SkipUnlessAvailable();
        var (requestId, _) = await FileReportAsync();
        await IssueAndPayAsync(requestId);

        await using (var scope = factory.OpenDb())
        {
            var db = scope.Db;
            var request = await db.ServiceRequests.SingleAsync(r => r.Id == requestId);
            var technician = await db.Technicians.SingleAsync(t => t.Id == request.TechnicianId);
            var actor = new RequestActor(technician.UserId, technician.Name);
            request.Reopen("还是漏水", Manager, Now);
            request.Dispatch(technician, new AppointmentWindow(Now.AddHours(1), Now.AddHours(2)), Manager, Now);
            request.StartVisit(actor, Now);
            var rework = WorkReport.File(
                request, technician.Id, DateOnly.FromDateTime(Now), "重新安装进水阀密封圈", FaultCause.Installation, true, "张女士", null,
                [WorkReportLine.Fee(FeeKind.OnSiteFee, "上门服务费", 1, 50m)], [], [], Now);
            request.CompleteWithReport(rework, actor, Now);
            db.WorkReports.Add(rework);
            await db.SaveChangesAsync();
        }

        var rounds = await factory.QueryAsync(db => db.WorkReports.Where(r => r.ServiceRequestId == requestId).OrderBy(r => r.Round).Select(r => r.Round).ToListAsync());
        Assert.Equal([0, 1], rounds);

        await using (var scope = factory.OpenDb())
        {
            var db = scope.Db;
            var request = await db.ServiceRequests.SingleAsync(r => r.Id == requestId);
            var latest = await db.WorkReports.Include(r => r.Lines).SingleAsync(r => r.ServiceRequestId == requestId && r.Round == 1);
            var existing = await db.Invoices.Where(i => i.ServiceRequestId == requestId).ToListAsync();
            db.Invoices.Add(Invoice.Issue(await scope.Get<RequestNumberAllocator>().NextInvoiceNumberAsync(), request, latest, existing, Manager, Now));
            await db.SaveChangesAsync();
        }

        Assert.Equal(2, await factory.QueryAsync(db => db.Invoices.CountAsync(i => i.ServiceRequestId == requestId && i.Status != InvoiceStatus.Void)));
    }

    protected virtual void SkipUnlessAvailable()
    {
    }

    private DateTime Now => factory.Time.GetUtcNow().UtcDateTime;

    /// <summary>A worn valve replaced: the on-site fee overridden to the supplier, the part and 1.5 hours to the customer.</summary>
    private async Task<(int RequestId, Guid PhotoId)> FileReportAsync()
    {
        var requestId = await factory.CreateRequestAsync(DemoData.CustomerEmail, RequestStatus.InProgress);
        await using var scope = factory.OpenDb();
        var db = scope.Db;
        var request = await db.ServiceRequests.SingleAsync(r => r.Id == requestId);
        var technician = await db.Technicians.SingleAsync(t => t.Id == request.TechnicianId);
        var photo = new StoredFile(
            Guid.NewGuid(), request.CustomerId, FilePurpose.RequestPhoto, Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"),
            "image/jpeg", 1000, 100, 100, technician.UserId, Now);
        db.StoredFiles.Add(photo);

        var report = WorkReport.File(
            request, technician.Id, DateOnly.FromDateTime(Now), "更换进水阀，试水正常", FaultCause.Wear, true, "张女士", null,
            [
                WorkReportLine.Fee(FeeKind.OnSiteFee, "上门服务费", 1, 50m),
                WorkReportLine.Part(null, "FV-200", "进水阀", 1, 85.5m),
                WorkReportLine.Fee(FeeKind.RepairLabourFee, "维修工时", 1.5m, 60m),
            ],
            [],
            [photo.Id],
            Now);
        request.CompleteWithReport(report, new RequestActor(technician.UserId, technician.Name), Now);
        db.WorkReports.Add(report);
        await db.SaveChangesAsync();

        report.OverridePayer(request, 1, Payer.Supplier, "首次上门免收", Manager, Now);
        await db.SaveChangesAsync();
        return (requestId, photo.Id);
    }

    private async Task<int> IssueAndPayAsync(int requestId)
    {
        await using var scope = factory.OpenDb();
        var db = scope.Db;
        var request = await db.ServiceRequests.SingleAsync(r => r.Id == requestId);
        var report = await db.WorkReports.Include(r => r.Lines).SingleAsync(r => r.ServiceRequestId == requestId && r.Round == 0);
        var existing = await db.Invoices.Where(i => i.ServiceRequestId == requestId).ToListAsync();
        var number = await scope.Get<RequestNumberAllocator>().NextInvoiceNumberAsync();

        var invoice = Invoice.Issue(number, request, report, existing, Manager, Now);
        db.Invoices.Add(invoice);
        await db.SaveChangesAsync();
        invoice.RecordPayment(PaymentMethod.BankTransfer, 100m, DateOnly.FromDateTime(Now), "BOC-0001", Manager, Now);
        await db.SaveChangesAsync();
        return invoice.Id;
    }
}
