using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Catalog;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Domain.Surveys;
using BathroomAftersales.Domain.Technicians;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Data.Seed;
using BathroomAftersales.Web.Identity;
using Microsoft.AspNetCore.Identity;

namespace BathroomAftersales.IntegrationTests.Reports;

/// <summary>
/// A small hand-made 2032-Q1 for the quarterly report, made through the domain's methods on an empty database, with
/// the clock on 1 June 2032. Times are Shanghai wall-clock (<see cref="Local"/>). Minutes from submission:
/// <code>
///        type          product  technician  response  completion  rating (closed)        warranty (supplier lines)
/// U1     UsageQuestion M1       –           60        60          5 "很好" (1/11)         –
/// U2     UsageQuestion M1       –           120       240         1 "回复太慢" (1/12)      –
/// U3     UsageQuestion –        –           15        15          4, closed 00:30 on 1 April: Q2
///        (submitted 23:30 on 31 March, answered 23:45: Q1)
/// X1     UsageQuestion –        –           –         –           cancelled
/// R1     Repair        M2       刘师傅      90        1500        2 "师傅迟到" (2/3)       quality defect in warranty: 91.00 + 80.00
/// R2     Repair (emergency) M3  刘师傅      30        360         –                       part 60.00 moved to the supplier; fee 120.00 customer's
/// R3     Repair        M2       周师傅      120       5760 (late) 1 "修了四天" (3/6)       fee 100.00 customer's
/// R4     Repair        –        –           –         –           –
/// R5     Repair        –        周师傅      60        1440        –                       fee 50.00 moved to the supplier
/// Y      UsageQuestion (2031-Q4)                                  4 (2031-Q4)
/// </code>
/// The 2032-Q1 survey: overall 2 / recommend 3 "等太久", 5 / 10 "很好", 4 / 9 without a comment.
/// Users for each role sign in with <see cref="DemoData.Password"/>: <see cref="ManagerLogin"/> and the others.
/// </summary>
public sealed class QuarterlyFixture : EmptyAppFactory, IAsyncLifetime
{
    public const string ManagerLogin = "manager@quarterly.test";
    public const string AgentLogin = "agent@quarterly.test";
    public const string TechnicianLogin = "tech@quarterly.test";
    public const string CustomerLogin = "customer@quarterly.test";

    public static readonly DateTime Now = new(2032, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly RequestActor Desk = new(null, "陈客服");

    public string U2Number { get; private set; } = string.Empty;
    public string R1Number { get; private set; } = string.Empty;
    public string R3Number { get; private set; } = string.Empty;
    public string U1Number { get; private set; } = string.Empty;

    /// <summary>A Shanghai wall-clock time (UTC+8, no daylight saving) as UTC.</summary>
    public static DateTime Local(int month, int day, int hour, int minute = 0, int year = 2032) =>
        new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-8);

