using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Web.Identity;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BathroomAftersales.Web.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(Customer.NameMaxLength);
        builder.Property(c => c.Mobile).HasMaxLength(Customer.PhoneMaxLength);
        builder.Property(c => c.Landline).HasMaxLength(Customer.PhoneMaxLength);
        builder.Property(c => c.Email).HasMaxLength(Customer.EmailMaxLength);
        builder.Property(c => c.Notes).HasMaxLength(Customer.NotesMaxLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.ComplexProperty(c => c.Address, a => AddressMapping.Map(a, string.Empty));

        // One archive record per mobile number; duplicates by landline are found by the archive work-list instead.
        builder.HasIndex(c => c.Mobile).IsUnique();
        builder.HasIndex(c => c.Name);
        builder.HasIndex(c => c.UserId).IsUnique();
        builder.HasIndex(c => c.Landline);

        // The archive work-list and the accuracy figure: records not merged away, by what is wrong with them.
        builder.HasIndex(c => new { c.MergedIntoId, c.ArchiveProblems, c.Id });
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}
