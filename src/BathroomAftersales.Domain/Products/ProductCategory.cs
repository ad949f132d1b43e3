namespace BathroomAftersales.Domain.Products;

public enum ProductCategory
{
    Toilet,
    Basin,
    Shower,
    Faucet,
    Bathtub,
    Cabinet,
    Other,
}
