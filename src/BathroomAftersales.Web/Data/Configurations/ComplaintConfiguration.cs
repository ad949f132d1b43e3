using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.ServiceRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BathroomAftersales.Web.Data.Configurations;

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> builder)
    {
        builder.Property(c => c.Number).HasMaxLength(ComplaintNumber.MaxLength);
        builder.Property(c => c.Description).HasMaxLength(Complaint.DescriptionMaxLength);
        builder.Property(c => c.Resolution).HasMaxLength(Complaint.ResolutionMaxLength);
        builder.Property(c => c.OwnerUserId).HasMaxLength(450);
        builder.Property(c => c.OwnerName).HasMaxLength(Complaint.OwnerNameMaxLength);
        builder.Property(c => c.Version).IsConcurrencyToken();

        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ServiceRequest>().WithMany().HasForeignKey(c => c.ServiceRequestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Events).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasIndex(c => c.Number).IsUnique();

        // Keyset paging: the staff list by the deadline that breaches first (per status), a customer's list newest first;
        // the escalation job's scans by status and deadline.
        builder.HasIndex(c => new { c.Status, c.DueAt, c.Id });
        builder.HasIndex(c => new { c.CustomerId, c.ReceivedAt, c.Id });
        builder.HasIndex(c => new { c.Status, c.ResolveBy, c.Id });

        // The scorecard's complaint handling rate: one period's range of received, read from the index alone.
        builder.HasIndex(c => new { c.ReceivedAt, c.ResolvedAt, c.ResolveBy });
    }
}

internal sealed class ComplaintEventConfiguration : IEntityTypeConfiguration<ComplaintEvent>
{
    public void Configure(EntityTypeBuilder<ComplaintEvent> builder)
    {
        builder.Property(e => e.ActorUserId).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(RequestEvent.ActorNameMaxLength);
        builder.Property(e => e.Note).HasMaxLength(ComplaintEvent.NoteMaxLength);
        builder.HasIndex(e => new { e.ComplaintId, e.At });
    }
}

internal sealed class ComplaintSettingsConfiguration : IEntityTypeConfiguration<ComplaintSettings>
{
    public void Configure(EntityTypeBuilder<ComplaintSettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.UpdatedBy).HasMaxLength(256);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> builder)
    {
        builder.Property(f => f.ClosedBy).HasMaxLength(Complaint.OwnerNameMaxLength);
        builder.Property(f => f.ClosingNote).HasMaxLength(FollowUp.NoteMaxLength);
        builder.Property(f => f.Version).IsConcurrencyToken();
        builder.HasOne<ServiceRequest>().WithMany().HasForeignKey(f => f.ServiceRequestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(f => f.CustomerId).OnDelete(DeleteBehavior.Restrict);

        // The CRM list: open ones oldest first. A request rated low again after a reopen gets a second follow-up.
        builder.HasIndex(f => new { f.Status, f.CreatedAt, f.Id });
        builder.HasIndex(f => f.ServiceRequestId);
    }
}
