using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;

namespace BathroomAftersales.Web.Data.Generation;

/// <summary>
/// The next id of each bulk-written table (after whatever is already there) and setters for the private id and
/// foreign-key properties, taken from the EF model, so rows can be linked before they reach the database.
/// </summary>
internal sealed class Ids(AppDbContext db)
{
    public int NextCustomer { get; set; } = 1;

    public int NextProduct { get; set; } = 1;

    public int NextRequest { get; set; } = 1;

    public long NextEvent { get; set; } = 1;

    public Action<Customer, int> SetCustomerId { get; } = TableMap.Setter<Customer, int>(db, nameof(Customer.Id));

    public Action<CustomerProduct, int> SetProductId { get; } = TableMap.Setter<CustomerProduct, int>(db, nameof(CustomerProduct.Id));

    public Action<ServiceRequest, int> SetRequestId { get; } = TableMap.Setter<ServiceRequest, int>(db, nameof(ServiceRequest.Id));

    public Action<RequestEvent, long> SetEventId { get; } = TableMap.Setter<RequestEvent, long>(db, nameof(RequestEvent.Id));

    public Action<RequestEvent, int> SetEventRequestId { get; } = TableMap.Setter<RequestEvent, int>(db, nameof(RequestEvent.ServiceRequestId));
}
