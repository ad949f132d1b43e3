using BathroomAftersales.Domain.Catalog;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BathroomAftersales.Web.Data.Configurations;

internal sealed class FeeScheduleEntryConfiguration : IEntityTypeConfiguration<FeeScheduleEntry>
{
    /// <summary>One price per fee and first day: two managers adding the same day collide here instead of both winning.</summary>
    public void Configure(EntityTypeBuilder<FeeScheduleEntry> builder) =>
        builder.HasIndex(e => new { e.Kind, e.EffectiveFrom }).IsUnique();
}
