using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Domain.Technicians;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BathroomAftersales.Web.Data.Configurations;

internal sealed class ServiceRequestConfiguration : IEntityTypeConfiguration<ServiceRequest>
{
    public void Configure(EntityTypeBuilder<ServiceRequest> builder)
    {
        builder.Property(r => r.Number).HasMaxLength(RequestNumber.MaxLength);
        builder.Property(r => r.Description).HasMaxLength(ServiceRequest.DescriptionMaxLength);
        builder.Property(r => r.RatingComment).HasMaxLength(ServiceRequest.CommentMaxLength);
        builder.Property(r => r.IncidentRootCause).HasMaxLength(ServiceRequest.ReviewMaxLength);
        builder.Property(r => r.IncidentPreventiveMeasures).HasMaxLength(ServiceRequest.ReviewMaxLength);
        builder.Property(r => r.IncidentReviewedBy).HasMaxLength(RequestEvent.ActorNameMaxLength);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.ComplexProperty(r => r.VisitAddress, a => AddressMapping.Map(a, "Visit"));

        builder.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CustomerProduct>().WithMany().HasForeignKey(r => r.CustomerProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ProductModel>().WithMany().HasForeignKey(r => r.ProductModelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Technician>().WithMany().HasForeignKey(r => r.TechnicianId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ServiceRequest>().WithMany().HasForeignKey(r => r.DuplicateOfId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.ServiceRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Events).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasIndex(r => r.Number).IsUnique();
        builder.HasIndex(r => new { r.CustomerId, r.IdempotencyKey }).IsUnique();

        // Keyset paging: a customer's list newest first; the staff queue by what breaches first (emergencies first),
        // read in index order one rank at a time; the escalation job's scans by status and deadline.
        builder.HasIndex(r => new { r.CustomerId, r.SubmittedAt, r.Id });
        builder.HasIndex(r => new { r.QueueRank, r.QueueDueAt, r.Id });

        // The queue searched by a customer's phone: that customer's open requests in queue order, without walking the
        // whole open queue (docs/performance.md).
        builder.HasIndex(r => new { r.CustomerId, r.QueueRank, r.QueueDueAt, r.Id });
        builder.HasIndex(r => new { r.Status, r.ResponseDueAt, r.Id });
        builder.HasIndex(r => new { r.Status, r.CompletionDueAt, r.Id });
        builder.HasIndex(r => new { r.TechnicianId, r.AppointmentStart });

        // The managers' reports (docs/performance.md, ADR 0017): each KPI and each breakdown reads one period's range
        // of one date, and its index carries every column the aggregate reads (type, priority, technician, the product's
        // model, the stored minutes), so a quarter of a million-request history is answered from the index alone.
        builder.HasIndex(r => new { r.SubmittedAt, r.Type, r.Priority, r.ResponseMinutes, r.ProductModelId });
        builder.HasIndex(r => new { r.ResponseDueAt, r.RespondedAt, r.CancelledAt });
        builder.HasIndex(r => new { r.CompletedAt, r.CompletionDueAt, r.Type, r.TechnicianId, r.CompletionMinutes });
        builder.HasIndex(r => new { r.ClosedAt, r.Rating, r.Type, r.TechnicianId, r.ProductModelId });

        // Responses and cancellations in a period: filtered to the rows that have one, so the planner never takes
        // these for the desk's "not yet responded" filter (an IS NULL it would otherwise seek here, at 1M rows, slowly).
        builder.HasIndex(r => r.RespondedAt).HasFilter("\"RespondedAt\" IS NOT NULL");
        builder.HasIndex(r => r.CancelledAt).HasFilter("\"CancelledAt\" IS NOT NULL");
        builder.HasIndex(r => new { r.FirstCompletedAt, r.ReopenCount });
    }
}

internal sealed class RequestEventConfiguration : IEntityTypeConfiguration<RequestEvent>
{
    public void Configure(EntityTypeBuilder<RequestEvent> builder)
    {
        builder.Property(e => e.ActorUserId).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(RequestEvent.ActorNameMaxLength);
        builder.Property(e => e.Note).HasMaxLength(RequestEvent.NoteMaxLength);
        builder.HasIndex(e => new { e.ServiceRequestId, e.At });
    }
}

internal sealed class NumberSequenceConfiguration : IEntityTypeConfiguration<Web.Data.NumberSequence>
{
    public void Configure(EntityTypeBuilder<Web.Data.NumberSequence> builder)
    {
        builder.HasKey(s => s.Scope);
        builder.Property(s => s.Scope).HasMaxLength(Web.Data.NumberSequence.ScopeMaxLength);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
