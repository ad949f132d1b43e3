using BathroomAftersales.Domain.Products;

namespace BathroomAftersales.Domain.ServiceRequests;

/// <summary>
/// The registered product a request is about, with its model. A request keeps both: the product for its history, the
/// model so the reports group a quarter's requests by model from one index, without joining every request's product.
/// Neither ever changes after registration, so the copy cannot go stale.
/// </summary>
public readonly record struct RequestedProduct(int CustomerProductId, int ProductModelId)
{
    public static RequestedProduct? Of(CustomerProduct? product) =>
        product is null ? null : new RequestedProduct(product.Id, product.ProductModelId);
}
