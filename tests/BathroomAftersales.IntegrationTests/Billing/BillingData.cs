using System.Globalization;
using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Catalog;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Staff;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Billing;

/// <summary>
/// Completed requests with a filed work report, made through the domain as the desk and the technician would
/// (<see cref="WorkReport.File"/>, <see cref="ServiceRequest.CompleteWithReport"/>), so each billing test has its own.
/// </summary>
public static class BillingData
{
    /// <summary>The lines of the standard report: a part ¥35.00, the on-site fee ¥80.00 and half an hour's labour ¥60.00.</summary>
    public const decimal StandardTotal = 175m;

    /// <summary>
    /// A repair of <paramref name="customerId"/>'s new product, completed with a report of the three standard lines. In
    /// warranty (bought a month ago) with a quality defect the supplier pays everything; otherwise (bought three years
    /// ago, worn) the customer does. <paramref name="supplierPaysLine"/> overrides one line to the supplier, as a manager may.
    /// </summary>
    public static async Task<int> CreateCompletedRequestWithReportAsync(
        this AppFactory factory, int customerId, bool inWarranty = false, int? supplierPaysLine = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.OpenDb();
        var db = scope.Db;
        var clock = scope.Get<Web.LocalClock>();
        var numbers = scope.Get<RequestNumberAllocator>();
        var now = factory.Now();
        var today = clock.Today;
        var customer = await db.Customers.SingleAsync(c => c.Id == customerId);
        var model = await db.ProductModels.OrderBy(m => m.Id).FirstAsync();
        var technician = await db.Technicians.OrderBy(t => t.Id).FirstAsync();
        var technicianActor = new RequestActor(technician.UserId, technician.Name);
        var serial = "TEST" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var product = new CustomerProduct(customerId, model, serial, inWarranty ? today.AddMonths(-1) : today.AddYears(-3), customer.Address!, today);
        db.CustomerProducts.Add(product);
        await db.SaveChangesAsync();

        var start = now.AddDays(-2);
        var request = ServiceRequest.Submit(
            await numbers.NextAsync(), customerId, RequestedProduct.Of(product), RequestType.Repair, RequestChannel.Phone, RequestPriority.Normal,
            "测试：马桶进水阀漏水。", customer.Address, ServiceLevelPolicy.Default, DeskData.Desk, start);
        request.Acknowledge(DeskData.Desk, start.AddHours(1));
        var visit = now.AddDays(-1);
        request.Dispatch(technician, new AppointmentWindow(visit, visit.AddHours(2)), DeskData.Desk, start.AddHours(2));
        request.StartVisit(technicianActor, visit.AddMinutes(5));
        db.ServiceRequests.Add(request);
        await db.SaveChangesAsync();

        var report = WorkReport.File(
            request, technician.Id, DateOnly.FromDateTime(clock.ToLocal(visit)), "更换进水阀，试水正常。",
            inWarranty ? FaultCause.QualityDefect : FaultCause.Wear, restoredToFactoryStandard: true, customer.Name, product,
            [
                WorkReportLine.Part(null, "PT-FV01", "坐便器进水阀", 1m, 35m),
                WorkReportLine.Fee(FeeKind.OnSiteFee, "上门服务费", 1m, 80m),
                WorkReportLine.Fee(FeeKind.RepairLabourFee, "维修工时费", 0.5m, 120m),
            ],
            [], [], visit.AddHours(1));
        request.CompleteWithReport(report, technicianActor, visit.AddHours(1));
        if (supplierPaysLine is { } line)
        {
            report.OverridePayer(request, line, Payer.Supplier, "商誉补偿", new RequestActor(null, "测试经理"), visit.AddHours(2));
        }

        db.WorkReports.Add(report);
        await db.SaveChangesAsync();
        return request.Id;
    }

    /// <summary>Issues the request's invoice through the domain, at the fake clock's now; returns its id.</summary>
    public static async Task<int> IssueInvoiceAsync(this AppFactory factory, int requestId)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.OpenDb();
        var db = scope.Db;
        var request = await db.ServiceRequests.SingleAsync(r => r.Id == requestId);
        var report = await db.WorkReports.Include(w => w.Lines).SingleAsync(w => w.ServiceRequestId == requestId);
        var existing = await db.Invoices.Where(i => i.ServiceRequestId == requestId).ToListAsync();
        var number = await scope.Get<RequestNumberAllocator>().NextInvoiceNumberAsync();
        var invoice = Invoice.Issue(number, request, report, existing, DeskData.Desk, factory.Now());
        db.Invoices.Add(invoice);
        await db.SaveChangesAsync();
        return invoice.Id;
    }

    public static Task<Invoice> LoadInvoiceAsync(this AppFactory factory, int invoiceId)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.QueryAsync(db => db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.Payments).SingleAsync(i => i.Id == invoiceId));
    }

    public static Task<List<Invoice>> InvoicesOfRequestAsync(this AppFactory factory, int requestId)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.QueryAsync(db => db.Invoices.AsNoTracking().Include(i => i.Lines).Where(i => i.ServiceRequestId == requestId).ToListAsync());
    }

    public static string InvoicePage(int id) => "/Staff/Invoices/Details/" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The invoice id a redirect to /Staff/Invoices/Details/{id} points at.</summary>
    public static int InvoiceIdOfRedirect(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        const string prefix = "/Staff/Invoices/Details/";
        var target = response.RedirectTarget();
        if (target is null || !target.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Expected a redirect to an invoice, got {(int)response.StatusCode} {target}.");
        }

        return int.Parse(target[prefix.Length..].Split('?')[0], NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
