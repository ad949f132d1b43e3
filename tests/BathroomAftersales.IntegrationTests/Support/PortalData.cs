using System.Globalization;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Support;

/// <summary>What a portal form can write: compared before and after a refused attempt ("nothing stored half-way").</summary>
public sealed record PortalRowCounts(int Requests, int Events, int StoredFiles, int Products, int FilesOnDisk)
{
    public static async Task<PortalRowCounts> ReadAsync(AppFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return await factory.QueryAsync(async db => new PortalRowCounts(
            await db.ServiceRequests.CountAsync(),
            await db.RequestEvents.CountAsync(),
            await db.StoredFiles.CountAsync(),
            await db.CustomerProducts.CountAsync(),
            factory.StoredFileCount()));
    }
}

/// <summary>Everything a customer action can change on a request: equal before and after means nothing changed.</summary>
public sealed record RequestSnapshot(
    int CustomerId, RequestStatus Status, RequestPriority Priority, Guid Version, int? Rating, string? RatingComment, int ReopenCount, int Events);

/// <summary>
/// Requests of the demo customers in any state, made through the domain's own methods as the desk and the technician
/// would, so each test starts from a request of its own instead of sharing (and spending) the seeded ones.
/// </summary>
public static class PortalData
{
    public static readonly RequestActor Desk = new(null, "陈客服");

    public static Task<int> CustomerIdAsync(this AppFactory factory, string email)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.QueryAsync(db => db.Customers.Where(c => c.Email == email).Select(c => c.Id).SingleAsync());
    }

    /// <summary>A new repair request of the customer with that email, walked to <paramref name="status"/>; returns its id.</summary>
    public static async Task<int> CreateRequestAsync(
        this AppFactory factory, string customerEmail, RequestStatus status, string description = "浴室柜下方渗水，地面有水渍。")
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.OpenDb();
        var db = scope.Db;
        var customer = await db.Customers.SingleAsync(c => c.Email == customerEmail);
        var technician = await db.Technicians.FirstAsync();
        var numbers = scope.Get<RequestNumberAllocator>();
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var start = now.AddDays(-3);
        var visit = now.AddDays(-2);
        var customerActor = new RequestActor(customer.UserId, customer.Name);
        var technicianActor = new RequestActor(technician.UserId, technician.Name);

        var request = ServiceRequest.Submit(
            await numbers.NextAsync(), customer.Id, null, RequestType.Repair, RequestChannel.Web, RequestPriority.Normal,
            description, customer.Address, ServiceLevelPolicy.Default, customerActor, start);
        if (status is RequestStatus.Cancelled)
        {
            request.Cancel("不需要了", byCustomer: true, customerActor, start.AddHours(1));
        }

        if (status is not (RequestStatus.Submitted or RequestStatus.Cancelled))
        {
            request.Acknowledge(Desk, start.AddHours(1));
        }

        if (status is RequestStatus.Scheduled)
        {
            request.Dispatch(technician, new AppointmentWindow(now.AddDays(1), now.AddDays(1).AddHours(2)), Desk, start.AddHours(2));
        }

        if (status is RequestStatus.InProgress or RequestStatus.Completed or RequestStatus.Closed or RequestStatus.Reopened)
        {
            request.Dispatch(technician, new AppointmentWindow(visit, visit.AddHours(2)), Desk, start.AddHours(2));
            request.StartVisit(technicianActor, visit.AddMinutes(10));
        }

        if (status is RequestStatus.Completed or RequestStatus.Closed or RequestStatus.Reopened)
        {
            request.Complete("更换排水管密封圈，试水正常。", technicianActor, visit.AddHours(1));
        }

        if (status is RequestStatus.Closed)
        {
            request.ConfirmAndRate(5, "很好", customerActor, now.AddDays(-1));
        }

        if (status is RequestStatus.Reopened)
        {
            request.Reopen("还是渗水", customerActor, now.AddDays(-1));
        }

        if (request.Status != status)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "No path to this status here.");
        }

        db.ServiceRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    /// <summary>Changes a request as staff would, in its own scope, so the row gets a new version: "meanwhile".</summary>
    public static async Task ChangeRequestAsync(this AppFactory factory, int id, Action<ServiceRequest, DateTime> change)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(change);
        await using var scope = factory.OpenDb();
        var request = await scope.Db.ServiceRequests.SingleAsync(r => r.Id == id);
        change(request, factory.Time.GetUtcNow().UtcDateTime);
        await scope.Db.SaveChangesAsync();
    }

    public static Task<RequestSnapshot> SnapshotAsync(this AppFactory factory, int id)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.QueryAsync(db => db.ServiceRequests.Where(r => r.Id == id)
            .Select(r => new RequestSnapshot(
                r.CustomerId, r.Status, r.Priority, r.Version, r.Rating, r.RatingComment, r.ReopenCount,
                db.RequestEvents.Count(e => e.ServiceRequestId == id)))
            .SingleAsync());
    }

    public static Task<string> RequestNumberAsync(this AppFactory factory, int id)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.QueryAsync(db => db.ServiceRequests.Where(r => r.Id == id).Select(r => r.Number).SingleAsync());
    }

    /// <summary>The request id a redirect to /Portal/Requests/Details/{id} points at.</summary>
    public static int RequestIdOfRedirect(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        const string prefix = "/Portal/Requests/Details/";
        var target = response.RedirectTarget();
        if (target is null || !target.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Expected a redirect to a request, got {(int)response.StatusCode} {target}.");
        }

        var id = target[prefix.Length..].Split('?')[0];
        return int.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