    public async Task InitializeAsync()
    {
        Time.SetUtcNow(Now);
        await using var scope = OpenDb();
        var db = scope.Db;
        var numbers = scope.Get<RequestNumberAllocator>();
        var users = scope.Get<UserManager<AppUser>>();

        async Task<AppUser> UserAsync(string login, string name, string role)
        {
            var user = new AppUser { UserName = login, Email = login, EmailConfirmed = true, DisplayName = name, CreatedAt = Now };
            Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            return user;
        }

        await UserAsync(ManagerLogin, "赵经理", Roles.Manager);
        await TwoFactor.EnableAsync(this, ManagerLogin);
        await UserAsync(AgentLogin, "陈客服", Roles.CrmAgent);
        await UserAsync(CustomerLogin, "王建国", Roles.Customer);
        var liuUser = await UserAsync(TechnicianLogin, "刘师傅", Roles.Technician);
        var zhouUser = await UserAsync("zhou@quarterly.test", "周师傅", Roles.Technician);

        var home = new Address("上海市", "上海市", "浦东新区", "世纪大道100号");
        var wang = new Customer("王建国", CustomerKind.Individual, "13800138000", null, CustomerLogin, home, Local(1, 2, 9, year: 2031));
        var li = new Customer("李华家居", CustomerKind.Business, "13900139000", null, null, home, Local(1, 2, 9, year: 2031));
        var zhao = new Customer("赵敏", CustomerKind.Individual, "13700137000", null, null, home, Local(1, 2, 9, year: 2031));
        db.Customers.AddRange(wang, li, zhao);
        var m1 = new ProductModel("QT-M1", "智能马桶A", ProductCategory.Toilet);
        var m2 = new ProductModel("QT-M2", "节水马桶B", ProductCategory.Toilet);
        var m3 = new ProductModel("QT-F1", "龙头C", ProductCategory.Faucet);
        db.ProductModels.AddRange(m1, m2, m3);
        var liu = new Technician(liuUser.Id, "刘师傅", "13600136000", [ProductCategory.Toilet], ["浦东新区"]);
        var zhou = new Technician(zhouUser.Id, "周师傅", "13600136001", [ProductCategory.Toilet], ["浦东新区"]);
        db.Technicians.AddRange(liu, zhou);
        await db.SaveChangesAsync();

        var bought = new DateOnly(2031, 6, 1);
        var p1 = new CustomerProduct(wang.Id, m1, "SN-001", bought, home, bought);
        var p2 = new CustomerProduct(wang.Id, m2, "SN-002", bought, home, bought);
        var p3 = new CustomerProduct(wang.Id, m3, "SN-003", bought, home, bought);
        db.CustomerProducts.AddRange(p1, p2, p3);
        await db.SaveChangesAsync();

        var customer = new RequestActor(null, wang.Name);
        var policy = ServiceLevelPolicy.Default;
        async Task<ServiceRequest> SubmitAsync(RequestType type, CustomerProduct? product, DateTime at, RequestPriority priority = RequestPriority.Normal) =>
            ServiceRequest.Submit(
                await numbers.NextAsync(), wang.Id, RequestedProduct.Of(product), type, RequestChannel.Web, priority, "马桶冲水无力。",
                type == RequestType.Repair ? home : null, policy, customer, at);

        var y = await SubmitAsync(RequestType.UsageQuestion, null, Local(12, 1, 9, year: 2031));
        y.AnswerRemotely("调节浮球。", Desk, Local(12, 1, 10, year: 2031));
        y.ConfirmAndRate(4, null, customer, Local(12, 2, 9, year: 2031));

        var u1 = await SubmitAsync(RequestType.UsageQuestion, p1, Local(1, 10, 9));
        u1.AnswerRemotely("调节水箱浮球高度即可。", Desk, Local(1, 10, 10));
        u1.ConfirmAndRate(5, "很好", customer, Local(1, 11, 9));

        var u2 = await SubmitAsync(RequestType.UsageQuestion, p1, Local(1, 11, 9));
        u2.Acknowledge(Desk, Local(1, 11, 11));
        u2.AnswerRemotely("请清洗进水阀滤网。", Desk, Local(1, 11, 13));
        u2.ConfirmAndRate(1, "回复太慢", customer, Local(1, 12, 9));

        var u3 = await SubmitAsync(RequestType.UsageQuestion, null, Local(3, 31, 23, 30));
        u3.AnswerRemotely("长按复位键五秒。", Desk, Local(3, 31, 23, 45));
        u3.ConfirmAndRate(4, "半夜也回复了", customer, Local(4, 1, 0, 30));

        var x1 = await SubmitAsync(RequestType.UsageQuestion, null, Local(2, 20, 9));
        x1.Cancel("不需要了", byCustomer: true, customer, Local(2, 20, 10));

        var r1 = await SubmitAsync(RequestType.Repair, p2, Local(2, 1, 9));
        r1.Acknowledge(Desk, Local(2, 1, 10, 30));
        r1.Dispatch(liu, new AppointmentWindow(Local(2, 2, 9), Local(2, 2, 11)), Desk, Local(2, 1, 10, 30));
        r1.StartVisit(Desk, Local(2, 2, 9));

        var r2 = await SubmitAsync(RequestType.Repair, p3, Local(2, 10, 9), RequestPriority.Emergency);
        r2.Acknowledge(Desk, Local(2, 10, 9, 30));
        r2.Dispatch(liu, new AppointmentWindow(Local(2, 10, 14), Local(2, 10, 16)), Desk, Local(2, 10, 10));
        r2.StartVisit(Desk, Local(2, 10, 14));

        var r3 = await SubmitAsync(RequestType.Repair, p2, Local(3, 1, 9));
        r3.Acknowledge(Desk, Local(3, 1, 11));
        r3.Dispatch(zhou, new AppointmentWindow(Local(3, 5, 8), Local(3, 5, 10)), Desk, Local(3, 1, 11));
        r3.StartVisit(Desk, Local(3, 5, 8));

        var r4 = await SubmitAsync(RequestType.Repair, null, Local(3, 10, 9));

        var r5 = await SubmitAsync(RequestType.Repair, null, Local(3, 15, 9));
        r5.Acknowledge(Desk, Local(3, 15, 10));
        r5.Dispatch(zhou, new AppointmentWindow(Local(3, 16, 8), Local(3, 16, 10)), Desk, Local(3, 15, 10));
        r5.StartVisit(Desk, Local(3, 16, 8));

        db.ServiceRequests.AddRange(y, u1, u2, u3, x1, r1, r2, r3, r4, r5);
        await db.SaveChangesAsync();

        async Task<WorkReport> ReportAsync(ServiceRequest request, Technician technician, AppUser user, CustomerProduct? product, FaultCause cause, DateTime at, params WorkReportLine[] lines)
        {
            var report = WorkReport.File(
                request, technician.Id, DateOnly.FromDateTime(at.AddHours(8)), "已修复，试水正常。", cause, true, "王建国", product,
                lines, [], [], at);
            request.CompleteWithReport(report, new RequestActor(user.Id, technician.Name), at);
            db.WorkReports.Add(report);
            await db.SaveChangesAsync();
            return report;
        }

        await ReportAsync(r1, liu, liuUser, p2, FaultCause.QualityDefect, Local(2, 2, 10),
            WorkReportLine.Part(null, "JV-100", "角阀", 2m, 45.50m), WorkReportLine.Fee(FeeKind.OnSiteFee, "上门服务费", 1m, 80m));
        var report2 = await ReportAsync(r2, liu, liuUser, p3, FaultCause.Wear, Local(2, 10, 15),
            WorkReportLine.Part(null, "FC-200", "阀芯", 1m, 60m), WorkReportLine.Fee(FeeKind.OnSiteFee, "上门服务费", 1m, 120m));
        report2.OverridePayer(r2, 1, Payer.Supplier, "阀芯质量问题，供应商承担", Desk, Local(2, 10, 16));
        await ReportAsync(r3, zhou, zhouUser, p2, FaultCause.Wear, Local(3, 5, 9), WorkReportLine.Fee(FeeKind.OnSiteFee, "上门服务费", 1m, 100m));
        var report5 = await ReportAsync(r5, zhou, zhouUser, null, FaultCause.Wear, Local(3, 16, 9), WorkReportLine.Fee(FeeKind.OnSiteFee, "上门服务费", 1m, 50m));
        report5.OverridePayer(r5, 1, Payer.Supplier, "客户补交购买凭证", Desk, Local(3, 16, 10));

        r1.ConfirmAndRate(2, "师傅迟到", customer, Local(2, 3, 9));
        r3.ConfirmAndRate(1, "修了四天", customer, Local(3, 6, 9));
        await db.SaveChangesAsync();

        var survey = new SurveyCampaign(
            new Quarter(2032, 1), "2032年第一季度满意度调查", SurveyAudience.AllActiveCustomers, Local(4, 1, 9), Local(4, 30, 0), "王经理", Local(4, 1, 8));
        db.SurveyCampaigns.Add(survey);
        await db.SaveChangesAsync();
        var nonces = new[] { new string('a', SurveyInvitation.NonceLength), new string('b', SurveyInvitation.NonceLength), new string('c', SurveyInvitation.NonceLength) };
        var invitations = new[] { survey.Invite(wang.Id, nonces[0], Local(4, 1, 9)), survey.Invite(li.Id, nonces[1], Local(4, 1, 9)), survey.Invite(zhao.Id, nonces[2], Local(4, 1, 9)) };
        db.SurveyInvitations.AddRange(invitations);
        await db.SaveChangesAsync();
        db.SurveyResponses.AddRange(
            invitations[0].Answer(nonces[0], survey.OpensAt, new SurveyAnswers(2, 2, 2, 2, 3, "等太久"), Local(4, 5, 9)),
            invitations[1].Answer(nonces[1], survey.OpensAt, new SurveyAnswers(5, 5, 5, 5, 10, "很好"), Local(4, 6, 9)),
            invitations[2].Answer(nonces[2], survey.OpensAt, new SurveyAnswers(4, 4, 4, 4, 9, null), Local(4, 7, 9)));
        await db.SaveChangesAsync();

        (U1Number, U2Number, R1Number, R3Number) = (u1.Number, u2.Number, r1.Number, r3.Number);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}
