using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Support;

/// <summary>Complaints of the demo customers made through the domain's own methods, walked to a status.</summary>
public static class ComplaintData
{
    public static async Task<int> CreateComplaintAsync(this AppFactory factory, string customerEmail, ComplaintStatus status = ComplaintStatus.Received)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.OpenDb();
        var customer = await scope.Db.Customers.SingleAsync(c => c.Email == customerEmail);
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var complaint = Complaint.Receive(
            await scope.Get<RequestNumberAllocator>().NextComplaintNumberAsync(), customer.Id, null, ComplaintCategory.StaffAttitude,
            ComplaintChannel.Web, "上门师傅态度不好。", ComplaintDeadlines.Default, new RequestActor(customer.UserId, customer.Name), now);
        if (status is not ComplaintStatus.Received)
        {
            complaint.Acknowledge(PortalData.Desk, now);
        }

        if (status is ComplaintStatus.Investigating or ComplaintStatus.Resolved or ComplaintStatus.Accepted)
        {
            complaint.AddInvestigationNote("已联系师傅了解情况。", PortalData.Desk, now);
        }

        if (status is ComplaintStatus.Resolved or ComplaintStatus.Accepted)
        {
            complaint.Resolve("已向客户致歉，并对师傅进行培训。", PortalData.Desk, now);
        }

        if (status is ComplaintStatus.Accepted)
        {
            complaint.Accept(new RequestActor(customer.UserId, customer.Name), now);
        }

        scope.Db.Complaints.Add(complaint);
        await scope.Db.SaveChangesAsync();
        return complaint.Id;
    }

    public static Task<Complaint> ComplaintAsync(this AppFactory factory, int id)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.QueryAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.Id == id));
    }
}
