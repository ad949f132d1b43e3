using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.Products;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BathroomAftersales.Web.Data.Configurations;

internal sealed class ProductModelConfiguration : IEntityTypeConfiguration<ProductModel>
{
    public void Configure(EntityTypeBuilder<ProductModel> builder)
    {
        builder.Property(m => m.Sku).HasMaxLength(ProductModel.SkuMaxLength);
        builder.Property(m => m.Name).HasMaxLength(ProductModel.NameMaxLength);
        builder.Property(m => m.Version).IsConcurrencyToken();

        // SKUs are stored upper-cased (SkuCode), so this index is case-insensitive on every provider.
        builder.HasIndex(m => m.Sku).IsUnique();
        builder.HasIndex(m => new { m.Category, m.Name });
    }
}

internal sealed class CustomerProductConfiguration : IEntityTypeConfiguration<CustomerProduct>
{
    public void Configure(EntityTypeBuilder<CustomerProduct> builder)
    {
        builder.Property(p => p.SerialNumber).HasMaxLength(CustomerProduct.SerialMaxLength);
        builder.Property(p => p.ProofOfPurchasePath).HasMaxLength(260);
        builder.ComplexProperty(p => p.InstallationAddress, a => AddressMapping.Map(a, "Installation"));

        builder.HasOne(p => p.Model).WithMany().HasForeignKey(p => p.ProductModelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Restrict);

        // A serial number identifies one unit of one model.
        builder.HasIndex(p => new { p.ProductModelId, p.SerialNumber }).IsUnique();
        builder.HasIndex(p => p.CustomerId);
    }
}
