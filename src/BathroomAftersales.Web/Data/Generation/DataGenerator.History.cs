using System.Globalization;

using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Catalog;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Domain.Surveys;
using BathroomAftersales.Domain.Training;

namespace BathroomAftersales.Web.Data.Generation;

/// <summary>
/// Rows of the records that follow a request — work reports, invoices, payments, complaints, follow-ups, surveys — in
/// foreign-key order (<see cref="Types"/>), written by the same bulk writer as the requests.
/// </summary>
internal sealed class HistoryRows
{
    public static readonly Type[] Types =
    [
        typeof(WorkReport), typeof(WorkReportLine), typeof(Invoice), typeof(InvoiceLine), typeof(Payment),
        typeof(Complaint), typeof(ComplaintEvent), typeof(FollowUp),
        typeof(SurveyCampaign), typeof(SurveyInvitation), typeof(SurveyResponse),
    ];

    public List<object> WorkReports { get; } = [];

    public List<object> WorkReportLines { get; } = [];

    public List<object> Invoices { get; } = [];

    public List<object> InvoiceLines { get; } = [];

    public List<object> Payments { get; } = [];

    public List<object> Complaints { get; } = [];

    public List<object> ComplaintEvents { get; } = [];

    public List<object> FollowUps { get; } = [];

    public List<object> SurveyCampaigns { get; } = [];

    public List<object> SurveyInvitations { get; } = [];

    public List<object> SurveyResponses { get; } = [];

    /// <summary>The lists in the order of <see cref="Types"/>.</summary>
    public IReadOnlyList<IReadOnlyList<object>> InOrder =>
    [
        WorkReports, WorkReportLines, Invoices, InvoiceLines, Payments, Complaints, ComplaintEvents, FollowUps,
        SurveyCampaigns, SurveyInvitations, SurveyResponses,
    ];
}

/// <summary>The history that follows the requests: work reports and billing, complaints, follow-ups, surveys and training.</summary>
internal sealed partial class DataGenerator
{
    private static readonly (string Sku, string Name, ProductCategory[] Fits, decimal Price)[] PartList =
    [
        ("GP-TL-FV01", "坐便器进水阀", [ProductCategory.Toilet], 45m),
        ("GP-TL-DV01", "坐便器排水阀", [ProductCategory.Toilet], 68m),
        ("GP-TL-SC01", "缓降坐便盖板", [ProductCategory.Toilet], 128m),
        ("GP-TL-BT01", "冲水按钮组件", [ProductCategory.Toilet], 35m),
        ("GP-TL-FL01", "坐便器法兰密封圈", [ProductCategory.Toilet], 18m),
        ("GP-BS-DR01", "台盆下水器", [ProductCategory.Basin], 42m),
        ("GP-BS-TP01", "台盆存水弯", [ProductCategory.Basin], 38m),
        ("GP-AV-01", "三角阀（角阀）", [ProductCategory.Toilet, ProductCategory.Basin, ProductCategory.Faucet], 25m),
        ("GP-SH-HD01", "手持花洒", [ProductCategory.Shower], 88m),
        ("GP-SH-HS01", "淋浴软管 1.5 米", [ProductCategory.Shower], 45m),
        ("GP-SH-TV01", "恒温阀芯", [ProductCategory.Shower], 156m),
        ("GP-SH-RB01", "淋浴升降杆", [ProductCategory.Shower], 98m),
        ("GP-FC-CT01", "陶瓷阀芯", [ProductCategory.Faucet, ProductCategory.Basin], 55m),
        ("GP-FC-AE01", "起泡器", [ProductCategory.Faucet], 15m),
        ("GP-FC-HS01", "冷热进水软管", [ProductCategory.Faucet, ProductCategory.Basin], 22m),
        ("GP-BT-DR01", "浴缸排水器", [ProductCategory.Bathtub], 76m),
        ("GP-BT-FC01", "浴缸龙头", [ProductCategory.Bathtub], 260m),
        ("GP-BT-PM01", "按摩浴缸水泵", [ProductCategory.Bathtub], 680m),
        ("GP-CB-HG01", "柜门铰链", [ProductCategory.Cabinet], 12m),
        ("GP-CB-SL01", "抽屉滑轨", [ProductCategory.Cabinet], 36m),
        ("GP-CB-LT01", "镜柜灯带", [ProductCategory.Cabinet], 95m),
        ("GP-OT-FD01", "防臭地漏", [ProductCategory.Other], 48m),
        ("GP-OT-TR01", "毛巾架", [ProductCategory.Other], 65m),
        ("GP-OT-TP01", "密封生料带", [ProductCategory.Other, ProductCategory.Toilet, ProductCategory.Faucet], 3m),
    ];

