using BathroomAftersales.Domain.Notifications;
using BathroomAftersales.Domain.ServiceRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BathroomAftersales.Web.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.Kind).HasMaxLength(50);
        builder.Property(m => m.To).HasMaxLength(256);
        builder.Property(m => m.Subject).HasMaxLength(OutboxMessage.SubjectMaxLength);
        builder.Property(m => m.Body).HasMaxLength(OutboxMessage.BodyMaxLength);
        builder.Property(m => m.DeduplicationKey).HasMaxLength(200);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Property(m => m.ClaimedBy).HasMaxLength(100);
        builder.HasIndex(m => m.DeduplicationKey).IsUnique();
        builder.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.UserId).HasMaxLength(450);
        builder.Property(n => n.Title).HasMaxLength(200);
        builder.Property(n => n.Body).HasMaxLength(2000);
        builder.Property(n => n.Link).HasMaxLength(300);
        builder.HasIndex(n => new { n.UserId, n.CreatedAt, n.Id });
    }
}

internal sealed class ServiceLevelSettingsConfiguration : IEntityTypeConfiguration<ServiceLevelSettings>
{
    public void Configure(EntityTypeBuilder<ServiceLevelSettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.UpdatedBy).HasMaxLength(256);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
