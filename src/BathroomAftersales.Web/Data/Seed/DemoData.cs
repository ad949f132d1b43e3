using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Catalog;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Contracts;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Domain.Technicians;
using BathroomAftersales.Domain.Training;
using BathroomAftersales.Web.Identity;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Data.Seed;

/// <summary>
/// Demo accounts, a catalog and a few customers with products and requests, for the Development environment only.
/// Runs once: it does nothing when the demo admin already exists.
/// </summary>
public static class DemoData
{
    public const string Password = "Demo!Pass2026";
    public const string CustomerEmail = "customer@demo.local";
    public const string Customer2Email = "customer2@demo.local";
    public const string AgentEmail = "agent@demo.local";
    public const string TechnicianEmail = "tech@demo.local";
    public const string ManagerEmail = "manager@demo.local";
    public const string AdminEmail = "admin@demo.local";
    public const string CustomerMobile = "13800000001";
    public const string Customer2Mobile = "13800000002";

    /// <summary>
    /// Fixed authenticator keys (Base32, 20 bytes) of the demo manager and admin, whose roles require two-factor sign-in:
    /// a person adds them to an authenticator app by hand (see README), tests compute codes from them.
    /// </summary>
    public const string ManagerAuthenticatorKey = "BATHROOMMANAGERDEMOTOTPKEY234567";

