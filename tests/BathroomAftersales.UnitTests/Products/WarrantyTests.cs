using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Products;

namespace BathroomAftersales.UnitTests.Products;

public class WarrantyTests
{
    private static readonly Address Home = new("广东省", "深圳市", "南山区", "科技园路1号");

    private static readonly DateOnly Today = new(2026, 11, 25);

    [Fact]
    public void Warranty_ends_on_the_purchase_date_plus_the_model_warranty_months()
    {
        var product = Register(new DateOnly(2026, 3, 1), warrantyMonths: 12);

        Assert.Equal(new DateOnly(2027, 3, 1), product.WarrantyEndsOn);
    }

    [Fact]
    public void A_model_warranty_is_12_months_unless_the_catalog_says_otherwise()
    {
        var model = new ProductModel("tl-100", "智能马桶 TL-100", ProductCategory.Toilet);

        Assert.Equal(12, model.WarrantyMonths);
    }

    [Fact]
    public void A_product_is_in_warranty_on_the_last_day_itself()
    {
        var product = Register(new DateOnly(2026, 3, 1), warrantyMonths: 12);

        Assert.True(product.IsInWarranty(new DateOnly(2027, 3, 1)));
    }

    [Fact]
    public void A_product_is_out_of_warranty_the_day_after_the_last_day()
    {
        var product = Register(new DateOnly(2026, 3, 1), warrantyMonths: 12);

        Assert.False(product.IsInWarranty(new DateOnly(2027, 3, 2)));
    }

    [Fact]
    public void A_product_is_in_warranty_on_its_purchase_date_but_not_before()
    {
        var product = Register(new DateOnly(2026, 3, 1), warrantyMonths: 12);

        Assert.True(product.IsInWarranty(new DateOnly(2026, 3, 1)));
        Assert.False(product.IsInWarranty(new DateOnly(2026, 2, 28)));
    }

    [Fact]
    public void A_product_bought_on_a_leap_day_with_12_months_is_covered_until_28_february()
    {
        var product = Register(new DateOnly(2024, 2, 29), warrantyMonths: 12, today: new DateOnly(2024, 3, 1));

        Assert.Equal(new DateOnly(2025, 2, 28), product.WarrantyEndsOn);
        Assert.True(product.IsInWarranty(new DateOnly(2025, 2, 28)));
        Assert.False(product.IsInWarranty(new DateOnly(2025, 3, 1)));
    }

    [Fact]
    public void A_product_bought_on_31_january_with_1_month_is_covered_until_the_end_of_february()
    {
        var product = Register(new DateOnly(2026, 1, 31), warrantyMonths: 1);

        Assert.Equal(new DateOnly(2026, 2, 28), product.WarrantyEndsOn);
        Assert.True(product.IsInWarranty(new DateOnly(2026, 2, 28)));
        Assert.False(product.IsInWarranty(new DateOnly(2026, 3, 1)));
    }

    [Fact]
    public void A_model_with_24_months_covers_the_product_for_two_years()
    {
        var product = Register(new DateOnly(2026, 3, 1), warrantyMonths: 24);

        Assert.Equal(new DateOnly(2028, 3, 1), product.WarrantyEndsOn);
        Assert.True(product.IsInWarranty(new DateOnly(2027, 6, 1)));
        Assert.True(product.IsInWarranty(new DateOnly(2028, 3, 1)));
        Assert.False(product.IsInWarranty(new DateOnly(2028, 3, 2)));
    }

    [Fact]
    public void A_purchase_date_in_the_future_is_refused()
    {
        var refusal = Assert.Throws<DomainException>(() => Register(Today.AddDays(1), warrantyMonths: 12));

        Assert.Equal("Product.PurchaseDateInFuture", refusal.Code);
    }

    [Fact]
    public void A_product_bought_today_can_be_registered()
    {
        var product = Register(Today, warrantyMonths: 12);

        Assert.Equal(Today, product.PurchaseDate);
        Assert.True(product.IsInWarranty(Today));
    }

    [Fact]
    public void A_later_change_of_the_model_warranty_does_not_rewrite_a_registered_product()
    {
        var model = new ProductModel("TL-100", "智能马桶 TL-100", ProductCategory.Toilet, warrantyMonths: 12);
        var product = new CustomerProduct(1, model, "sn-0001", new DateOnly(2026, 3, 1), Home, Today);

        model.ChangeWarranty(36);

        Assert.Equal(new DateOnly(2027, 3, 1), product.WarrantyEndsOn);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(241)]
    public void A_warranty_term_outside_0_to_240_months_is_refused(int months)
    {
        var refusal = Assert.Throws<DomainException>(() =>
            new ProductModel("TL-100", "智能马桶 TL-100", ProductCategory.Toilet, months));

        Assert.Equal("Product.WarrantyMonthsOutOfRange", refusal.Code);
    }

    [Fact]
    public void A_serial_number_is_stored_in_capitals()
    {
        var product = Register(new DateOnly(2026, 3, 1), warrantyMonths: 12, serial: " sn-ab12 ");

        Assert.Equal("SN-AB12", product.SerialNumber);
    }

    private static CustomerProduct Register(DateOnly purchaseDate, int warrantyMonths, DateOnly? today = null, string serial = "SN-0001")
    {
        var model = new ProductModel("TL-100", "智能马桶 TL-100", ProductCategory.Toilet, warrantyMonths);
        return new CustomerProduct(1, model, serial, purchaseDate, Home, today ?? Today);
    }
}
