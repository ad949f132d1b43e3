using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.Training;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BathroomAftersales.Web.Data.Configurations;

internal sealed class TrainingEventConfiguration : IEntityTypeConfiguration<TrainingEvent>
{
    public void Configure(EntityTypeBuilder<TrainingEvent> builder)
    {
        builder.Property(e => e.Topic).HasMaxLength(TrainingEvent.TopicMaxLength);
        builder.Property(e => e.Description).HasMaxLength(TrainingEvent.DescriptionMaxLength);
        builder.Property(e => e.Place).HasMaxLength(TrainingEvent.PlaceMaxLength);
        builder.Property(e => e.OnlineLink).HasMaxLength(TrainingEvent.OnlineLinkMaxLength);

        // Every registration change saves the event too (TrainingEvent.Register), so the token guards the last seat.
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Ignore(e => e.SeatsTaken);
        builder.Ignore(e => e.SeatsLeft);

        builder.HasMany(e => e.Registrations).WithOne().HasForeignKey(r => r.TrainingEventId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.Registrations).UsePropertyAccessMode(PropertyAccessMode.Field);

        // The staff list and the portal's upcoming list, in start order; the yearly count by status and start.
        builder.HasIndex(e => new { e.StartsAt, e.Id });
        builder.HasIndex(e => e.IdempotencyKey).IsUnique();
        builder.HasIndex(e => new { e.Status, e.StartsAt });
    }
}

internal sealed class TrainingRegistrationConfiguration : IEntityTypeConfiguration<TrainingRegistration>
{
    public void Configure(EntityTypeBuilder<TrainingRegistration> builder)
    {
        builder.Ignore(r => r.IsActive);
        builder.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);

        // One active registration per customer and event. The filter is valid in SQLite, SQL Server and PostgreSQL;
        // TrainingEvent.Register refuses it first with a readable message.
        builder.HasIndex(r => new { r.TrainingEventId, r.CustomerId }).IsUnique().HasFilter("\"CancelledAt\" IS NULL");

        // "My registrations" in the portal.
        builder.HasIndex(r => new { r.CustomerId, r.RegisteredAt });
    }
}