    public const string AdminAuthenticatorKey = "BATHROOMADMINDEMOTOTPKEY23456777";

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(AdminEmail) is not null)
        {
            return;
        }

        var db = sp.GetRequiredService<AppDbContext>();
        var clock = sp.GetRequiredService<LocalClock>();
        var numbers = sp.GetRequiredService<RequestNumberAllocator>();
        var now = clock.UtcNow;

        var admin = await CreateUserAsync(users, AdminEmail, AdminEmail, "系统管理员", Roles.Admin, now);
        await EnableTwoFactorAsync(sp, admin, AdminAuthenticatorKey);
        var manager = await CreateUserAsync(users, ManagerEmail, ManagerEmail, "赵经理", Roles.Manager, now);
        await EnableTwoFactorAsync(sp, manager, ManagerAuthenticatorKey);
        await CreateUserAsync(users, AgentEmail, AgentEmail, "陈客服", Roles.CrmAgent, now);
        var techUser = await CreateUserAsync(users, TechnicianEmail, TechnicianEmail, "王师傅", Roles.Technician, now);
        var customerUser = await CreateUserAsync(users, CustomerMobile, CustomerEmail, "张伟", Roles.Customer, now);
        var customer2User = await CreateUserAsync(users, Customer2Mobile, Customer2Email, "李娜", Roles.Customer, now);

        var catalog = Catalog();
        db.ProductModels.AddRange(catalog);
        var pricesFrom = new DateOnly(clock.Today.Year, 1, 1);
        db.Parts.AddRange(Parts(pricesFrom));
        db.FeeScheduleEntries.AddRange(
            new FeeScheduleEntry(FeeKind.OnSiteFee, FeeUnit.Flat, 80m, pricesFrom),
            new FeeScheduleEntry(FeeKind.RepairLabourFee, FeeUnit.PerHour, 120m, pricesFrom),
            new FeeScheduleEntry(FeeKind.MaintenanceFee, FeeUnit.Flat, 150m, pricesFrom));

        var pudong = new Address("上海市", "上海市", "浦东新区", "张杨路 1500 号 12 号楼 801 室");
        var xuhui = new Address("上海市", "上海市", "徐汇区", "漕溪北路 88 号 3 单元 502 室");
        var zhang = new Customer("张伟", CustomerKind.Individual, CustomerMobile, null, CustomerEmail, pudong, now);
        zhang.LinkUser(customerUser.Id);
        var li = new Customer("李娜", CustomerKind.Individual, Customer2Mobile, null, Customer2Email, xuhui, now);
        li.LinkUser(customer2User.Id);
        var hotel = new Customer(
            "上海锦程酒店管理有限公司", CustomerKind.Business, "13900000003", "021-58881234", "service@jincheng-hotel.example",
            new Address("上海市", "上海市", "静安区", "南京西路 1266 号"), now);
        var wang = new Customer("王芳", CustomerKind.Individual, "13700000004", null, null, null, now);
        db.Customers.AddRange(zhang, li, hotel, wang);

        var technician = new Technician(
            techUser.Id, "王师傅", "13600000005",
            [ProductCategory.Toilet, ProductCategory.Basin, ProductCategory.Shower, ProductCategory.Faucet],
            ["浦东新区", "徐汇区", "静安区"]);
        db.Technicians.Add(technician);
        await db.SaveChangesAsync(cancellationToken);

        var today = clock.Today;
        ProductModel Model(string sku) => catalog.Single(m => m.Sku == sku);
        var toilet = new CustomerProduct(zhang.Id, Model("TL-S7"), "S7A2026030112", today.AddMonths(-8), pudong, today);
        var faucet = new CustomerProduct(zhang.Id, Model("FC-M21"), "M21B2024051033", today.AddMonths(-30), pudong, today);
        var shower = new CustomerProduct(li.Id, Model("SH-T60"), "T60C2026062207", today.AddMonths(-5), xuhui, today);
        var bathtub = new CustomerProduct(hotel.Id, Model("BT-170"), "BT170D202501150", today.AddMonths(-10), hotel.Address!, today);
        db.CustomerProducts.AddRange(toilet, faucet, shower, bathtub);
        await db.SaveChangesAsync(cancellationToken);

        var policy = ServiceLevelPolicy.Default;
        var zhangActor = new RequestActor(customerUser.Id, "张伟");
        var liActor = new RequestActor(customer2User.Id, "李娜");
        var agent = new RequestActor(null, "陈客服");
        var tech = new RequestActor(techUser.Id, "王师傅");

        async Task<ServiceRequest> SubmitAsync(
            Customer customer, CustomerProduct? product, RequestType type, RequestPriority priority, string description, RequestActor actor, DateTime at)
        {
            var request = ServiceRequest.Submit(
                await numbers.NextAsync(DateOnly.FromDateTime(clock.ToLocal(at)), cancellationToken), customer.Id, RequestedProduct.Of(product), type, RequestChannel.Web, priority, description,
                product?.InstallationAddress ?? customer.Address, policy, actor, at);
            db.ServiceRequests.Add(request);
            return request;
        }

        // Waiting for the desk: a fresh repair and an emergency.
        await SubmitAsync(zhang, toilet, RequestType.Repair, RequestPriority.Normal, "马桶水箱一直有流水声，冲水后不停进水。", zhangActor, now.AddHours(-3));
        await SubmitAsync(li, shower, RequestType.Repair, RequestPriority.Emergency, "恒温花洒阀门漏水，卫生间地面已积水，总阀关不严。", liActor, now.AddMinutes(-40));

        // Scheduled for tomorrow morning.
        var scheduled = await SubmitAsync(li, shower, RequestType.Maintenance, RequestPriority.Normal, "花洒出水变小，想预约保养清洗。", liActor, now.AddDays(-1));
        scheduled.Acknowledge(agent, now.AddDays(-1).AddHours(2));
        var tomorrowNine = clock.ToUtc(today.AddDays(1).ToDateTime(new TimeOnly(9, 0)));
        scheduled.Dispatch(technician, new AppointmentWindow(tomorrowNine, tomorrowNine.AddHours(2)), agent, now.AddDays(-1).AddHours(3));

        // Completed, waiting for the customer's confirmation and rating.
        var completed = await SubmitAsync(zhang, faucet, RequestType.PartsReplacement, RequestPriority.Normal, "面盆龙头把手松动，关不紧。", zhangActor, now.AddDays(-4));
        completed.Acknowledge(agent, now.AddDays(-4).AddHours(1));
        var visit = now.AddDays(-3);
        completed.Dispatch(technician, new AppointmentWindow(visit, visit.AddHours(2)), agent, now.AddDays(-4).AddHours(2));
        completed.StartVisit(tech, visit.AddMinutes(10));

        // Closed with a rating, and a usage question answered remotely.
        var closed = await SubmitAsync(hotel, bathtub, RequestType.Repair, RequestPriority.High, "浴缸下水缓慢，排水口有异响。", agent, now.AddDays(-20));
        closed.Acknowledge(agent, now.AddDays(-20).AddHours(2));
        var hotelVisit = now.AddDays(-19);
        closed.Dispatch(technician, new AppointmentWindow(hotelVisit, hotelVisit.AddHours(3)), agent, now.AddDays(-20).AddHours(3));
        closed.StartVisit(tech, hotelVisit.AddMinutes(15));

        var question = await SubmitAsync(zhang, toilet, RequestType.UsageQuestion, RequestPriority.Low, "智能马桶的除臭功能怎么开启？", zhangActor, now.AddDays(-2));
        question.AnswerRemotely("长按遥控器上的“除臭”键 3 秒即可开启，指示灯变为蓝色。", agent, now.AddDays(-2).AddHours(1));

        // The visits end with the technician's work report (the requests need their ids first). The faucet is out of
        // warranty and worn, so the customer pays; the hotel's bathtub is in warranty with a quality defect, so the
        // supplier pays every line.
        await db.SaveChangesAsync(cancellationToken);
        var faucetReport = WorkReport.File(
            completed, technician.Id, DateOnly.FromDateTime(clock.ToLocal(visit)), "更换阀芯与把手固定螺丝，试水正常，已恢复原厂标准。",
            FaultCause.Wear, restoredToFactoryStandard: true, "张伟", faucet,
            [
                WorkReportLine.Part(null, "PT-CC35", "面盆龙头陶瓷阀芯 35 毫米", 1m, 35m),
                WorkReportLine.Fee(FeeKind.OnSiteFee, "上门服务费", 1m, 80m),
                WorkReportLine.Fee(FeeKind.RepairLabourFee, "维修工时费", 0.5m, 120m),
            ],
            [], [], visit.AddHours(1));
        completed.CompleteWithReport(faucetReport, tech, visit.AddHours(1));
        var bathtubReport = WorkReport.File(
            closed, technician.Id, DateOnly.FromDateTime(clock.ToLocal(hotelVisit)), "疏通排水管并更换排水阀密封圈。",
            FaultCause.QualityDefect, restoredToFactoryStandard: true, "前台 刘经理", bathtub,
            [
                WorkReportLine.Part(null, "PT-BD01", "浴缸排水器", 1m, 76m),
                WorkReportLine.Fee(FeeKind.OnSiteFee, "上门服务费", 1m, 80m),
                WorkReportLine.Fee(FeeKind.RepairLabourFee, "维修工时费", 1m, 120m),
            ],
            [], [], hotelVisit.AddHours(2));
        closed.CompleteWithReport(bathtubReport, tech, hotelVisit.AddHours(2));
        closed.ConfirmAndRate(5, "师傅很专业，准时到达。", agent, now.AddDays(-18));
        db.WorkReports.AddRange(faucetReport, bathtubReport);
        await db.SaveChangesAsync(cancellationToken);

        // Billing: the faucet repair invoiced and partly paid in cash; the bathtub's zero-total warranty record.
        var faucetIssued = visit.AddHours(3);
        var faucetInvoice = Invoice.Issue(
            await numbers.NextInvoiceNumberAsync(DateOnly.FromDateTime(clock.ToLocal(faucetIssued)), cancellationToken),
            completed, faucetReport, [], agent, faucetIssued);
        faucetInvoice.RecordPayment(PaymentMethod.Cash, 100m, DateOnly.FromDateTime(clock.ToLocal(faucetIssued)), null, agent, faucetIssued.AddMinutes(5));
        var bathtubIssued = hotelVisit.AddDays(1);
        var bathtubInvoice = Invoice.Issue(
            await numbers.NextInvoiceNumberAsync(DateOnly.FromDateTime(clock.ToLocal(bathtubIssued)), cancellationToken),
            closed, bathtubReport, [], agent, bathtubIssued);
        db.Invoices.AddRange(faucetInvoice, bathtubInvoice);
        await db.SaveChangesAsync(cancellationToken);

        // Training (clause 2.2(5)): one held earlier this year that Zhang Wei attended, one upcoming he has signed up for.
        var heldDay = today.DayOfYear > 14 ? today.AddDays(-14) : today.AddDays(-1);
        var heldStart = clock.ToUtc(heldDay.ToDateTime(new TimeOnly(14, 0)));
        var held = TrainingEvent.Plan(
            "卫浴产品日常保养与节水使用", "讲解龙头、花洒、马桶的日常清洁与保养，以及节水小窍门。", heldStart, heldStart.AddHours(2),
            "上海市浦东新区展示中心三楼培训室", null, 30, heldStart.AddDays(-10));
        held.Register(zhang.Id, heldStart.AddDays(-5));
        db.TrainingEvents.Add(held);
        await db.SaveChangesAsync(cancellationToken);
        held.MarkAttendance(held.Registrations.Select(r => r.Id), heldStart.AddHours(2));
        held.MarkHeld(heldStart.AddHours(2));
        var upcomingStart = clock.ToUtc(today.AddDays(21).ToDateTime(new TimeOnly(19, 30)));
        var upcoming = TrainingEvent.Plan(
            "智能马桶功能与安全使用（线上）", "智能马桶的功能设置、清洁方式与用电安全。", upcomingStart, upcomingStart.AddHours(1.5),
            null, "https://meeting.example.com/training/smart-toilet", 100, now);
        upcoming.Register(zhang.Id, now);
        db.TrainingEvents.Add(upcoming);

        // Zhang Wei's service contract ends within 30 days: it shows on the "expiring soon" list.
        db.ServiceContracts.Add(ServiceContract.Create(
            await numbers.NextContractNumberAsync(cancellationToken), zhang.Id, today.AddYears(-1).AddDays(20), null, [], now));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task<AppUser> CreateUserAsync(UserManager<AppUser> users, string userName, string email, string displayName, string role, DateTime now)
    {
        var user = new AppUser
        {
            UserName = userName,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            CreatedAt = now,
        };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, role));
        return user;
    }

    /// <summary>Two-factor sign-in on with a known key; UserManager only makes random keys, so the store sets this one.</summary>
    private static async Task EnableTwoFactorAsync(IServiceProvider sp, AppUser user, string key)
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var store = (IUserAuthenticatorKeyStore<AppUser>)sp.GetRequiredService<IUserStore<AppUser>>();
        await store.SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
        Check(await users.SetTwoFactorEnabledAsync(user, enabled: true));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo data could not be created: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>Common spare parts, priced from <paramref name="from"/>.</summary>
    private static List<Part> Parts(DateOnly from) =>
    [
        new("PT-FV01", "坐便器进水阀", [ProductCategory.Toilet], 45m, from),
        new("PT-DV01", "坐便器排水阀", [ProductCategory.Toilet], 68m, from),
        new("PT-SC01", "缓降坐便盖板", [ProductCategory.Toilet], 128m, from),
        new("PT-AV01", "三角阀（角阀）", [ProductCategory.Toilet, ProductCategory.Basin, ProductCategory.Faucet], 25m, from),
        new("PT-HS40", "不锈钢编织进水软管 40 厘米", [ProductCategory.Toilet, ProductCategory.Basin, ProductCategory.Faucet], 15m, from),
        new("PT-HS150", "淋浴软管 1.5 米", [ProductCategory.Shower], 39m, from),
        new("PT-SH01", "手持花洒头", [ProductCategory.Shower], 89m, from),
        new("PT-TV01", "恒温阀芯", [ProductCategory.Shower, ProductCategory.Bathtub], 168m, from),
        new("PT-CC35", "面盆龙头陶瓷阀芯 35 毫米", [ProductCategory.Faucet, ProductCategory.Basin], 35m, from),
        new("PT-AE01", "龙头起泡器", [ProductCategory.Faucet], 12.5m, from),
        new("PT-PD01", "面盆下水器（弹跳式）", [ProductCategory.Basin], 42m, from),
        new("PT-BD01", "浴缸排水器", [ProductCategory.Bathtub], 76m, from),
        new("PT-HG01", "浴室柜阻尼铰链", [ProductCategory.Cabinet], 18m, from),
    ];

    private static List<ProductModel> Catalog() =>
    [
        new("TL-S7", "智能一体马桶 S7（即热式）", ProductCategory.Toilet, 24),
        new("TL-C320", "节水连体坐便器 C320", ProductCategory.Toilet),
        new("TL-W110", "壁挂式坐便器 W110", ProductCategory.Toilet),
        new("BS-A45", "台上陶瓷洗面盆 A45", ProductCategory.Basin),
        new("BS-P60", "立柱盆 P60", ProductCategory.Basin),
        new("SH-T60", "恒温淋浴花洒套装 T60", ProductCategory.Shower),
        new("SH-H12", "三功能手持花洒 H12", ProductCategory.Shower),
        new("FC-M21", "单把面盆龙头 M21", ProductCategory.Faucet),
        new("FC-K35", "厨房抽拉式龙头 K35", ProductCategory.Faucet),
        new("BT-170", "亚克力独立浴缸 1.7 米", ProductCategory.Bathtub),
        new("BT-150M", "按摩浴缸 1.5 米", ProductCategory.Bathtub, 24),
        new("CB-80W", "实木浴室柜 80 厘米", ProductCategory.Cabinet),
        new("CB-100M", "智能镜柜 100 厘米", ProductCategory.Cabinet),
        new("OT-D10", "不锈钢防臭地漏 D10", ProductCategory.Other, 6),
    ];
}
