using BathroomAftersales.Domain.Contracts;
using BathroomAftersales.Domain.Customers;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BathroomAftersales.Web.Data.Configurations;

internal sealed class ServiceContractConfiguration : IEntityTypeConfiguration<ServiceContract>
{
    public void Configure(EntityTypeBuilder<ServiceContract> builder)
    {
        builder.Property(c => c.Number).HasMaxLength(ContractNumber.MaxLength);
        builder.Property(c => c.TerminationReason).HasMaxLength(ServiceContract.ReasonMaxLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.EffectiveEnd);

        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ServiceContract>().WithMany().HasForeignKey(c => c.PredecessorId).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(c => c.Number).IsUnique();

        // A customer's contracts in term order (overlap check, portal); the expiring-soon list by end date.
        builder.HasIndex(c => new { c.CustomerId, c.StartsOn });
        builder.HasIndex(c => new { c.StoredStatus, c.EndsOn, c.Id });
        builder.HasIndex(c => c.PredecessorId);
    }
}
