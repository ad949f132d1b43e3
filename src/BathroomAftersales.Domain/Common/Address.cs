namespace BathroomAftersales.Domain.Common;

/// <summary>A mainland-China postal address: 省 / 市 / 区(县) / 街道门牌.</summary>
public sealed record Address
{
    public const int PartMaxLength = 50;
    public const int StreetMaxLength = 200;

    public Address(string province, string city, string district, string street)
    {
        Province = Guard.Required(province, nameof(Province), PartMaxLength);
        City = Guard.Required(city, nameof(City), PartMaxLength);
        District = Guard.Required(district, nameof(District), PartMaxLength);
        Street = Guard.Required(street, nameof(Street), StreetMaxLength);
    }

    public string Province { get; private init; }

    public string City { get; private init; }

    public string District { get; private init; }

    public string Street { get; private init; }

    public override string ToString() => $"{Province}{City}{District}{Street}";
}
