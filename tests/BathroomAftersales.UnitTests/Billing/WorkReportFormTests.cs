using System.Globalization;
using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Catalog;
using BathroomAftersales.Web;
using BathroomAftersales.Web.Pages.Technician.Jobs;
using Microsoft.Extensions.Localization;

namespace BathroomAftersales.UnitTests.Billing;

/// <summary>The shape of the technician's work report form, checked before any price or payer is looked at.</summary>
public sealed class WorkReportFormTests
{
    private const string BadQuantity = "The quantity must be more than zero, at most 9999, with at most two decimal places.";

    private readonly ReportModel.InputValidator _validator = new(new KeyLocalizer());

    private static ReportModel.InputModel Valid() => new()
    {
        WorkPerformed = "更换进水阀，试水正常。",
        FaultCause = FaultCause.QualityDefect,
        Parts = [new() { PartId = 1, Quantity = 1.5m }, new()],
        Fees = [new() { Kind = FeeKind.OnSiteFee, Quantity = 1m }, new() { Kind = FeeKind.RepairLabourFee }],
        RestoredToFactoryStandard = true,
        CustomerConfirmationName = "张伟",
    };

    [Fact]
    public void A_complete_form_with_empty_rows_is_valid()
    {
        var result = _validator.Validate(Valid());

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.234")]
    [InlineData("10000")]
    public void A_part_quantity_that_is_not_positive_with_two_places_is_refused(string quantity)
    {
        var input = Valid();
        input.Parts[0].Quantity = decimal.Parse(quantity, CultureInfo.InvariantCulture);

        var result = _validator.Validate(input);

        Assert.Contains(result.Errors, e => e.ErrorMessage == BadQuantity);
    }

    [Fact]
    public void A_part_without_a_quantity_and_a_quantity_without_a_part_are_refused()
    {
        var input = Valid();
        input.Parts = [new() { PartId = 1 }, new() { Quantity = 2m }];

        var result = _validator.Validate(input);

        Assert.Contains(result.Errors, e => e.ErrorMessage == "Please enter the quantity.");
        Assert.Contains(result.Errors, e => e.ErrorMessage == "Please choose a part from the list.");
    }

    [Fact]
    public void Without_the_factory_standard_confirmation_or_the_customers_name_the_form_is_refused()
    {
        var input = Valid();
        input.RestoredToFactoryStandard = false;
        input.CustomerConfirmationName = " ";

        var result = _validator.Validate(input);

        Assert.Contains(result.Errors, e => e.ErrorMessage == "Please confirm that the product is restored to the factory standard.");
        Assert.Contains(result.Errors, e => e.ErrorMessage == "Please ask the customer to type their name to confirm the work.");
    }

    [Fact]
    public void A_form_without_a_fault_cause_is_refused()
    {
        var input = Valid();
        input.FaultCause = null;

        var result = _validator.Validate(input);

        Assert.Contains(result.Errors, e => e.ErrorMessage == "Please choose the fault cause.");
    }

    private sealed class KeyLocalizer : IStringLocalizer<SharedResource>
    {
        public LocalizedString this[string name] => new(name, name);

        public LocalizedString this[string name, params object[] arguments] =>
            new(name, string.Format(CultureInfo.InvariantCulture, name, arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
