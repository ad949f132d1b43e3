namespace BathroomAftersales.Domain.Customers;

public enum CustomerKind
{
    /// <summary>A household (个人).</summary>
    Individual,

    /// <summary>A hotel, property developer or dealer (企业).</summary>
    Business,
}
