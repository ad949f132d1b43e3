using BathroomAftersales.Domain.Technicians;
using BathroomAftersales.Web.Identity;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BathroomAftersales.Web.Data.Configurations;

internal sealed class TechnicianConfiguration : IEntityTypeConfiguration<Technician>
{
    public void Configure(EntityTypeBuilder<Technician> builder)
    {
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Property(t => t.Name).HasMaxLength(Technician.NameMaxLength);
        builder.Property(t => t.Mobile).HasMaxLength(20);
        builder.Property(t => t.UserId).HasMaxLength(450);
        builder.PrimitiveCollection(t => t.Skills)
            .HasField("_skills")
            .UsePropertyAccessMode(PropertyAccessMode.Field)
            .ElementType(e => e.HasConversion<string>());
        builder.PrimitiveCollection(t => t.Districts)
            .HasField("_districts")
            .UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(t => t.UserId).IsUnique();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
