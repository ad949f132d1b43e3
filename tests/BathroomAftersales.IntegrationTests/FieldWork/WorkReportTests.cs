using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Catalog;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Staff;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BathroomAftersales.IntegrationTests.FieldWork;

/// <summary>
/// The technician's work report: filing it completes the job with lines priced on the service day and a payer decided
/// by the warranty and the fault cause; the desk sees it (and a manager may change a line's payer); the customer sees
/// who pays in plain words.
/// </summary>
public sealed class WorkReportTests(AppFactory factory) : IClassFixture<AppFactory>
{
    /// <summary>The demo customer's toilet, bought eight months ago: in warranty.</summary>
    private const string ToiletInWarranty = "S7A2026030112";

    /// <summary>The demo customer's faucet, bought thirty months ago: out of warranty.</summary>
    private const string FaucetOutOfWarranty = "M21B2024051033";

    private static string Report(int id) => "/Technician/Jobs/Report/" + id.ToString(CultureInfo.InvariantCulture);

    private static string Portal(int id) => "/Portal/Requests/Details/" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A repair of the demo customer's product dispatched to the demo technician, the visit started when asked.</summary>
    private async Task<int> JobAsync(string? serial = ToiletInWarranty, bool started = true, string technicianEmail = DemoData.TechnicianEmail)
    {
        await using var scope = factory.OpenDb();
        var db = scope.Db;
        var customer = await db.Customers.SingleAsync(c => c.Email == DemoData.CustomerEmail);
        var product = serial is null ? null : await db.CustomerProducts.SingleAsync(p => p.SerialNumber == serial);
        var technician = await db.Technicians.SingleAsync(t => db.Users.Any(u => u.Id == t.UserId && u.Email == technicianEmail));
        var now = factory.Now();
        var request = ServiceRequest.Submit(
            await scope.Get<RequestNumberAllocator>().NextAsync(), customer.Id, RequestedProduct.Of(product), RequestType.Repair, RequestChannel.Web,
            RequestPriority.Normal, "马桶水箱进水阀漏水。", customer.Address, ServiceLevelPolicy.Default, DeskData.Desk, now.AddHours(-5));
        request.Acknowledge(DeskData.Desk, now.AddHours(-4));
        request.Dispatch(technician, new AppointmentWindow(now.AddHours(-1), now.AddHours(1)), DeskData.Desk, now.AddHours(-3));
        if (started)
        {
            request.StartVisit(new RequestActor(technician.UserId, technician.Name), now.AddMinutes(-30));
        }

        db.ServiceRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    /// <summary>A demo part by SKU; the angle valve by default, which fits toilets, basins and faucets alike.</summary>
    private Task<(int Id, string Sku, decimal Price)> PartAsync(string sku = "PT-AV01") =>
        factory.QueryAsync(async db =>
        {
            var part = await db.Parts.AsNoTracking().Include(p => p.Prices).Where(p => p.Active && p.Sku == sku).SingleAsync();
            var today = factory.Services.GetRequiredService<LocalClock>().Today;
            return (part.Id, part.Sku, part.PriceOn(today)!.Value);
        });

    private async Task<Dictionary<string, string?>> FieldsAsync(FaultCause cause = FaultCause.QualityDefect)
    {
        var part = await PartAsync();
        return new Dictionary<string, string?>
        {
            ["Input.WorkPerformed"] = "更换进水阀，试水正常。",
            ["Input.FaultCause"] = cause.ToString(),
            ["Input.Parts[0].PartId"] = part.Id.ToString(CultureInfo.InvariantCulture),
            ["Input.Parts[0].Quantity"] = "2",
            ["Input.Fees[0].Quantity"] = "1",
            ["Input.Fees[1].Quantity"] = "1.5",
            ["Input.RestoredToFactoryStandard"] = "true",
            ["Input.CustomerConfirmationName"] = "张伟",
        };
    }

    private Task<WorkReport?> LoadReportAsync(int id) =>
        factory.QueryAsync(db => db.WorkReports.AsNoTracking().Include(r => r.Lines).Include(r => r.Photos).FirstOrDefaultAsync(r => r.ServiceRequestId == id));

    private async Task FileAsync(int id, FaultCause cause = FaultCause.QualityDefect)
    {
        using var technician = await factory.SignedInAsync(Accounts.Technician);
        using var response = await technician.SubmitFormAsync(Report(id), await FieldsAsync(cause));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task The_demo_technician_files_a_report_and_the_request_completes_with_its_lines_photos_and_the_customers_notification()
    {
        var id = await JobAsync();
        var part = await PartAsync();
        using var technician = await factory.SignedInAsync(Accounts.Technician);

        var (get, page) = await technician.GetPageAsync(Report(id));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.NotNull(page.QuerySelector("#warranty-state"));
        Assert.NotNull(page.QuerySelector("#payer-note"));

        using var response = await technician.SubmitFormAsync(
            Report(id), await FieldsAsync(), [Upload.Jpeg("PhotosBefore", "before.jpg"), Upload.Jpeg("PhotosAfter", "after.jpg")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Technician/Jobs/Details/" + id, response.RedirectTarget());
        var request = await factory.LoadRequestAsync(id);
        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.Single(request.Events, e => e.Kind == RequestEventKind.WorkReportFiled);
        var report = await LoadReportAsync(id);
        Assert.NotNull(report);
        Assert.True(report.RestoredToFactoryStandard);
        Assert.Equal("张伟", report.CustomerConfirmationName);
        Assert.Equal(factory.Services.GetRequiredService<LocalClock>().Today, report.ServiceDate);
        Assert.Equal(3, report.Lines.Count);
        var partLine = Assert.Single(report.Lines, l => l.Kind == WorkReportLineKind.Part);
        Assert.Equal((part.Id, part.Sku, part.Price, 2m), (partLine.PartId!.Value, partLine.Sku!, partLine.UnitPrice, partLine.Quantity));
        Assert.Equal(80m, report.Lines.Single(l => l.FeeKind == FeeKind.OnSiteFee).Amount);
        Assert.Equal(180m, report.Lines.Single(l => l.FeeKind == FeeKind.RepairLabourFee).Amount);
        Assert.Equal(2, report.Photos.Count);
        Assert.Equal(2, await factory.QueryAsync(db => db.StoredFiles.CountAsync(f => f.ServiceRequestId == id)));
        Assert.Equal(1, await factory.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.DeduplicationKey!.StartsWith("RequestCompleted:" + id + ":"))));

        // The desk sees the report with its photos in the card, not among the customer's problem photos.
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var (_, staff) = await agent.GetPageAsync(DeskData.Details(id));
        Assert.Equal(2, staff.QuerySelectorAll("#work-report img").Length);
        Assert.Null(staff.QuerySelector("#photos-heading"));
        Assert.Equal(3, staff.QuerySelectorAll("#report-lines tbody tr").Length);
        Assert.Equal("张伟", staff.QuerySelector("#report-customer-name")?.TextContent.Trim());
    }

    [Theory]
    [InlineData(ToiletInWarranty, FaultCause.QualityDefect, Payer.Supplier)]
    [InlineData(ToiletInWarranty, FaultCause.Wear, Payer.Customer)]
    [InlineData(FaucetOutOfWarranty, FaultCause.QualityDefect, Payer.Customer)]
    [InlineData(null, FaultCause.QualityDefect, Payer.Customer)]
    public async Task Every_line_is_paid_by_the_supplier_only_for_a_quality_defect_in_warranty(string? serial, FaultCause cause, Payer expected)
    {
        var id = await JobAsync(serial);

        await FileAsync(id, cause);

        var report = await LoadReportAsync(id);
        Assert.NotNull(report);
        Assert.All(report.Lines, l => Assert.Equal(expected, l.Payer));
    }

    [Theory]
    [InlineData("Input.RestoredToFactoryStandard", null, "Please confirm that the product is restored to the factory standard.")]
    [InlineData("Input.CustomerConfirmationName", "", "Please ask the customer to type their name to confirm the work.")]
    [InlineData("Input.Parts[0].Quantity", "-1", "The quantity must be more than zero, at most 9999, with at most two decimal places.")]
    [InlineData("Input.Parts[0].Quantity", "1.234", "The quantity must be more than zero, at most 9999, with at most two decimal places.")]
    [InlineData("Input.Parts[0].PartId", "999999", "Please choose a part from the list.")]
    public async Task A_report_is_refused_with_a_message_and_nothing_saved(string field, string? value, string message)
    {
        var id = await JobAsync();
        var fields = await FieldsAsync();
        fields[field] = value;
        using var technician = await factory.SignedInAsync(Accounts.Technician);
        var form = await technician.GetFormAsync(Report(id), fields.Keys);

        // A forged part id is not among the options: sent as a browser cannot, by hand.
        using var response = await technician.SubmitAsync(form.Fill(fields));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(factory.InChinese(message), page.ErrorMessages());
        Assert.Equal("更换进水阀，试水正常。", page.QuerySelector("#Input_WorkPerformed")?.TextContent.Trim());
        Assert.Null(await LoadReportAsync(id));
        Assert.Equal(RequestStatus.InProgress, (await factory.LoadRequestAsync(id)).Status);
        Assert.Equal(0, await factory.QueryAsync(db => db.StoredFiles.CountAsync(f => f.ServiceRequestId == id)));
    }

    [Fact]
    public async Task After_a_reopen_the_rework_visit_files_a_report_of_its_own()
    {
        var id = await JobAsync();
        await FileAsync(id, FaultCause.Installation);
        await using (var scope = factory.OpenDb())
        {
            var request = await scope.Db.ServiceRequests.SingleAsync(r => r.Id == id);
            var technician = await scope.Db.Technicians.SingleAsync(t => t.Id == request.TechnicianId);
            var now = factory.Now();
            request.Reopen("冲水后还是漏水", DeskData.Desk, now);
            request.Dispatch(technician, new AppointmentWindow(now.AddMinutes(10), now.AddHours(2)), DeskData.Desk, now, "返工");
            request.StartVisit(new RequestActor(technician.UserId, technician.Name), now);
            await scope.Db.SaveChangesAsync();
        }

        await FileAsync(id, FaultCause.QualityDefect);

        Assert.Equal(RequestStatus.Completed, (await factory.LoadRequestAsync(id)).Status);
        var reports = await factory.QueryAsync(db => db.WorkReports.AsNoTracking().Where(r => r.ServiceRequestId == id).OrderBy(r => r.Round).ToListAsync());
        Assert.Equal([(0, FaultCause.Installation), (1, FaultCause.QualityDefect)], reports.Select(r => (r.Round, r.FaultCause)));
    }

    [Fact]
    public async Task A_part_that_does_not_fit_the_product_is_not_offered_and_is_refused_when_forged()
    {
        var id = await JobAsync(ToiletInWarranty);
        var showerHead = await PartAsync("PT-SH01");
        var fields = await FieldsAsync();
        fields["Input.Parts[0].PartId"] = showerHead.Id.ToString(CultureInfo.InvariantCulture);
        using var technician = await factory.SignedInAsync(Accounts.Technician);

        var (_, form) = await technician.GetPageAsync(Report(id));
        Assert.DoesNotContain(form.QuerySelectorAll("#part-0 option"), o => o.GetAttribute("value") == fields["Input.Parts[0].PartId"]);

        using var response = await technician.SubmitAsync((await technician.GetFormAsync(Report(id), fields.Keys)).Fill(fields));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(
            factory.InChinese("{0} does not fit a {1}. Please choose a part for this product.", "手持花洒头", factory.InChinese("Toilet")),
            (await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Null(await LoadReportAsync(id));
    }

    [Fact]
    public async Task A_file_that_is_not_a_photo_is_refused_by_its_content_and_nothing_is_saved()
    {
        var id = await JobAsync();
        using var technician = await factory.SignedInAsync(Accounts.Technician);
        var fake = new Upload("PhotosAfter", "after.jpg", "image/jpeg", "not a photo at all"u8.ToArray());

        using var response = await technician.SubmitFormAsync(Report(id), await FieldsAsync(), [Upload.Jpeg("PhotosBefore"), fake]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(factory.InChinese("“{0}” is not a JPEG, PNG or WebP photo.", "after.jpg"), page.ErrorMessages());
        Assert.Null(await LoadReportAsync(id));
        Assert.Equal(0, await factory.QueryAsync(db => db.StoredFiles.CountAsync(f => f.ServiceRequestId == id)));
    }

    [Fact]
    public async Task Another_technicians_job_is_not_found_on_get_and_post()
    {
        var other = await factory.CreateTechnicianAsync("别组师傅");
        var otherEmail = await factory.QueryAsync(db => db.Users.Where(u => db.Technicians.Any(t => t.Id == other && t.UserId == u.Id)).Select(u => u.Email).SingleAsync());
        var id = await JobAsync(technicianEmail: otherEmail!);
        var version = (await factory.SnapshotAsync(id)).Version.ToString();
        using var technician = await factory.SignedInAsync(Accounts.Technician);

        using var get = await technician.GetAsync(new Uri(Report(id), UriKind.Relative));
        using var post = await technician.PostWithTokenAsync(Report(id), "/Technician/Jobs", new Dictionary<string, string>
        {
            ["Input.Version"] = version,
            ["Input.WorkPerformed"] = "伪造",
            ["Input.FaultCause"] = nameof(FaultCause.Wear),
            ["Input.RestoredToFactoryStandard"] = "true",
            ["Input.CustomerConfirmationName"] = "某人",
        });

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Null(await LoadReportAsync(id));
    }

    [Fact]
    public async Task A_second_post_of_the_same_form_after_filing_does_not_create_a_second_report()
    {
        var id = await JobAsync(started: false);
        var fields = await FieldsAsync();
        using var technician = await factory.SignedInAsync(Accounts.Technician);
        var form = (await technician.GetFormAsync(Report(id), fields.Keys)).Fill(fields);

        using var first = await technician.SubmitAsync(form);
        using var second = await technician.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(1, await factory.QueryAsync(db => db.WorkReports.CountAsync(r => r.ServiceRequestId == id)));
        Assert.Equal(RequestStatus.Completed, (await factory.LoadRequestAsync(id)).Status);
        var (again, page) = await technician.GetPageAsync(Report(id));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.NotNull(page.QuerySelector("#report-closed"));
        Assert.Null(page.QuerySelector("form#work-report"));
    }

    [Fact]
    public async Task A_manager_changes_who_pays_a_line_with_a_reason_and_the_customer_sees_the_new_payer()
    {
        var id = await JobAsync();
        await FileAsync(id);
        using var manager = await factory.SignedInAsync(Accounts.Manager);

        var (staffResponse, staffPage) = await manager.GetPageAsync(DeskData.Details(id));
        var form = Browser.Forms(staffPage, staffResponse.RequestMessage!.RequestUri!)
            .Single(f => f.Action.Query.Contains("handler=OverridePayer", StringComparison.Ordinal) && f.Value("Input.LineNumber") == "1");

        using var response = await manager.SubmitAsync(form.Fill(new Dictionary<string, string?>
        {
            ["Input.Payer"] = nameof(Payer.Customer),
            ["Input.Reason"] = "配件为客户自行损坏",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var report = await LoadReportAsync(id);
        var line = report!.Lines.Single(l => l.LineNumber == 1);
        Assert.Equal((Payer.Customer, true, "配件为客户自行损坏"), (line.Payer, line.PayerOverridden, line.OverrideReason));
        Assert.All(report.Lines.Where(l => l.LineNumber != 1), l => Assert.Equal(Payer.Supplier, l.Payer));
        var request = await factory.LoadRequestAsync(id);
        var overridden = Assert.Single(request.Events, e => e.Kind == RequestEventKind.PayerOverridden);
        Assert.False(overridden.VisibleToCustomer);

        using var customer = await factory.SignedInAsync(Accounts.Customer);
        var (_, portal) = await customer.GetPageAsync(Portal(id));
        Assert.Equal(factory.InChinese("Paid by you"), portal.QuerySelector("#report-lines [data-line='1'] .line-payer")?.TextContent.Trim());
        Assert.Equal(factory.InChinese("Quality problem in warranty: paid by the supplier"), portal.QuerySelector("#report-lines [data-line='2'] .line-payer")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_crm_agent_cannot_change_who_pays()
    {
        var id = await JobAsync();
        await FileAsync(id);
        var version = (await factory.SnapshotAsync(id)).Version.ToString();
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        var (_, page) = await agent.GetPageAsync(DeskData.Details(id));
        using var response = await agent.PostWithTokenAsync(DeskData.Details(id) + "?handler=OverridePayer", DeskData.Details(id), new Dictionary<string, string>
        {
            ["Input.Version"] = version,
            ["Input.LineNumber"] = "1",
            ["Input.Payer"] = nameof(Payer.Customer),
            ["Input.Reason"] = "试试",
        });

        Assert.NotNull(page.QuerySelector("#work-report"));
        Assert.Null(page.QuerySelector("#override-payer"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.All((await LoadReportAsync(id))!.Lines, l => Assert.Equal(Payer.Supplier, l.Payer));
    }

    [Fact]
    public async Task The_customer_sees_the_lines_and_who_pays_and_another_customer_gets_not_found()
    {
        var id = await JobAsync(FaucetOutOfWarranty);
        await FileAsync(id, FaultCause.Wear);
        using var customer = await factory.SignedInAsync(Accounts.Customer);
        var customer2Account = Accounts.Customer with { Login = DemoData.Customer2Email };
        using var other = await factory.SignedInAsync(customer2Account);

        var (response, page) = await customer.GetPageAsync(Portal(id));
        using var otherResponse = await other.GetAsync(new Uri(Portal(id), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = page.QuerySelectorAll("#report-lines [data-line]");
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.Equal(factory.InChinese("Paid by you"), l.QuerySelector(".line-payer")?.TextContent.Trim()));
        Assert.Equal(factory.InChinese("Wear"), page.QuerySelector("#report-fault-cause")?.TextContent.Trim());
        Assert.Equal("¥0.00", page.QuerySelector("#supplier-total")?.TextContent.Trim());
        Assert.Contains("更换进水阀", page.VisibleText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, otherResponse.StatusCode);
    }
}
