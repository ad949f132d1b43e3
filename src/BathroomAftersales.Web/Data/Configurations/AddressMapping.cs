using BathroomAftersales.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BathroomAftersales.Web.Data.Configurations;

internal static class AddressMapping
{
    /// <summary>An address is four columns on its owner's table, prefixed by the navigation's name.</summary>
    public static void Map<TOwner>(OwnedNavigationBuilder<TOwner, Address> address, string prefix)
        where TOwner : class
    {
        address.Property(a => a.Province).HasColumnName(prefix + "Province").HasMaxLength(Address.PartMaxLength);
        address.Property(a => a.City).HasColumnName(prefix + "City").HasMaxLength(Address.PartMaxLength);
        address.Property(a => a.District).HasColumnName(prefix + "District").HasMaxLength(Address.PartMaxLength);
        address.Property(a => a.Street).HasColumnName(prefix + "Street").HasMaxLength(Address.StreetMaxLength);
    }
}
