using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Customers;

namespace BathroomAftersales.UnitTests.Customers;

public class CustomerTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 1, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_customer_needs_a_mobile_or_a_landline()
    {
        var refusal = Assert.Throws<DomainException>(() =>
            new Customer("张女士", CustomerKind.Individual, " ", null, "zhang@example.com", null, Now));

        Assert.Equal("Customer.PhoneRequired", refusal.Code);
    }

    [Fact]
    public void A_customer_with_only_a_landline_is_accepted()
    {
        var customer = new Customer("海景酒店", CustomerKind.Business, null, " 0755-1234567 ", null, null, Now);

        Assert.Null(customer.Mobile);
        Assert.Equal("0755-1234567", customer.Landline);
    }

    [Fact]
    public void A_customer_mobile_is_stored_normalised()
    {
        var customer = new Customer("张女士", CustomerKind.Individual, "+86 138 1234 5678", null, null, null, Now);

        Assert.Equal("13812345678", customer.Mobile);
    }

    [Fact]
    public void A_customer_email_is_stored_in_lower_case()
    {
        var customer = new Customer("张女士", CustomerKind.Individual, "13812345678", null, " Zhang.Li@Example.COM ", null, Now);

        Assert.Equal("zhang.li@example.com", customer.Email);
    }

    [Fact]
    public void An_invalid_mobile_is_refused()
    {
        var refusal = Assert.Throws<DomainException>(() =>
            new Customer("张女士", CustomerKind.Individual, "12345678901", null, null, null, Now));

        Assert.Equal("Customer.InvalidMobile", refusal.Code);
    }

    [Fact]
    public void An_invalid_landline_is_refused_even_with_a_valid_mobile()
    {
        var refusal = Assert.Throws<DomainException>(() =>
            new Customer("张女士", CustomerKind.Individual, "13812345678", "21-1234567", null, null, Now));

        Assert.Equal("Customer.InvalidLandline", refusal.Code);
    }

    [Fact]
    public void A_customer_needs_a_name()
    {
        var refusal = Assert.Throws<DomainException>(() =>
            new Customer("  ", CustomerKind.Individual, "13812345678", null, null, null, Now));

        Assert.Equal("Domain.Required", refusal.Code);
    }

    [Fact]
    public void Changing_contact_details_refuses_removing_both_phones_and_keeps_the_old_ones()
    {
        var customer = new Customer("张女士", CustomerKind.Individual, "13812345678", null, null, null, Now);

        var refusal = Assert.Throws<DomainException>(() => customer.ChangeContact(null, null, null, Now.AddDays(1)));

        Assert.Equal("Customer.PhoneRequired", refusal.Code);
        Assert.Equal("13812345678", customer.Mobile);
        Assert.Equal(Now, customer.UpdatedAt);
    }
}
