using BathroomAftersales.Domain.Billing;
using BathroomAftersales.IntegrationTests.Staff;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Infrastructure.Billing;

namespace BathroomAftersales.IntegrationTests.Billing;

/// <summary>
/// The receivables list ages invoices in whole Shanghai days on the fake clock. An app of its own: the clock moves two
/// months forward here.
/// </summary>
public sealed class OutstandingAgeingTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_outstanding_list_buckets_invoices_at_30_31_60_and_61_days()
    {
        var customer = await factory.CreateCustomerAsync();
        async Task<int> IssueAsync() => await factory.IssueInvoiceAsync(await factory.CreateCompletedRequestWithReportAsync(customer.Id));

        var day61 = await IssueAsync();
        factory.Time.Advance(TimeSpan.FromDays(1));
        var day60 = await IssueAsync();
        factory.Time.Advance(TimeSpan.FromDays(29));
        var day31 = await IssueAsync();
        factory.Time.Advance(TimeSpan.FromDays(1));
        var day30 = await IssueAsync();
        factory.Time.Advance(TimeSpan.FromDays(30));
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        var (_, page) = await agent.GetPageAsync("/Staff/Invoices/Outstanding");

        string? Bucket(int id) => page.QuerySelector($"#outstanding tr[data-invoice-id='{id}']")?.GetAttribute("data-bucket");
        Assert.Equal(nameof(AgeingBucket.Over60), Bucket(day61));
        Assert.Equal(nameof(AgeingBucket.Days31To60), Bucket(day60));
        Assert.Equal(nameof(AgeingBucket.Days31To60), Bucket(day31));
        Assert.Equal(nameof(AgeingBucket.Days0To30), Bucket(day30));
        Assert.Contains(factory.InChinese("{0} days", 61), page.QuerySelector($"tr[data-invoice-id='{day61}']")!.TextContent, StringComparison.Ordinal);

        // The bucket totals agree with the rows they hold (the demo data's open invoice is counted too).
        foreach (var bucket in Enum.GetValues<AgeingBucket>())
        {
            var rows = page.QuerySelectorAll($"#outstanding tr[data-bucket='{bucket}']");
            var summary = page.QuerySelector($"#ageing tr[data-bucket='{bucket}']")!;
            Assert.Equal(rows.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), summary.QuerySelector("[data-count]")!.TextContent.Trim());
        }

        // Four invoices of ¥175.00 and the demo's partly paid one (¥75.00 still due).
        Assert.Equal(MoneyText.Yuan((4 * BillingData.StandardTotal) + 75m), page.QuerySelector("#open-balance")!.TextContent.Trim());
    }
}
