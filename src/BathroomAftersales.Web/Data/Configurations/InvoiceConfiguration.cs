using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.ServiceRequests;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BathroomAftersales.Web.Data.Configurations;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.Property(i => i.Number).HasMaxLength(InvoiceNumber.MaxLength);
        builder.Property(i => i.IssuedBy).HasMaxLength(Invoice.ActorNameMaxLength);
        builder.Property(i => i.VoidedBy).HasMaxLength(Invoice.ActorNameMaxLength);
        builder.Property(i => i.VoidReason).HasMaxLength(Invoice.ReasonMaxLength);
        builder.Property(i => i.Total).HasPrecision(18, 2);
        builder.Property(i => i.PaidTotal).HasPrecision(18, 2);
        builder.Property(i => i.Version).IsConcurrencyToken();

        builder.HasOne<ServiceRequest>().WithMany().HasForeignKey(i => i.ServiceRequestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<WorkReport>().WithMany().HasForeignKey(i => i.WorkReportId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Payments).WithOne().HasForeignKey(p => p.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(i => i.Payments).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasIndex(i => i.Number).IsUnique();

        // One invoice of a work report (a visit) that is not void. Filtered unique indexes exist in SQLite, SQL Server and PostgreSQL,
        // and this filter is valid in all three (SQL Server quotes with "" as EF's connections set QUOTED_IDENTIFIER ON).
        // Invoice.Issue refuses it first with a readable message; this stops two staff issuing at the same moment.
        builder.HasIndex(i => i.WorkReportId).IsUnique().HasFilter("\"Status\" <> 'Void'");
        builder.HasIndex(i => i.ServiceRequestId);

        // A customer's invoices newest first (keyset), and the outstanding list by status and age.
        builder.HasIndex(i => new { i.CustomerId, i.IssuedAt, i.Id });
        builder.HasIndex(i => new { i.Status, i.IssuedAt, i.Id });
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> builder)
    {
        builder.Property(l => l.Sku).HasMaxLength(WorkReportLine.SkuMaxLength);
        builder.Property(l => l.Description).HasMaxLength(WorkReportLine.DescriptionMaxLength);
        builder.Property(l => l.Quantity).HasPrecision(18, 2);
        builder.Property(l => l.UnitPrice).HasPrecision(18, 2);
        builder.Property(l => l.Amount).HasPrecision(18, 2);
        builder.HasIndex(l => new { l.InvoiceId, l.LineNumber }).IsUnique();
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.Property(p => p.Amount).HasPrecision(18, 2);
        builder.Property(p => p.Reference).HasMaxLength(Payment.ReferenceMaxLength);
        builder.Property(p => p.RecordedByUserId).HasMaxLength(450);
        builder.Property(p => p.RecordedBy).HasMaxLength(Payment.RecordedByMaxLength);
        builder.HasIndex(p => new { p.InvoiceId, p.PaidOn });
    }
}
