using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Domain.Technicians;

using Microsoft.Extensions.Time.Testing;

namespace BathroomAftersales.UnitTests.ServiceRequests;

/// <summary>
/// A fake clock plus the people and places a request needs, and a way to bring a request into any status through
/// the same legal methods the application calls.
/// </summary>
internal sealed class RequestScenario
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero);

    public static readonly RequestActor Customer = new("customer-1", "张女士");

    public static readonly RequestActor Agent = new("agent-1", "客服小李");

    public static readonly RequestActor FieldTechnician = new("user-1", "王师傅");

    public static readonly RequestActor Reviewer = new("manager-1", "赵经理");

    public static readonly Address Home = new("上海市", "上海市", "浦东新区", "世纪大道100号");

    public FakeTimeProvider Clock { get; } = new(Start);

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public static Technician NewTechnician() =>
        new("user-1", "王师傅", "13900000000", [ProductCategory.Toilet], ["浦东新区"]);

    public AppointmentWindow WindowTomorrow() => new(Now.AddDays(1), Now.AddDays(1).AddHours(2));

    public ServiceRequest Submit(
        RequestType type = RequestType.Repair,
        RequestPriority priority = RequestPriority.Normal,
        bool withVisitAddress = true,
        ServiceLevelPolicy? policy = null,
        RequestedProduct? product = null) =>
        ServiceRequest.Submit(
            RequestNumber.Format(new DateOnly(2026, 11, 25), 1),
            customerId: 1,
            product,
            type,
            RequestChannel.Web,
            priority,
            "马桶水箱一直漏水",
            withVisitAddress ? Home : null,
            policy ?? ServiceLevelPolicy.Default,
            Customer,
            Now);

    /// <summary>Submits a request and walks it to <paramref name="status"/>, an hour passing between steps.</summary>
    public ServiceRequest DriveTo(
        RequestStatus status,
        RequestType type = RequestType.Repair,
        RequestPriority priority = RequestPriority.Normal,
        RequestedProduct? product = null)
    {
        var request = Submit(type, priority, product: product);
        foreach (var step in StepsTo(status))
        {
            Clock.Advance(TimeSpan.FromHours(1));
            step(request);
        }

        Assert.Equal(status, request.Status);
        return request;
    }

    public void Acknowledge(ServiceRequest request) => request.Acknowledge(Agent, Now);

    public void Dispatch(ServiceRequest request) => request.Dispatch(NewTechnician(), WindowTomorrow(), Agent, Now);

    public void StartVisit(ServiceRequest request)
    {
        if (request.AppointmentStart is { } start && start > Now)
        {
            Clock.Advance(start - Now);
        }

        request.StartVisit(FieldTechnician, Now);
    }

    public void Complete(ServiceRequest request) => request.Complete("更换进水阀，已恢复出厂标准", FieldTechnician, Now);

    public void Close(ServiceRequest request)
    {
        if (request.IsEmergency && !request.HasIncidentReview)
        {
            RecordIncidentReview(request);
        }

        request.ConfirmAndRate(5, "师傅很专业", Customer, Now);
    }

    public void RecordIncidentReview(ServiceRequest request) =>
        request.RecordIncidentReview("进水阀老化", "每年检查进水阀", Reviewer, Now);

    public void Reopen(ServiceRequest request) => request.Reopen("还是漏水", Customer, Now);

    public void CancelByCustomer(ServiceRequest request) => request.Cancel("不需要了", byCustomer: true, Customer, Now);

    private List<Action<ServiceRequest>> StepsTo(RequestStatus status) => status switch
    {
        RequestStatus.Submitted => [],
        RequestStatus.Acknowledged => [Acknowledge],
        RequestStatus.Scheduled => [Acknowledge, Dispatch],
        RequestStatus.InProgress => [Acknowledge, Dispatch, StartVisit],
        RequestStatus.Completed => [Acknowledge, Dispatch, StartVisit, Complete],
        RequestStatus.Closed => [Acknowledge, Dispatch, StartVisit, Complete, Close],
        RequestStatus.Reopened => [Acknowledge, Dispatch, StartVisit, Complete, Reopen],
        RequestStatus.Cancelled => [CancelByCustomer],
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
