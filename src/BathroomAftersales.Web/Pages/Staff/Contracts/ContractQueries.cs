using BathroomAftersales.Domain.Contracts;

namespace BathroomAftersales.Web.Pages.Staff.Contracts;

/// <summary>The date-derived statuses of <see cref="ServiceContract.StatusOf"/> as query filters, so lists filter in SQL.</summary>
public static class ContractQueries
{
    public static IQueryable<ServiceContract> WithStatus(this IQueryable<ServiceContract> query, ContractStatus status, DateOnly today)
    {
        var soon = today.AddDays(ServiceContract.ExpiringWithinDays);
        return status switch
        {
            ContractStatus.Active => query.Where(c => c.StoredStatus == ContractStatus.Active && c.EndsOn > soon),
            ContractStatus.Expiring => query.Where(c => c.StoredStatus == ContractStatus.Active && c.EndsOn >= today && c.EndsOn <= soon),
            ContractStatus.Expired => query.Where(c => c.StoredStatus == ContractStatus.Active && c.EndsOn < today),
            _ => query.Where(c => c.StoredStatus == status),
        };
    }
}
