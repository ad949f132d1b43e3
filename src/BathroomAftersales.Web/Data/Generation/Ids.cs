using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Domain.Surveys;

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

    public int NextWorkReport { get; set; } = 1;

    public int NextWorkReportLine { get; set; } = 1;

    public int NextInvoice { get; set; } = 1;

    public int NextInvoiceLine { get; set; } = 1;

    public int NextPayment { get; set; } = 1;

    public int NextComplaint { get; set; } = 1;

    public long NextComplaintEvent { get; set; } = 1;

    public int NextFollowUp { get; set; } = 1;

    public int NextSurveyCampaign { get; set; } = 1;

    public int NextSurveyInvitation { get; set; } = 1;

    public int NextSurveyResponse { get; set; } = 1;

    public Action<Customer, int> SetCustomerId { get; } = TableMap.Setter<Customer, int>(db, nameof(Customer.Id));

    public Action<CustomerProduct, int> SetProductId { get; } = TableMap.Setter<CustomerProduct, int>(db, nameof(CustomerProduct.Id));

    public Action<ServiceRequest, int> SetRequestId { get; } = TableMap.Setter<ServiceRequest, int>(db, nameof(ServiceRequest.Id));

    public Action<RequestEvent, long> SetEventId { get; } = TableMap.Setter<RequestEvent, long>(db, nameof(RequestEvent.Id));

    public Action<RequestEvent, int> SetEventRequestId { get; } = TableMap.Setter<RequestEvent, int>(db, nameof(RequestEvent.ServiceRequestId));

    public Action<WorkReport, int> SetWorkReportId { get; } = TableMap.Setter<WorkReport, int>(db, nameof(WorkReport.Id));

    public Action<WorkReportLine, int> SetWorkReportLineId { get; } = TableMap.Setter<WorkReportLine, int>(db, nameof(WorkReportLine.Id));

    public Action<WorkReportLine, int> SetWorkReportLineReportId { get; } = TableMap.Setter<WorkReportLine, int>(db, nameof(WorkReportLine.WorkReportId));

    public Action<Invoice, int> SetInvoiceId { get; } = TableMap.Setter<Invoice, int>(db, nameof(Invoice.Id));

    public Action<InvoiceLine, int> SetInvoiceLineId { get; } = TableMap.Setter<InvoiceLine, int>(db, nameof(InvoiceLine.Id));

    public Action<InvoiceLine, int> SetInvoiceLineInvoiceId { get; } = TableMap.Setter<InvoiceLine, int>(db, nameof(InvoiceLine.InvoiceId));

    public Action<Payment, int> SetPaymentId { get; } = TableMap.Setter<Payment, int>(db, nameof(Payment.Id));

    public Action<Payment, int> SetPaymentInvoiceId { get; } = TableMap.Setter<Payment, int>(db, nameof(Payment.InvoiceId));

    public Action<Complaint, int> SetComplaintId { get; } = TableMap.Setter<Complaint, int>(db, nameof(Complaint.Id));

    public Action<ComplaintEvent, long> SetComplaintEventId { get; } = TableMap.Setter<ComplaintEvent, long>(db, nameof(ComplaintEvent.Id));

    public Action<ComplaintEvent, int> SetComplaintEventComplaintId { get; } = TableMap.Setter<ComplaintEvent, int>(db, nameof(ComplaintEvent.ComplaintId));

    public Action<FollowUp, int> SetFollowUpId { get; } = TableMap.Setter<FollowUp, int>(db, nameof(FollowUp.Id));

    public Action<SurveyCampaign, int> SetSurveyCampaignId { get; } = TableMap.Setter<SurveyCampaign, int>(db, nameof(SurveyCampaign.Id));

    public Action<SurveyInvitation, int> SetSurveyInvitationId { get; } = TableMap.Setter<SurveyInvitation, int>(db, nameof(SurveyInvitation.Id));

    public Action<SurveyResponse, int> SetSurveyResponseId { get; } = TableMap.Setter<SurveyResponse, int>(db, nameof(SurveyResponse.Id));
}
