using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Infrastructure;

/// <summary>
/// Files a complaint once, however often its form arrives: a double tap, a browser retry or two posts at the same
/// moment. Complaints carry no idempotency key (ADR 0012 keys service requests), so a complaint counts as the same
/// when its customer, request, category and text match one received within <see cref="Window"/>; the check and the
/// insert run under the customer's write lock (<see cref="CustomerWrites"/>), so two posts cannot both pass the check.
/// </summary>
public static class ComplaintIntake
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>Adds <paramref name="complaint"/> unless the same complaint is already on file; returns the id on file and whether it is new.</summary>
    public static Task<(int Id, bool Created)> ReceiveOnceAsync(AppDbContext db, Complaint complaint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(complaint);
        var since = complaint.ReceivedAt - Window;
        return db.ForCustomerAsync(complaint.CustomerId, async () =>
        {
            var existing = await db.Complaints.AsNoTracking()
                .Where(c => c.CustomerId == complaint.CustomerId && c.ServiceRequestId == complaint.ServiceRequestId
                    && c.Category == complaint.Category && c.Description == complaint.Description && c.ReceivedAt >= since)
                .OrderBy(c => c.Id)
                .Select(c => (int?)c.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (existing is { } id)
            {
                return (id, false);
            }

            db.Complaints.Add(complaint);
            await db.SaveChangesAsync(cancellationToken);
            return (complaint.Id, true);
        }, cancellationToken);
    }
}