    private readonly List<CustomerProduct> _products = [];
    private readonly Dictionary<Quarter, byte[]> _served = [];
    private bool[] _customerReachable = [];
    private List<FeeScheduleEntry> _fees = [];
    private Dictionary<ProductCategory, Part[]> _partsFor = [];
    private HistoryRows _history = new();

    /// <summary>The complaint time limits in force (the settings row, or the default).</summary>
    public ComplaintDeadlines Deadlines { get; init; } = ComplaintDeadlines.Default;

    private DateTime HistoryStart => _now.AddDays(-GenerationOptions.HistoryDays);

    /// <summary>The parts catalog, priced from before the history, a share of it raised once during the history.</summary>
    public List<Part> Parts()
    {
        var from = _today.AddDays(-GenerationOptions.PurchaseDays - 60);
        var parts = new List<Part>(PartList.Length);
        foreach (var (sku, name, fits, price) in PartList)
        {
            var part = new Part(sku, name, fits, price, from);
            if (Chance(0.4))
            {
                var day = _today.AddDays(-_random.Next(30, GenerationOptions.HistoryDays));
                part.ChangePrice(decimal.Round(price * (1.05m + (_random.Next(0, 11) / 100m)), 0, MidpointRounding.AwayFromZero), day, day);
            }

            part.Version = NextGuid();
            parts.Add(part);
        }

        return parts;
    }

    /// <summary>The fee schedule of clause 5.1: a first price before the history, raised on 1 January of last year.</summary>
    public List<FeeScheduleEntry> Fees()
    {
        var from = _today.AddDays(-GenerationOptions.PurchaseDays - 60);
        var raise = new DateOnly(_today.Year - 1, 1, 1);
        return
        [
            new FeeScheduleEntry(FeeKind.OnSiteFee, FeeUnit.Flat, 60m, from),
            new FeeScheduleEntry(FeeKind.RepairLabourFee, FeeUnit.PerHour, 100m, from),
            new FeeScheduleEntry(FeeKind.MaintenanceFee, FeeUnit.Flat, 120m, from),
            new FeeScheduleEntry(FeeKind.OnSiteFee, FeeUnit.Flat, 80m, raise),
            new FeeScheduleEntry(FeeKind.RepairLabourFee, FeeUnit.PerHour, 120m, raise),
            new FeeScheduleEntry(FeeKind.MaintenanceFee, FeeUnit.Flat, 150m, raise),
        ];
    }

    /// <summary>The saved catalog (with its ids) that work reports price their lines from.</summary>
    public void UseCatalog(IReadOnlyList<Part> parts, IReadOnlyList<FeeScheduleEntry> fees)
    {
        _fees = [.. fees];
        _partsFor = Enum.GetValues<ProductCategory>().ToDictionary(
            c => c,
            c => parts.Where(p => p.Active && p.Fits.Contains(c)).OrderBy(p => p.Id).ToArray());
    }

