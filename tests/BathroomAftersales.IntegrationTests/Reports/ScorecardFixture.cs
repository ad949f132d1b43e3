using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Catalog;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Domain.Surveys;
using BathroomAftersales.Domain.Technicians;
using BathroomAftersales.Domain.Training;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Identity;
using Microsoft.AspNetCore.Identity;

namespace BathroomAftersales.IntegrationTests.Reports;

/// <summary>
/// A small hand-made year 2031, made through the domain's own methods on an empty database, with the clock on
/// 1 June 2031 (Q2) so Q1 is over. Times are written in Shanghai local time (<see cref="Local"/>). The expected KPI
/// values are worked out in <see cref="ScorecardTests"/>.
/// </summary>
public class ScorecardFixture : EmptyAppFactory, IAsyncLifetime
{
    private static readonly RequestActor Desk = new(null, "陈客服");

    public static readonly DateTime Now = new(2031, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Unresolved complaints received in 2029-Q3: one more than a drill-down page holds.</summary>
    public const int PagingComplaints = 51;

    private readonly SemaphoreSlim _accounts = new(1, 1);

    public int R1 { get; private set; }
    public int R2 { get; private set; }
    public int R3 { get; private set; }
    public int R4 { get; private set; }
    public int R5 { get; private set; }
    public int R6 { get; private set; }
    public int R7 { get; private set; }
    public int C1 { get; private set; }
    public int C2 { get; private set; }
    public int C3 { get; private set; }
    public int C4 { get; private set; }
    public int T1 { get; private set; }
    public int WarrantyLine { get; private set; }
    public int CustomerWithoutAddress { get; private set; }
    public int Campaign { get; private set; }

    /// <summary>A Shanghai wall-clock time of 2031 (UTC+8, no daylight saving) as UTC.</summary>
    public static DateTime Local(int month, int day, int hour, int minute = 0) =>
        new DateTime(2031, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-8);

    public async Task InitializeAsync()
    {
        Time.SetUtcNow(Now);
        await using var scope = OpenDb();
        var db = scope.Db;
        var numbers = scope.Get<RequestNumberAllocator>();

        var home = new Address("上海市", "上海市", "浦东新区", "世纪大道100号");
        var wang = new Customer("王建国", CustomerKind.Individual, "13800138000", null, "wang@example.com", home, Local(1, 2, 9));
        var li = new Customer("李华家居", CustomerKind.Business, "13900139000", null, null, new Address("江苏省", "苏州市", "姑苏区", "人民路88号"), Local(1, 2, 9));
        var zhao = new Customer("赵敏", CustomerKind.Individual, "13700137000", null, null, null, Local(1, 2, 9));
        db.Customers.AddRange(wang, li, zhao);

        var user = new AppUser { UserName = "tech@example.com", Email = "tech@example.com", DisplayName = "刘师傅" };
        var created = await scope.Get<UserManager<AppUser>>().CreateAsync(user);
        Assert.True(created.Succeeded);
        var technician = new Technician(user.Id, "刘师傅", "13600136000", [ProductCategory.Toilet], ["浦东新区"]);
        db.Technicians.Add(technician);
        await db.SaveChangesAsync();
        CustomerWithoutAddress = zhao.Id;

        var customer = new RequestActor(null, wang.Name);
        var technicianActor = new RequestActor(user.Id, technician.Name);
        var policy = ServiceLevelPolicy.Default;
        async Task<ServiceRequest> SubmitAsync(RequestType type, DateTime at) =>
            ServiceRequest.Submit(
                await numbers.NextAsync(), wang.Id, null, type, RequestChannel.Web, RequestPriority.Normal, "马桶冲水无力，怎么调节？",
                type == RequestType.Repair ? home : null, policy, customer, at);

        // R1: answered in 1h, completed in 2h, rated 5.
        var r1 = await SubmitAsync(RequestType.UsageQuestion, Local(1, 10, 9));
        r1.Acknowledge(Desk, Local(1, 10, 10));
        r1.AnswerRemotely("调节水箱浮球高度即可。", Desk, Local(1, 10, 11));
        r1.ConfirmAndRate(5, "很好", customer, Local(1, 12, 9));

        // R2: answered after 30h (late), completed after 48h (late, due 24h), rated 2.
        var r2 = await SubmitAsync(RequestType.UsageQuestion, Local(1, 11, 9));
        r2.Acknowledge(Desk, Local(1, 12, 15));
        r2.AnswerRemotely("请清洗进水阀滤网。", Desk, Local(1, 13, 9));
        r2.ConfirmAndRate(2, "回复太慢", customer, Local(1, 14, 9));

        // R3: never answered; its response fell due on 2 February.
        var r3 = await SubmitAsync(RequestType.UsageQuestion, Local(2, 1, 9));

        // R4: cancelled unanswered an hour after submission: never fell due.
        var r4 = await SubmitAsync(RequestType.UsageQuestion, Local(2, 2, 9));
        r4.Cancel("不需要了", byCustomer: true, customer, Local(2, 2, 10));

        // R5: submitted 23:30 on 31 March, answered at 23:45 the same night: completed in Q1, response due in Q2.
        var r5 = await SubmitAsync(RequestType.UsageQuestion, Local(3, 31, 23, 30));
        r5.AnswerRemotely("长按复位键五秒。", Desk, Local(3, 31, 23, 45));

        // R6: answered in 1h, reopened the same day, answered again within its 24h: rework.
        var r6 = await SubmitAsync(RequestType.UsageQuestion, Local(3, 1, 9));
        r6.AnswerRemotely("请检查电源。", Desk, Local(3, 1, 10));
        r6.Reopen("还是不工作", customer, Local(3, 1, 15));
        r6.AnswerRemotely("请更换遥控器电池。", Desk, Local(3, 1, 20));

        // R7: a repair answered in 1h, visited and reported the next day (due 72h), rated 4.
        var r7 = await SubmitAsync(RequestType.Repair, Local(2, 10, 9));
        r7.Acknowledge(Desk, Local(2, 10, 10));
        r7.Dispatch(technician, new AppointmentWindow(Local(2, 11, 9), Local(2, 11, 11)), Desk, Local(2, 10, 11));
        r7.StartVisit(technicianActor, Local(2, 11, 9, 10));

        db.ServiceRequests.AddRange(r1, r2, r3, r4, r5, r6, r7);
        await db.SaveChangesAsync();

        // R7's report: a part 2 × 45.50 = 91.00 and an on-site fee of 80.00, both customer-paid (no registered product),
        // then the manager puts the part on the supplier: warranty cost 91.00.
        var report = WorkReport.File(
            r7, technician.Id, new DateOnly(2031, 2, 11), "更换角阀，试水正常。", FaultCause.Wear, true, "王建国", null,
            [WorkReportLine.Part(null, "JV-100", "角阀", 2m, 45.50m), WorkReportLine.Fee(FeeKind.OnSiteFee, "上门服务费", 1m, 80m)],
            [], [], Local(2, 11, 10));
        r7.CompleteWithReport(report, technicianActor, Local(2, 11, 10));
        db.WorkReports.Add(report);
        await db.SaveChangesAsync();
        report.OverridePayer(r7, 1, Payer.Supplier, "阀芯质量问题，供应商承担", Desk, Local(2, 11, 12));
        r7.ConfirmAndRate(4, null, customer, Local(2, 12, 9));
        await db.SaveChangesAsync();
        WarrantyLine = report.Line(1).Id;

        // Complaints: C1 resolved in a day; C2 after 12 days (deadline 7); C3 received 23:30 on 31 March and never
        // resolved (resolve-by 7 April, past); C4 received 23:30 on 31 December 2030: Q4 2030.
        async Task<Complaint> ReceiveAsync(DateTime at) =>
            Complaint.Receive(
                await numbers.NextComplaintNumberAsync(), wang.Id, null, ComplaintCategory.StaffAttitude, ComplaintChannel.Phone,
                "上门师傅态度不好。", ComplaintDeadlines.Default, Desk, at);
        var c1 = await ReceiveAsync(Local(1, 5, 10));
        c1.Acknowledge(Desk, Local(1, 5, 11));
        c1.Resolve("已致歉。", Desk, Local(1, 6, 10));
        var c2 = await ReceiveAsync(Local(1, 20, 10));
        c2.Acknowledge(Desk, Local(1, 20, 12));
        c2.Resolve("已致歉。", Desk, Local(2, 1, 10));
        var c3 = await ReceiveAsync(Local(3, 31, 23, 30));
        var c4 = await ReceiveAsync(new DateTime(2030, 12, 31, 15, 30, 0, DateTimeKind.Utc));
        db.Complaints.AddRange(c1, c2, c3, c4);

        // Trainings: one held in February, one still planned in March.
        var held = TrainingEvent.Plan("智能马桶使用与保养", null, Local(2, 15, 14), Local(2, 15, 16), "上海展厅", null, 30, Local(1, 15, 9));
        held.MarkHeld(Local(2, 15, 17));
        var planned = TrainingEvent.Plan("浴室柜防潮", null, Local(3, 20, 14), Local(3, 20, 16), "上海展厅", null, 30, Local(1, 15, 9));
        db.TrainingEvents.AddRange(held, planned);
        await db.SaveChangesAsync();

        // The 2031-Q1 survey, open 1–30 April: all three customers invited; 王建国 answers overall 5, recommend 10
        // (promoter), 李华家居 overall 3, recommend 8 (passive), 赵敏 never answers.
        var survey = new SurveyCampaign(
            new Quarter(2031, 1), "2031年第一季度满意度调查", SurveyAudience.AllActiveCustomers, Local(4, 1, 9), Local(4, 30, 0), "王经理", Local(4, 1, 8));
        db.SurveyCampaigns.Add(survey);
        await db.SaveChangesAsync();
        var nonces = new[] { new string('a', SurveyInvitation.NonceLength), new string('b', SurveyInvitation.NonceLength), new string('c', SurveyInvitation.NonceLength) };
        var invitations = new[] { survey.Invite(wang.Id, nonces[0], Local(4, 1, 9)), survey.Invite(li.Id, nonces[1], Local(4, 1, 9)), survey.Invite(zhao.Id, nonces[2], Local(4, 1, 9)) };
        db.SurveyInvitations.AddRange(invitations);
        await db.SaveChangesAsync();
        db.SurveyResponses.AddRange(
            invitations[0].Answer(nonces[0], survey.OpensAt, new SurveyAnswers(5, 5, 5, 5, 10, "很满意"), Local(4, 5, 9)),
            invitations[1].Answer(nonces[1], survey.OpensAt, new SurveyAnswers(3, 3, 4, 3, 8, null), Local(4, 6, 9)));
        await db.SaveChangesAsync();
        Campaign = survey.Id;

        // 2029-Q3, a quarter no other figure looks at: more unresolved complaints than one page of a drill-down holds.
        for (var i = 0; i < PagingComplaints; i++)
        {
            db.Complaints.Add(await ReceiveAsync(new DateTime(2029, 8, 1, 2, i, 0, DateTimeKind.Utc)));
        }

        await db.SaveChangesAsync();

        (R1, R2, R3, R4, R5, R6, R7) = (r1.Id, r2.Id, r3.Id, r4.Id, r5.Id, r6.Id, r7.Id);
        (C1, C2, C3, C4) = (c1.Id, c2.Id, c3.Id, c4.Id);
        T1 = held.Id;
    }

    /// <summary>A new browser signed in with an account of <paramref name="role"/> (made on first use; this app has no demo accounts).</summary>
    public async Task<HttpClient> SignedInAsAsync(string role)
    {
        var email = role.ToLowerInvariant() + "@scorecard.example.com";
        await _accounts.WaitAsync();
        try
        {
            await using var scope = OpenDb();
            var users = scope.Get<UserManager<AppUser>>();
            if (await users.FindByEmailAsync(email) is null)
            {
                var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = role, CreatedAt = Now };
                Assert.True((await users.CreateAsync(user, Accounts.Password)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
                if (TwoFactorRequirement.IsRequiredFor(r => r == role))
                {
                    await TwoFactor.EnableAsync(this, email);
                }
            }
        }
        finally
        {
            _accounts.Release();
        }

        var browser = CreateBrowser();
        await browser.SignInAsync(email);
        return browser;
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _accounts.Dispose();
        }

        base.Dispose(disposing);
    }
}
