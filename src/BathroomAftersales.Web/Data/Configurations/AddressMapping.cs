using BathroomAftersales.Domain.Common;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BathroomAftersales.Web.Data.Configurations;

internal static class AddressMapping
{
    /// <summary>
    /// An address is a value, not an entity: four columns on its owner's table, prefixed by the property's role. A complex
    /// type (not an owned entity) so one Address instance can be shared by a customer, a product and a request.
    /// </summary>
    public static void Map(ComplexPropertyBuilder<Address> address, string prefix)
    {
        address.Property(a => a.Province).HasColumnName(prefix + "Province").HasMaxLength(Address.PartMaxLength);
        address.Property(a => a.City).HasColumnName(prefix + "City").HasMaxLength(Address.PartMaxLength);
        address.Property(a => a.District).HasColumnName(prefix + "District").HasMaxLength(Address.PartMaxLength);
        address.Property(a => a.Street).HasColumnName(prefix + "Street").HasMaxLength(Address.StreetMaxLength);
    }
}
