using BathroomAftersales.Domain.Catalog;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BathroomAftersales.Web.Data.Configurations;

internal sealed class PartConfiguration : IEntityTypeConfiguration<Part>
{
    public void Configure(EntityTypeBuilder<Part> builder)
    {
        builder.Property(p => p.Sku).HasMaxLength(SkuCode.MaxLength);
        builder.Property(p => p.Name).HasMaxLength(Part.NameMaxLength);
        builder.Property(p => p.Version).IsConcurrencyToken();

        // Stored like Technician.Skills: a JSON collection of category names.
        builder.PrimitiveCollection(p => p.Fits)
            .HasField("_fits")
            .UsePropertyAccessMode(PropertyAccessMode.Field)
            .ElementType(e => e.HasConversion<string>());
        builder.HasMany(p => p.Prices).WithOne().HasForeignKey(p => p.PartId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Prices).HasField("_prices").UsePropertyAccessMode(PropertyAccessMode.Field);

        // SKUs are stored upper-cased (SkuCode), so this index is case-insensitive on every provider.
        builder.HasIndex(p => p.Sku).IsUnique();
        builder.HasIndex(p => p.Name);
    }
}

internal sealed class PartPriceConfiguration : IEntityTypeConfiguration<PartPrice>
{
    public void Configure(EntityTypeBuilder<PartPrice> builder) =>
        builder.HasIndex(p => new { p.PartId, p.EffectiveFrom }).IsUnique();
}
