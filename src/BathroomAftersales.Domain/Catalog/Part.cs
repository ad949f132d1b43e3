using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Products;

namespace BathroomAftersales.Domain.Catalog;

/// <summary>
/// A spare part (零部件) a technician can fit, with its price history. A work report copies SKU, name and the unit price
/// of the day into its lines, so a later price never rewrites a filed report; the history answers "what did it cost
/// on that day" (<see cref="PriceOn"/>).
/// </summary>
public sealed class Part : IVersioned
{
    public const int NameMaxLength = 120;

    private readonly List<PartPrice> _prices = [];
    private List<ProductCategory> _fits = [];

    private Part()
    {
        Sku = string.Empty;
        Name = string.Empty;
    }

    public Part(string sku, string name, IEnumerable<ProductCategory> fits, decimal unitPrice, DateOnly priceEffectiveFrom)
    {
        Sku = SkuCode.Normalize(sku);
        Name = Guard.Required(name, nameof(Name), NameMaxLength);
        ChangeFits(fits);
        _prices.Add(new PartPrice(Money.Required(unitPrice), priceEffectiveFrom));
        Active = true;
    }

    public int Id { get; private set; }

    public string Sku { get; private set; }

    public string Name { get; private set; }

    /// <summary>The product categories the part fits (e.g. a fill valve fits toilets).</summary>
    public IReadOnlyList<ProductCategory> Fits => _fits;

    public bool Active { get; private set; }

    /// <summary>Every price the part has had or will have, each from its first day.</summary>
    public IReadOnlyCollection<PartPrice> Prices => _prices;

    public Guid Version { get; set; }

    /// <summary>The unit price in force on a day: the price with the latest start on or before it; null before the first.</summary>
    public decimal? PriceOn(DateOnly day) =>
        _prices.Where(p => p.EffectiveFrom <= day).MaxBy(p => p.EffectiveFrom)?.UnitPrice;

    public void Rename(string name) => Name = Guard.Required(name, nameof(Name), NameMaxLength);

    public void ChangeFits(IEnumerable<ProductCategory> fits) => _fits = [.. fits.Distinct().Order()];

    /// <summary>
    /// A new price from a day on. The past is not rewritten: the day cannot be before today, nor before a price already
    /// scheduled; a new price for the day of the latest one replaces it (a correction before it applied, or today's).
    /// </summary>
    public void ChangePrice(decimal unitPrice, DateOnly effectiveFrom, DateOnly today)
    {
        unitPrice = Money.Required(unitPrice);
        if (effectiveFrom < today)
        {
            throw new DomainException("Part.PriceInThePast", "A new price cannot start in the past.");
        }

        var latest = _prices.MaxBy(p => p.EffectiveFrom);
        if (latest is not null && effectiveFrom < latest.EffectiveFrom)
        {
            throw new DomainException(
                "Part.PriceBeforeLatest",
                $"A price already starts on {latest.EffectiveFrom:yyyy-MM-dd}; a new price must start on or after that day.",
                latest.EffectiveFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (latest is not null && effectiveFrom == latest.EffectiveFrom)
        {
            latest.Correct(unitPrice);
            return;
        }

        _prices.Add(new PartPrice(unitPrice, effectiveFrom));
    }

    public void Deactivate() => Active = false;

    public void Activate() => Active = true;
}

/// <summary>One price of a part, in force from <see cref="EffectiveFrom"/> until the next one starts.</summary>
public sealed class PartPrice
{
    private PartPrice()
    {
    }

    internal PartPrice(decimal unitPrice, DateOnly effectiveFrom)
    {
        UnitPrice = unitPrice;
        EffectiveFrom = effectiveFrom;
    }

    public int Id { get; private set; }

    public int PartId { get; private set; }

    public decimal UnitPrice { get; private set; }

    public DateOnly EffectiveFrom { get; private set; }

    internal void Correct(decimal unitPrice) => UnitPrice = unitPrice;
}
