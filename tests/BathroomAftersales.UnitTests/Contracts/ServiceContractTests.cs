using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Contracts;

namespace BathroomAftersales.UnitTests.Contracts;

public sealed class ServiceContractTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Start = new(2026, 3, 1);

    private static ServiceContract Contract(DateOnly? start = null, DateOnly? end = null, IEnumerable<ServiceContract>? others = null, string number = "SC-2026-00001") =>
        ServiceContract.Create(number, 7, start ?? Start, end, others ?? [], Now);

    [Fact]
    public void The_default_term_is_one_year_less_a_day()
    {
        Assert.Equal(new DateOnly(2027, 2, 28), Contract().EndsOn);
    }

    [Theory]
    [InlineData("2026-04-01", ContractStatus.Active)]
    [InlineData("2027-01-28", ContractStatus.Active)]
    [InlineData("2027-01-29", ContractStatus.Expiring)]
    [InlineData("2027-02-27", ContractStatus.Expiring)]
    [InlineData("2027-02-28", ContractStatus.Expiring)]
    [InlineData("2027-03-01", ContractStatus.Expired)]
    public void The_status_follows_the_date_expiring_within_30_days_and_expired_after_the_end_day(string today, ContractStatus expected)
    {
        Assert.Equal(expected, Contract().StatusOn(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Renewing_creates_a_linked_successor_from_the_day_after_the_end()
    {
        var contract = Contract();

        var successor = contract.Renew("SC-2026-00002", [contract], Now);

        Assert.Equal(new DateOnly(2027, 3, 1), successor.StartsOn);
        Assert.Equal(new DateOnly(2028, 2, 29), successor.EndsOn);
        Assert.Equal(contract.Id, successor.PredecessorId);
        Assert.Equal(ContractStatus.Renewed, contract.StatusOn(new DateOnly(2026, 6, 1)));
        Assert.Equal("Contract.NotRenewable", Assert.Throws<DomainException>(() => contract.Renew("SC-2026-00003", [], Now)).Code);
    }

    [Fact]
    public void An_overlapping_term_for_the_same_customer_is_refused()
    {
        var existing = Contract();

        var refused = Assert.Throws<DomainException>(() => Contract(start: new DateOnly(2027, 2, 28), others: [existing], number: "SC-2026-00002"));

        Assert.Equal("Contract.Overlap", refused.Code);
        Contract(start: new DateOnly(2027, 3, 1), others: [existing], number: "SC-2026-00003");
    }

    [Fact]
    public void Renewal_is_refused_when_the_next_term_is_already_taken()
    {
        var contract = Contract();
        var next = Contract(start: new DateOnly(2027, 6, 1), number: "SC-2026-00002");

        Assert.Equal("Contract.Overlap", Assert.Throws<DomainException>(() => contract.Renew("SC-2026-00003", [next], Now)).Code);
        Assert.Equal(ContractStatus.Active, contract.StoredStatus);
    }

    [Fact]
    public void Termination_needs_a_date_within_the_term_and_a_reason()
    {
        var contract = Contract();

        Assert.Equal("Contract.TerminationDateRequired", Assert.Throws<DomainException>(() => contract.Terminate(null, "客户搬迁")).Code);
        Assert.Equal("Contract.TerminationOutsideTerm", Assert.Throws<DomainException>(() => contract.Terminate(new DateOnly(2027, 3, 1), "客户搬迁")).Code);
        Assert.Equal("Contract.TerminationOutsideTerm", Assert.Throws<DomainException>(() => contract.Terminate(new DateOnly(2026, 2, 28), "客户搬迁")).Code);
        Assert.Equal("Contract.TerminationReasonRequired", Assert.Throws<DomainException>(() => contract.Terminate(new DateOnly(2026, 9, 1), " ")).Code);

        contract.Terminate(new DateOnly(2026, 9, 1), "客户搬迁");

        Assert.Equal(ContractStatus.Terminated, contract.StatusOn(new DateOnly(2026, 10, 1)));
        Assert.Equal(new DateOnly(2026, 9, 1), contract.EffectiveEnd);
    }

    [Fact]
    public void A_terminated_term_frees_the_days_after_its_termination()
    {
        var contract = Contract();
        contract.Terminate(new DateOnly(2026, 9, 1), "客户搬迁");

        var next = Contract(start: new DateOnly(2026, 9, 2), others: [contract], number: "SC-2026-00002");

        Assert.Equal(new DateOnly(2026, 9, 2), next.StartsOn);
    }
}
