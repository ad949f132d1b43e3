using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Files;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Domain.Technicians;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BathroomAftersales.Web.Data.Configurations;

internal sealed class WorkReportConfiguration : IEntityTypeConfiguration<WorkReport>
{
    public void Configure(EntityTypeBuilder<WorkReport> builder)
    {
        builder.Property(r => r.WorkPerformed).HasMaxLength(WorkReport.WorkPerformedMaxLength);
        builder.Property(r => r.CustomerConfirmationName).HasMaxLength(WorkReport.CustomerNameMaxLength);

        builder.HasOne<ServiceRequest>().WithMany().HasForeignKey(r => r.ServiceRequestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Technician>().WithMany().HasForeignKey(r => r.TechnicianId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.WorkReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Photos).WithOne().HasForeignKey(p => p.WorkReportId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(r => r.Photos).UsePropertyAccessMode(PropertyAccessMode.Field);

        // One report per visit round: the first visit and each rework after a reopen.
        builder.HasIndex(r => new { r.ServiceRequestId, r.Round }).IsUnique();

        // The warranty-cost KPI groups supplier-paid lines by the quarter of the service date.
        builder.HasIndex(r => r.ServiceDate);
    }
}

internal sealed class WorkReportLineConfiguration : IEntityTypeConfiguration<WorkReportLine>
{
    public void Configure(EntityTypeBuilder<WorkReportLine> builder)
    {
        builder.Property(l => l.Sku).HasMaxLength(WorkReportLine.SkuMaxLength);
        builder.Property(l => l.Description).HasMaxLength(WorkReportLine.DescriptionMaxLength);
        builder.Property(l => l.OverrideReason).HasMaxLength(WorkReportLine.OverrideReasonMaxLength);
        builder.Property(l => l.Quantity).HasPrecision(18, 2);
        builder.Property(l => l.UnitPrice).HasPrecision(18, 2);
        builder.Property(l => l.Amount).HasPrecision(18, 2);

        // Configured here rather than as a convention: the fee schedule owns FeeKind and may configure it its own way.
        builder.Property(l => l.FeeKind).HasConversion<string>().HasMaxLength(20);

        builder.HasIndex(l => new { l.WorkReportId, l.LineNumber }).IsUnique();

        // The warranty-cost KPI: a period's reports' lines, their payer and amount read from the index alone.
        builder.HasIndex(l => new { l.WorkReportId, l.Payer, l.Amount });
    }
}

internal sealed class WorkReportPhotoConfiguration : IEntityTypeConfiguration<WorkReportPhoto>
{
    public void Configure(EntityTypeBuilder<WorkReportPhoto> builder)
    {
        builder.HasOne<StoredFile>().WithMany().HasForeignKey(p => p.StoredFileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.WorkReportId, p.StoredFileId }).IsUnique();
        builder.HasIndex(p => p.StoredFileId);
    }
}
