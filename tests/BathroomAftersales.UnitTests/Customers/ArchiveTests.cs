using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Customers;

namespace BathroomAftersales.UnitTests.Customers;

/// <summary>The archive rules of clause 2.2(4) and merging duplicate records.</summary>
public sealed class ArchiveTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Address Home = new("上海市", "上海市", "浦东新区", "世纪大道100号");

    private static Customer Household(string mobile = "13800000001", Address? address = null, string? email = null) =>
        new("张伟", CustomerKind.Individual, mobile, null, email, address ?? Home, Now);

    [Fact]
    public void A_record_with_name_mobile_and_a_full_address_is_accurate()
    {
        Assert.Equal(ArchiveProblems.None, Household().ArchiveProblems);
    }

    [Fact]
    public void A_missing_address_and_a_street_without_a_number_are_problems()
    {
        Assert.Equal(ArchiveProblems.AddressMissing, new Customer("张伟", CustomerKind.Individual, "13800000001", null, null, null, Now).ArchiveProblems);
        Assert.Equal(ArchiveProblems.AddressIncomplete, Household(address: new Address("上海市", "上海市", "浦东新区", "世纪大道")).ArchiveProblems);
    }

    [Fact]
    public void A_household_with_only_a_landline_misses_a_mobile_but_a_business_does_not()
    {
        var household = new Customer("张伟", CustomerKind.Individual, null, "021-12345678", null, Home, Now);
        var hotel = new Customer("海景酒店", CustomerKind.Business, null, "021-12345678", null, Home, Now);

        Assert.Equal(ArchiveProblems.MobileMissing, household.ArchiveProblems);
        Assert.Equal(ArchiveProblems.None, hotel.ArchiveProblems);
    }

    [Theory]
    [InlineData("a@b", ArchiveProblems.EmailInvalid)]
    [InlineData("zhang@example.com", ArchiveProblems.None)]
    public void An_implausible_email_is_a_problem(string email, ArchiveProblems expected)
    {
        Assert.Equal(expected, Household(email: email).ArchiveProblems);
    }

    [Fact]
    public void Fixing_the_record_clears_the_problem()
    {
        var customer = new Customer("张伟", CustomerKind.Individual, "13800000001", null, null, null, Now);

        customer.Relocate(Home, Now.AddHours(1));

        Assert.Equal(ArchiveProblems.None, customer.ArchiveProblems);
    }

    [Fact]
    public void A_digits_only_name_is_suspicious()
    {
        Assert.Equal(ArchiveProblems.NameSuspicious, ArchiveRules.Check("13800000001", CustomerKind.Individual, "13800000001", null, null, Home));
    }

    [Fact]
    public void Merging_keeps_the_duplicates_notes_and_account_on_the_record_that_stays()
    {
        var stays = Household("13800000001");
        var duplicate = new Customer("张伟（重复）", CustomerKind.Individual, null, "021-12345678", null, Home, Now);
        duplicate.SetNotes("只在周末上门", Now);
        duplicate.LinkUser("user-9");

        duplicate.MergeInto(stays, Now.AddHours(1));

        Assert.True(duplicate.IsMerged);
        Assert.Equal(Now.AddHours(1), duplicate.MergedAt);
        Assert.Null(duplicate.UserId);
        Assert.Equal("user-9", stays.UserId);
        Assert.Equal("只在周末上门", stays.Notes);
        Assert.Equal("021-12345678", stays.Landline);
    }

    [Fact]
    public void A_record_cannot_be_merged_into_itself_or_twice_or_when_both_have_accounts()
    {
        var a = Household("13800000001");
        var b = Household("13800000002");
        a.LinkUser("user-a");
        b.LinkUser("user-b");

        Assert.Equal("Customer.MergeIntoItself", Assert.Throws<DomainException>(() => a.MergeInto(a, Now)).Code);
        Assert.Equal("Customer.MergeTwoAccounts", Assert.Throws<DomainException>(() => a.MergeInto(b, Now)).Code);

        var c = Household("13800000003");
        var d = Household("13800000004");
        c.MergeInto(d, Now);
        Assert.Equal("Customer.AlreadyMerged", Assert.Throws<DomainException>(() => c.MergeInto(b, Now)).Code);
    }
}
