using BathroomAftersales.Web.Infrastructure.Billing;

namespace BathroomAftersales.UnitTests.Billing;

public sealed class MoneyTextTests
{
    [Theory]
    [InlineData("0", "¥0.00")]
    [InlineData("12.5", "¥12.50")]
    [InlineData("1234.5", "¥1,234.50")]
    [InlineData("9999999", "¥9,999,999.00")]
    [InlineData("-75", "-¥75.00")]
    public void Amounts_read_as_yuan_with_thousands_separators_and_two_places(string amount, string expected) =>
        Assert.Equal(expected, MoneyText.Yuan(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
}
