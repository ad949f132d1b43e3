using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.Files;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BathroomAftersales.Web.Data.Configurations;

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.StorageName).HasMaxLength(StoredFile.StorageNameMaxLength);
        builder.Property(f => f.ThumbnailName).HasMaxLength(StoredFile.StorageNameMaxLength);
        builder.Property(f => f.ContentType).HasMaxLength(50);
        builder.Property(f => f.UploadedByUserId).HasMaxLength(450);
        builder.HasOne<Customer>().WithMany().HasForeignKey(f => f.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CustomerProduct>().WithMany().HasForeignKey(f => f.CustomerProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ServiceRequest>().WithMany().HasForeignKey(f => f.ServiceRequestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => f.ServiceRequestId);
        builder.HasIndex(f => f.CustomerProductId);
        builder.HasIndex(f => f.CustomerId);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.EntityType).HasMaxLength(50);
        builder.Property(a => a.EntityId).HasMaxLength(50);
        builder.Property(a => a.Field).HasMaxLength(100);
        builder.Property(a => a.OldValue).HasMaxLength(AuditEntry.ValueMaxLength);
        builder.Property(a => a.NewValue).HasMaxLength(AuditEntry.ValueMaxLength);
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.HasIndex(a => new { a.EntityType, a.EntityId, a.At });
    }
}

internal sealed class ReportSnapshotConfiguration : IEntityTypeConfiguration<Web.Data.ReportSnapshot>
{
    public void Configure(EntityTypeBuilder<Web.Data.ReportSnapshot> builder)
    {
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(Web.Data.ReportSnapshot.KeyMaxLength);
    }
}
