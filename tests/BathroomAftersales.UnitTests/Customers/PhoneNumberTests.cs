using BathroomAftersales.Domain.Customers;

namespace BathroomAftersales.UnitTests.Customers;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("13812345678")]
    [InlineData("+86 138 1234 5678")]
    [InlineData("0086-13812345678")]
    [InlineData("199-1234-5678")]
    public void A_mainland_mobile_number_is_valid_with_or_without_country_code_and_separators(string mobile) =>
        Assert.True(PhoneNumbers.IsValidMobile(mobile));

    [Theory]
    [InlineData("12345678901")]
    [InlineData("1381234567")]
    [InlineData("138123456789")]
    [InlineData("1381234567a")]
    [InlineData("abcdefghijk")]
    [InlineData("")]
    [InlineData(null)]
    public void A_number_that_is_not_a_mainland_mobile_is_invalid(string? mobile) =>
        Assert.False(PhoneNumbers.IsValidMobile(mobile));

    [Theory]
    [InlineData("+86 138 1234 5678")]
    [InlineData("0086-13812345678")]
    [InlineData(" 138-1234-5678 ")]
    [InlineData("13812345678")]
    public void A_mobile_number_is_normalised_to_its_11_digits(string mobile) =>
        Assert.Equal("13812345678", PhoneNumbers.NormalizeMobile(mobile));

    [Theory]
    [InlineData("021-12345678")]
    [InlineData("0755-1234567")]
    [InlineData("010-12345678-123")]
    public void A_landline_with_area_code_and_optional_extension_is_valid(string landline) =>
        Assert.True(PhoneNumbers.IsValidLandline(landline));

    [Theory]
    [InlineData("21-1234567")]
    [InlineData("021-123456")]
    [InlineData("021-123456789")]
    [InlineData("021-abcdefgh")]
    [InlineData(null)]
    public void A_landline_without_a_proper_area_code_or_number_is_invalid(string? landline) =>
        Assert.False(PhoneNumbers.IsValidLandline(landline));
}
