using BathroomAftersales.Domain.Billing;

namespace BathroomAftersales.UnitTests.Billing;

public class PayerRuleTests
{
    private readonly BillingScenario _scenario = new();

    public static TheoryData<bool, FaultCause, Payer> Matrix()
    {
        var data = new TheoryData<bool, FaultCause, Payer>();
        foreach (var cause in Enum.GetValues<FaultCause>())
        {
            data.Add(true, cause, cause == FaultCause.QualityDefect ? Payer.Supplier : Payer.Customer);
            data.Add(false, cause, Payer.Customer);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void The_supplier_pays_only_a_quality_defect_in_warranty(bool inWarranty, FaultCause cause, Payer expected)
    {
        Assert.Equal(expected, PayerRule.Decide(inWarranty, cause));
    }

    [Fact]
    public void A_quality_defect_on_the_last_day_of_warranty_is_the_suppliers()
    {
        var report = _scenario.File(_scenario.RequestInProgress(), FaultCause.QualityDefect, BillingScenario.LastWarrantyDay);

        Assert.True(report.InWarranty);
        Assert.All(report.Lines, l => Assert.Equal(Payer.Supplier, l.Payer));
    }

    [Fact]
    public void A_quality_defect_the_day_after_warranty_ends_is_the_customers()
    {
        var report = _scenario.File(_scenario.RequestInProgress(), FaultCause.QualityDefect, BillingScenario.LastWarrantyDay.AddDays(1));

        Assert.False(report.InWarranty);
        Assert.All(report.Lines, l => Assert.Equal(Payer.Customer, l.Payer));
    }

    [Theory]
    [InlineData(FaultCause.Wear)]
    [InlineData(FaultCause.Misuse)]
    [InlineData(FaultCause.Installation)]
    [InlineData(FaultCause.Other)]
    public void Any_other_cause_in_warranty_is_the_customers(FaultCause cause)
    {
        var report = _scenario.File(_scenario.RequestInProgress(), cause, BillingScenario.LastWarrantyDay);

        Assert.True(report.InWarranty);
        Assert.All(report.Lines, l => Assert.Equal(Payer.Customer, l.Payer));
    }

    [Fact]
    public void Without_a_registered_product_the_request_is_out_of_warranty_and_the_customer_pays()
    {
        var report = _scenario.File(_scenario.RequestInProgress(withProduct: false), FaultCause.QualityDefect, withProduct: false);

        Assert.False(report.InWarranty);
        Assert.All(report.Lines, l => Assert.Equal(Payer.Customer, l.Payer));
    }

    [Fact]
    public void The_product_passed_must_be_the_one_registered_on_the_request()
    {
        var request = _scenario.RequestInProgress(withProduct: false);

        Assert.Throws<ArgumentException>(() => _scenario.File(request, withProduct: true));
    }
}
