using BathroomAftersales.Domain.Catalog;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Products;

namespace BathroomAftersales.UnitTests.Catalog;

public sealed class PartTests
{
    private static readonly DateOnly From = new(2026, 12, 1);

    private static Part FillValve(decimal price = 45m) => new("pt-fv01", "坐便器进水阀", [ProductCategory.Toilet], price, From);

    [Fact]
    public void A_part_has_no_price_the_day_before_its_first_price_starts()
    {
        Assert.Null(FillValve().PriceOn(From.AddDays(-1)));
    }

    [Fact]
    public void A_price_applies_from_its_first_day()
    {
        Assert.Equal(45m, FillValve().PriceOn(From));
    }

    [Fact]
    public void A_price_still_applies_the_days_after_it_started()
    {
        Assert.Equal(45m, FillValve().PriceOn(From.AddDays(1)));
    }

    [Fact]
    public void A_new_price_applies_from_its_effective_day_and_the_old_one_until_the_day_before()
    {
        var part = FillValve();
        var next = From.AddMonths(1);

        part.ChangePrice(49.5m, next, today: From);

        Assert.Equal(45m, part.PriceOn(next.AddDays(-1)));
        Assert.Equal(49.5m, part.PriceOn(next));
        Assert.Equal(49.5m, part.PriceOn(next.AddYears(1)));
        Assert.Equal(2, part.Prices.Count);
    }

    [Fact]
    public void A_new_price_cannot_start_in_the_past()
    {
        var part = FillValve();

        var error = Assert.Throws<DomainException>(() => part.ChangePrice(50m, From.AddDays(9), today: From.AddDays(10)));

        Assert.Equal("Part.PriceInThePast", error.Code);
    }

    [Fact]
    public void A_new_price_cannot_start_before_a_price_already_scheduled()
    {
        var part = FillValve();
        part.ChangePrice(50m, From.AddMonths(2), today: From);

        var error = Assert.Throws<DomainException>(() => part.ChangePrice(48m, From.AddMonths(1), today: From));

        Assert.Equal("Part.PriceBeforeLatest", error.Code);
    }

    [Fact]
    public void A_second_price_for_the_same_day_corrects_the_first()
    {
        var part = FillValve();
        part.ChangePrice(50m, From.AddMonths(1), today: From);

        part.ChangePrice(52m, From.AddMonths(1), today: From);

        Assert.Equal(2, part.Prices.Count);
        Assert.Equal(52m, part.PriceOn(From.AddMonths(1)));
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("12.345")]
    [InlineData("1000000.01")]
    public void Negative_over_the_limit_or_three_decimal_prices_are_refused(string price)
    {
        var amount = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Throws<DomainException>(() => FillValve(amount));
        Assert.Throws<DomainException>(() => FillValve().ChangePrice(amount, From, today: From));
        Assert.False(Money.IsValid(amount));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("12.5")]
    [InlineData("12.50")]
    [InlineData("1000000")]
    public void Prices_from_zero_to_a_million_with_two_decimals_are_accepted(string price)
    {
        Assert.True(Money.IsValid(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_sku_is_trimmed_and_upper_cased()
    {
        Assert.Equal("PT-FV01", FillValve().Sku);
        Assert.Equal("AB_12.X", SkuCode.Normalize("  ab_12.x "));
        Assert.Equal("TL-100", new ProductModel(" tl-100", "马桶", ProductCategory.Toilet).Sku);
    }

    [Theory]
    [InlineData("")]
    [InlineData("PT FV01")]
    [InlineData("进水阀")]
    public void A_sku_with_spaces_or_other_characters_is_refused(string sku)
    {
        Assert.Throws<DomainException>(() => SkuCode.Normalize(sku));
        Assert.False(SkuCode.IsValid(sku));
    }

    [Fact]
    public void The_categories_a_part_fits_are_a_set()
    {
        var part = FillValve();

        part.ChangeFits([ProductCategory.Basin, ProductCategory.Toilet, ProductCategory.Basin]);

        Assert.Equal([ProductCategory.Toilet, ProductCategory.Basin], part.Fits);
    }
}