    /// <summary>
    /// The technician files the visit's work report, which completes the request (as the Report page does): fault cause
    /// by request type, parts priced from the catalog and fees from the schedule on the service day, payer by
    /// <see cref="PayerRule"/>.
    /// </summary>
    private WorkReport FileReport(ServiceRequest r, int? product, int customer, ProductCategory category, RequestActor technician, DateTime at)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(at, _zone));
        var cause = r.Type switch
        {
            RequestType.Repair => Weighted([(FaultCause.QualityDefect, 45), (FaultCause.Wear, 25), (FaultCause.Misuse, 12), (FaultCause.Installation, 10), (FaultCause.Other, 8)], x => x.Item2).Item1,
            RequestType.PartsReplacement => Weighted([(FaultCause.QualityDefect, 35), (FaultCause.Wear, 45), (FaultCause.Misuse, 10), (FaultCause.Other, 10)], x => x.Item2).Item1,
            RequestType.Maintenance => Chance(0.8) ? FaultCause.Wear : FaultCause.Other,
            RequestType.InstallationGuidance => Chance(0.7) ? FaultCause.Installation : FaultCause.Other,
            _ => Chance(0.6) ? FaultCause.Misuse : FaultCause.Other,
        };

        var lines = new List<WorkReportLine> { Fee(FeeKind.OnSiteFee, "上门服务费", 1m, day) };
        var parts = 0;
        switch (r.Type)
        {
            case RequestType.Repair:
                lines.Add(Fee(FeeKind.RepairLabourFee, "维修工时费", Hours(), day));
                parts = Chance(0.6) ? (Chance(0.25) ? 2 : 1) : 0;
                break;
            case RequestType.PartsReplacement:
                lines.Add(Fee(FeeKind.RepairLabourFee, "更换零部件工时费", Hours(), day));
                parts = Chance(0.7) ? 1 : 2;
                break;
            case RequestType.Maintenance:
                lines.Add(Fee(FeeKind.MaintenanceFee, "保养服务费", 1m, day));
                parts = Chance(0.2) ? 1 : 0;
                break;
            default:
                if (Chance(0.4))
                {
                    lines.Add(Fee(FeeKind.RepairLabourFee, "调试工时费", 0.5m, day));
                }

                break;
        }

        var candidates = _partsFor.TryGetValue(category, out var fit) && fit.Length > 0 ? fit : _partsFor.Values.First(p => p.Length > 0);
        for (var i = 0; i < parts; i++)
        {
            var part = SampleText.Pick(_random, candidates);
            var quantity = Chance(0.85) ? 1m : 2m;
            lines.Add(WorkReportLine.Part(part.Id, part.Sku, part.Name, quantity, part.PriceOn(day) ?? 0m));
        }

        // A business's staff on site confirms with their own name.
        var confirmation = Array.BinarySearch(_businessCustomers, customer) >= 0 ? PersonName() : _customerNames[customer];
        var report = WorkReport.File(
            r,
            r.TechnicianId!.Value,
            day,
            SampleText.Summary(r.Type, _random),
            cause,
            restoredToFactoryStandard: true,
            confirmation,
            product is { } p ? _products[p] : null,
            lines,
            [],
            [],
            at);
        r.CompleteWithReport(report, technician, at);

        var reportId = _ids.NextWorkReport++;
        _ids.SetWorkReportId(report, reportId);
        _history.WorkReports.Add(report);
        foreach (var line in report.Lines)
        {
            _ids.SetWorkReportLineId(line, _ids.NextWorkReportLine++);
            _ids.SetWorkReportLineReportId(line, reportId);
            _history.WorkReportLines.Add(line);
        }

        return report;
    }

    private WorkReportLine Fee(FeeKind kind, string description, decimal quantity, DateOnly day) =>
        WorkReportLine.Fee(kind, description, quantity, FeeSchedule.PriceOn(_fees, kind, day)?.Amount ?? 0m);

    private decimal Hours() => _random.Next(1, 6) * 0.5m;

    /// <summary>
    /// The desk issues the invoice a day or two after the visit (the zero-total warranty record for most covered
    /// reports too); most are paid in full, some in part, a few are voided and issued again.
    /// </summary>
    private void Bill(ServiceRequest r, WorkReport report, List<Invoice> invoicesOfRequest, RequestActor agent, DateTime completedAt)
    {
        if (report.CustomerTotal == 0 && !Chance(0.9))
        {
            return;
        }

        var issuedAt = completedAt + (Chance(0.8) ? TimeSpan.FromMinutes(_random.Next(18 * 60, 54 * 60)) : TimeSpan.FromMinutes(_random.Next(60, 10 * 24 * 60)));
        for (var attempt = 0; attempt < 2 && issuedAt <= _now; attempt++)
        {
            var invoice = Invoice.Issue(InvoiceNumberFor(issuedAt), r, report, invoicesOfRequest, agent, issuedAt);
            var invoiceId = _ids.NextInvoice++;
            _ids.SetInvoiceId(invoice, invoiceId);
            invoice.Version = NextGuid();
            invoicesOfRequest.Add(invoice);
            _history.Invoices.Add(invoice);
            foreach (var line in invoice.Lines)
            {
                _ids.SetInvoiceLineId(line, _ids.NextInvoiceLine++);
                _ids.SetInvoiceLineInvoiceId(line, invoiceId);
                _history.InvoiceLines.Add(line);
            }

            if (invoice.Total == 0)
            {
                return;
            }

            var roll = _random.NextDouble();
            if (roll < 0.04)
            {
                var voidAt = issuedAt + TimeSpan.FromMinutes(_random.Next(30, 3 * 24 * 60));
                if (voidAt > _now)
                {
                    return;
                }

                invoice.Void(SampleText.Pick(_random, ["开票信息有误，重新开具。", "客户要求改为单位抬头。", "金额录入错误。"]), agent, voidAt);
                if (!Chance(0.7))
                {
                    return;
                }

                issuedAt = voidAt + TimeSpan.FromMinutes(_random.Next(10, 24 * 60));
                continue;
            }

            var paidAt = issuedAt + TimeSpan.FromMinutes(_random.Next(5, 12 * 24 * 60));
            if (roll < 0.96 && paidAt <= _now)
            {
                var amount = invoice.Total;
                if (roll < 0.11 || (invoice.Total >= 100 && Chance(0.15)))
                {
                    // A deposit first; for the partial ones nothing more (yet).
                    amount = Math.Max(1m, decimal.Round(invoice.Total * (0.3m + (_random.Next(0, 41) / 100m)), 0));
                    amount = Math.Min(amount, invoice.Total);
                }

                Pay(invoice, amount, agent, paidAt);
                var restAt = paidAt + TimeSpan.FromMinutes(_random.Next(60, 14 * 24 * 60));
                if (roll >= 0.11 && invoice.Balance > 0 && restAt <= _now)
                {
                    Pay(invoice, invoice.Balance, agent, restAt);
                }
            }

            return;
        }
    }

    private void Pay(Invoice invoice, decimal amount, RequestActor agent, DateTime at)
    {
        var method = Weighted([(PaymentMethod.Cash, 35), (PaymentMethod.BankTransfer, 35), (PaymentMethod.CreditCard, 30)], x => x.Item2).Item1;
        var reference = method == PaymentMethod.Cash ? null : string.Create(CultureInfo.InvariantCulture, $"{(method == PaymentMethod.BankTransfer ? "TR" : "CC")}{_random.NextInt64(100_000_000_000, 999_999_999_999)}");
        var paidOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(at, _zone));
        var payment = invoice.RecordPayment(method, amount, paidOn, reference, agent, at);
        _ids.SetPaymentId(payment, _ids.NextPayment++);
        _ids.SetPaymentInvoiceId(payment, invoice.Id);
        _history.Payments.Add(payment);
    }

    private string InvoiceNumberFor(DateTime issuedAt)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(issuedAt, _zone));
        var scope = InvoiceNumber.Scope(day);
        Sequences.TryGetValue(scope, out var last);
        Sequences[scope] = ++last;
        return InvoiceNumber.Format(day, last);
    }

    /// <summary>A 1–2★ rating opens a follow-up (as the portal does); CRM closes most with a note within days.</summary>
    private void FollowUpRating(ServiceRequest r, RequestActor agent, DateTime ratedAt)
    {
        if (FollowUp.ForRating(r, ratedAt) is not { } followUp)
        {
            return;
        }

        _ids.SetFollowUpId(followUp, _ids.NextFollowUp++);
        var closeAt = ratedAt + TimeSpan.FromMinutes(_random.Next(60, 5 * 24 * 60));
        if (closeAt <= _now && Chance(0.92))
        {
            followUp.Close(SampleText.Pick(_random, FollowUpNotes), agent, closeAt);
        }

        followUp.Version = NextGuid();
        _history.FollowUps.Add(followUp);
    }

    private static readonly string[] FollowUpNotes =
    [
        "已电话回访客户，致歉并说明原因，客户表示理解。",
        "回访客户，安排技术主管再次上门检查。",
        "客户反映等待时间过长，已向其致歉并赠送保养券一张。",
        "已回访，客户对处理结果基本满意。",
        "多次致电未接通，已发送短信致歉。",
    ];

    /// <summary>After a request's simulation: what the surveys need (served in which quarter, late or not) and maybe a complaint.</summary>
    private void AfterRequest(ServiceRequest r, int customer, RequestActor customerActor, RequestActor agent)
    {
        if (r.CompletedAt is { } completed)
        {
            var quarter = Quarter.Containing(completed, _zone);
            if (!_served.TryGetValue(quarter, out var flags))
            {
                _served[quarter] = flags = new byte[_customerNames.Length];
            }

            var late = completed > r.CompletionDueAt || r.ResponseEscalatedAt is not null;
            flags[customer] |= (byte)(late ? 3 : 1);
        }

        if (Chance(0.013))
        {
            var late = r.CompletionEscalatedAt is not null || r.ResponseEscalatedAt is not null;
            var low = r.Rating is <= 2;
            var category = late && Chance(0.6) ? ComplaintCategory.Timeliness
                : low && Chance(0.5) ? (Chance(0.6) ? ComplaintCategory.ServiceQuality : ComplaintCategory.StaffAttitude)
                : Weighted([(ComplaintCategory.ServiceQuality, 25), (ComplaintCategory.Timeliness, 20), (ComplaintCategory.ProductQuality, 25), (ComplaintCategory.StaffAttitude, 10), (ComplaintCategory.Billing, 10), (ComplaintCategory.Other, 10)], x => x.Item2).Item1;
            var end = r.CompletedAt ?? _now;
            var span = Math.Max(60, (int)Math.Min((end - r.SubmittedAt).TotalMinutes + (3 * 24 * 60), 20 * 24 * 60));
            var receivedAt = r.SubmittedAt + TimeSpan.FromMinutes(_random.Next(30, span));
            if (receivedAt <= _now)
            {
                Complain(_firstCustomerId + customer, r.Id, category, receivedAt, customerActor, agent);
            }
        }

        if (Chance(0.002))
        {
            // About a product or a bill, not a request.
            var other = _random.Next(_customerNames.Length);
            var receivedAt = r.SubmittedAt.AddMinutes(_random.Next(0, 60));
            if (_customerCreated[other] <= receivedAt)
            {
                var category = Weighted([(ComplaintCategory.ProductQuality, 50), (ComplaintCategory.Billing, 20), (ComplaintCategory.Other, 30)], x => x.Item2).Item1;
                Complain(_firstCustomerId + other, null, category, receivedAt, new RequestActor(null, _customerNames[other]), agent);
            }
        }
    }

    /// <summary>
    /// One complaint's handling on its own clock: acknowledged and resolved mostly within the limits, some late, some
    /// disputed and resolved again; the escalation job reports every missed deadline; recent ones are still open.
    /// </summary>
    private void Complain(int customerId, int? requestId, ComplaintCategory category, DateTime receivedAt, RequestActor customer, RequestActor agent)
    {
        var channel = Weighted([(ComplaintChannel.Phone, 40), (ComplaintChannel.Web, 30), (ComplaintChannel.Email, 15), (ComplaintChannel.OnSite, 15)], x => x.Item2).Item1;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(receivedAt, _zone));
        var scope = ComplaintNumber.Scope(day);
        Sequences.TryGetValue(scope, out var last);
        Sequences[scope] = ++last;
        var c = Complaint.Receive(
            ComplaintNumber.Format(day, last),
            customerId,
            requestId,
            category,
            channel,
            SampleText.Pick(_random, ComplaintTexts[(int)category]),
            Deadlines,
            channel == ComplaintChannel.Web ? customer : agent,
            receivedAt);
        var complaintId = _ids.NextComplaint++;
        _ids.SetComplaintId(c, complaintId);

        var at = receivedAt;
        bool Step(TimeSpan delay)
        {
            var next = at + delay;
            if (c.AcknowledgedAt is null && c.AcknowledgeBy.AddMinutes(1) is var ackLate && ackLate < next && ackLate <= _now)
            {
                c.EscalateAcknowledgeIfOverdue(ackLate);
            }

            if (c.IsOpen && c.ResolveEscalatedAt is null && c.ResolveBy.AddMinutes(1) is var resolveLate && resolveLate < next && resolveLate <= _now && resolveLate > at)
            {
                c.EscalateResolveIfOverdue(resolveLate);
            }

            if (next > _now)
            {
                return false;
            }

            at = next;
            return true;
        }

        var ackHours = Deadlines.AcknowledgeHours;
        var ackDelay = Chance(0.92) ? _random.Next(10, Math.Max(11, ackHours * 60 - 30)) : _random.Next(ackHours * 60 + 30, (ackHours * 60) + (36 * 60));
        if (Step(TimeSpan.FromMinutes(ackDelay)))
        {
            c.Acknowledge(agent, at);
            if (Step(TimeSpan.FromMinutes(_random.Next(1, 30))))
            {
                c.AssignOwner(agent.UserId ?? "system", agent.DisplayName, agent, at);
            }

            var resolveMinutes = Deadlines.ResolveDays * 24 * 60;
            if (Step(TimeSpan.FromMinutes(_random.Next(60, 24 * 60))))
            {
                c.AddInvestigationNote(SampleText.Pick(_random, InvestigationNotes), agent, at);
                for (var round = 0; round < 2; round++)
                {
                    var remaining = (int)(c.ResolveBy - at).TotalMinutes;
                    var delay = Chance(0.85) && remaining > 120 ? _random.Next(60, remaining - 30) : _random.Next(Math.Max(60, remaining + 60), Math.Max(120, remaining + (resolveMinutes / 2)));
                    if (round == 0 && Chance(0.03))
                    {
                        // Stuck in investigation (waiting for the factory's test, a refund): open and past due for weeks or months.
                        delay = _random.Next(30, 400) * 24 * 60;
                    }

                    if (!Step(TimeSpan.FromMinutes(delay)))
                    {
                        break;
                    }

                    c.Resolve(SampleText.Pick(_random, Resolutions), agent, at);
                    if (!Step(TimeSpan.FromMinutes(_random.Next(60, 4 * 24 * 60))))
                    {
                        break;
                    }

                    if (round == 0 && Chance(0.1))
                    {
                        c.Dispute(SampleText.Pick(_random, ["处理结果不能接受，问题没有解决。", "赔偿方案不合理。", "希望更换新品而不是维修。"]), Deadlines, customer, at);
                        if (!Step(TimeSpan.FromMinutes(_random.Next(60, 24 * 60))))
                        {
                            break;
                        }

                        c.AddInvestigationNote(SampleText.Pick(_random, InvestigationNotes), agent, at);
                        continue;
                    }

                    if (Chance(0.95))
                    {
                        c.Accept(customer, at);
                    }

                    break;
                }
            }
        }

        // The escalation job keeps running until now.
        Step(_now - at + TimeSpan.FromTicks(1));
        c.Version = NextGuid();
        _history.Complaints.Add(c);
        foreach (var e in c.Events)
        {
            _ids.SetComplaintEventId(e, _ids.NextComplaintEvent++);
            _ids.SetComplaintEventComplaintId(e, complaintId);
            _history.ComplaintEvents.Add(e);
        }
    }

    private static readonly string[][] ComplaintTexts =
    [
        ["维修后问题依旧，师傅敷衍了事。", "上门师傅没有带齐配件，要求再约时间。", "维修后现场没有清理干净。"],
        ["预约时间到了师傅迟迟不来，也没有电话通知。", "报修三天了还没有安排上门。", "紧急漏水等了很久才有人来。"],
        ["新买的马桶用了不到一个月就漏水。", "龙头表面镀层脱落。", "花洒出水忽大忽小，质量有问题。"],
        ["客服电话态度很差。", "师傅说话不礼貌。", "投诉后没有人回电话。"],
        ["收费和报价不一致。", "保修期内还被收了上门费。", "发票金额有误。"],
        ["希望增加周末上门服务。", "官网预约页面打不开。", "要求提供书面的维修说明。"],
    ];

    private static readonly string[] InvestigationNotes =
    [
        "已联系技术人员了解现场情况。", "已调取工单记录和通话录音。", "已与客户电话沟通，核实问题细节。", "已请质检部门对产品进行检测。",
    ];

    private static readonly string[] Resolutions =
    [
        "已安排技术主管上门复查并免费处理，向客户致歉。", "经核实为收费错误，已退还多收费用。", "已为客户更换新品，并延长保修半年。",
        "已对相关人员进行批评教育，并向客户致歉。", "已说明收费依据，并赠送一次免费保养。",
    ];

    /// <summary>
    /// One campaign per quarter of the history that has ended, opened in the first days after it (audience: reachable
    /// customers served in the quarter, as the Staff/Surveys page opens it); about 35% answer, lower scores from
    /// customers who had a late request. One batch per campaign.
    /// </summary>
    public IEnumerable<GeneratedBatch> Surveys(string openedBy)
    {
        var quarter = Quarter.Containing(HistoryStart, _zone);
        while (true)
        {
            quarter = quarter.Number == 4 ? new Quarter(quarter.Year + 1, 1) : new Quarter(quarter.Year, quarter.Number + 1);
            var end = quarter.EndUtc(_zone);
            var createdAt = end + TimeSpan.FromMinutes((_random.Next(1, 5) * 24 * 60) + _random.Next(60, 180));
            if (createdAt > _now)
            {
                yield break;
            }

            var opensAt = createdAt.AddMinutes(_random.Next(5, 120));
            var campaign = new SurveyCampaign(
                quarter,
                string.Create(CultureInfo.InvariantCulture, $"{quarter.Year}年第{quarter.Number}季度客户满意度调查"),
                SurveyAudience.ServedInQuarter,
                opensAt,
                SurveyCampaign.DefaultClosesAt(quarter, _zone),
                openedBy,
                createdAt);
            _ids.SetSurveyCampaignId(campaign, _ids.NextSurveyCampaign++);
            var rows = new HistoryRows();
            rows.SurveyCampaigns.Add(campaign);
            if (_served.TryGetValue(quarter, out var served))
            {
                Span<byte> nonce = stackalloc byte[SurveyInvitation.NonceLength / 2];
                for (var i = 0; i < served.Length; i++)
                {
                    if (served[i] == 0 || !_customerReachable[i])
                    {
                        continue;
                    }

                    _random.NextBytes(nonce);
                    var invitation = campaign.Invite(_firstCustomerId + i, Convert.ToHexString(nonce), createdAt);
                    _ids.SetSurveyInvitationId(invitation, _ids.NextSurveyInvitation++);
                    rows.SurveyInvitations.Add(invitation);
                    var late = (served[i] & 2) != 0;
                    if (!Chance(late ? 0.3 : 0.36))
                    {
                        continue;
                    }

                    var answeredAt = opensAt + TimeSpan.FromMinutes(Math.Min(-Math.Log(1 - _random.NextDouble()) * 5 * 24 * 60, (campaign.ClosesAt - opensAt).TotalMinutes - 1));
                    if (answeredAt > _now)
                    {
                        continue;
                    }

                    var response = invitation.Answer(null, opensAt, Answers(late), answeredAt);
                    _ids.SetSurveyResponseId(response, _ids.NextSurveyResponse++);
                    rows.SurveyResponses.Add(response);
                }
            }

            yield return new GeneratedBatch([], [], [], []) { History = rows };
        }
    }

    private SurveyAnswers Answers(bool late)
    {
        var overall = late
            ? Weighted([(5, 25), (4, 30), (3, 25), (2, 12), (1, 8)], x => x.Item2).Item1
            : Weighted([(5, 45), (4, 35), (3, 12), (2, 5), (1, 3)], x => x.Item2).Item1;
        int Near() => Math.Clamp(overall + _random.Next(-1, 2), 1, 5);
        var recommend = overall switch
        {
            5 => _random.Next(8, 11),
            4 => _random.Next(7, 10),
            3 => _random.Next(5, 9),
            2 => _random.Next(2, 7),
            _ => _random.Next(0, 5),
        };
        var comment = Chance(0.2)
            ? overall >= 4
                ? SampleText.Pick(_random, ["服务很好，师傅专业。", "响应及时，满意。", "希望继续保持。"])
                : SampleText.Pick(_random, ["上门太慢了。", "维修质量有待提高。", "客服电话很难打通。"])
            : null;
        return new SurveyAnswers(overall, late ? Math.Max(1, Near() - 1) : Near(), Near(), Near(), recommend, comment);
    }

    /// <summary>
    /// Customer training: 2–4 events a year over the history, most held (every full year at least two) with
    /// registrations, a few cancelled seats and attendance; the ones to come are planned with early registrations.
    /// Registrations are given ids by the database, so attendance is marked after a first save (<see cref="MarkAttendance"/>).
    /// </summary>
    public List<TrainingEvent> Trainings()
    {
        var events = new List<TrainingEvent>();
        var historyStart = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(HistoryStart, _zone));
        for (var year = historyStart.Year; year <= _today.Year; year++)
        {
            var count = _random.Next(2, 5);
            for (var i = 0; i < count; i++)
            {
                // Spread over the year: the i-th event in the i-th part of it.
                var first = new DateOnly(year, 1, 10).AddDays(i * 340 / count);
                var day = first.AddDays(_random.Next(0, Math.Max(1, (340 / count) - 10)));
                var online = Chance(0.4);
                var startsAt = LocalToUtc(day, online ? (19 * 60) + 30 : 14 * 60);
                var plannedAt = startsAt.AddDays(-_random.Next(20, 45));
                if (plannedAt > _now || startsAt < HistoryStart.AddDays(-60))
                {
                    continue;
                }

                var (topic, description) = SampleText.Pick(_random, TrainingTopics);
                var capacity = online ? 100 : _random.Next(2, 7) * 10;
                var training = TrainingEvent.Plan(
                    topic,
                    description,
                    startsAt,
                    startsAt.AddHours(online ? 1.5 : 2),
                    online ? null : SampleText.Pick(_random, ["上海市浦东新区展示中心三楼培训室", "北京市朝阳区服务中心多功能厅", "广州市天河区体验店二楼", "杭州市西湖区服务网点会议室"]),
                    online ? string.Create(CultureInfo.InvariantCulture, $"https://meeting.example.com/training/{year}-{i + 1}") : null,
                    capacity,
                    plannedAt);
                var seats = (int)(capacity * (0.4 + (_random.NextDouble() * 0.55)));
                var taken = new HashSet<int>();
                for (var s = 0; s < seats; s++)
                {
                    var registeredAt = plannedAt + TimeSpan.FromMinutes(_random.Next(60, (int)(startsAt - plannedAt).TotalMinutes - 60));
                    var customer = _random.Next(_customerNames.Length);
                    if (registeredAt > _now || _customerCreated[customer] > registeredAt || !taken.Add(customer))
                    {
                        continue;
                    }

                    training.Register(_firstCustomerId + customer, registeredAt);
                    if (Chance(0.06))
                    {
                        var cancelAt = registeredAt + TimeSpan.FromTicks((long)((startsAt - registeredAt).Ticks * _random.NextDouble()));
                        if (cancelAt <= _now && cancelAt < startsAt)
                        {
                            training.CancelRegistration(_firstCustomerId + customer, cancelAt);
                        }
                    }
                }

                // A few are called off; never one of the first two of a year.
                if (i >= 2 && startsAt.AddDays(-3) <= _now && Chance(0.15))
                {
                    training.Cancel(startsAt.AddDays(-3));
                }

                training.Version = NextGuid();
                events.Add(training);
            }
        }

        return events;
    }

    /// <summary>After the events are saved (registrations have ids): who came to the ones that ended, and held.</summary>
    public void MarkAttendance(IEnumerable<TrainingEvent> events)
    {
        foreach (var training in events.Where(e => e.Status == TrainingEventStatus.Planned).OrderBy(e => e.Id))
        {
            var heldAt = training.EndsAt.AddHours(_random.Next(1, 48));
            if (heldAt > _now)
            {
                continue;
            }

            var attended = training.Registrations.Where(r => r.IsActive).OrderBy(r => r.Id).Where(_ => Chance(0.82)).Select(r => r.Id).ToList();
            training.MarkAttendance(attended, heldAt);
            training.MarkHeld(heldAt);
        }
    }

    private static readonly (string Topic, string Description)[] TrainingTopics =
    [
        ("卫浴产品日常保养与节水使用", "讲解龙头、花洒、马桶的日常清洁与保养，以及节水小窍门。"),
        ("智能马桶功能与安全使用", "智能马桶的功能设置、清洁方式与用电安全。"),
        ("冬季管道防冻与应急处理", "冬季管道保温、冻裂后的应急关阀与报修流程。"),
        ("酒店与物业卫浴设施维护", "面向酒店、物业工程人员：常见故障判断与配件更换。"),
        ("恒温花洒与浴缸的正确使用", "恒温阀的调节、浴缸排水器的清理与防滑注意事项。"),
    ];
}
