using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.Contracts;
using BathroomAftersales.IntegrationTests.Staff;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BathroomAftersales.IntegrationTests.Crm;

/// <summary>Clauses 1.3, 11–13 over HTTP: create a contract for a customer, renew it, terminate it, and the refusals.</summary>
public sealed class ContractTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Staff_create_renew_and_terminate_a_contract()
    {
        var customer = await factory.CreateCustomerAsync();
        using var agent = await factory.SignedInAsync(Accounts.Manager);
        var today = factory.Services.GetRequiredService<LocalClock>().Today;

        var created = await agent.SubmitFormAsync(NewFor(customer.Id), new Dictionary<string, string?> { ["Input.StartsOn"] = Day(today) });

        var contract = await SingleAsync(customer.Id);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Matches(@"^SC-\d{4}-\d{5}$", contract.Number);
        Assert.Equal(ServiceContract.DefaultEnd(today), contract.EndsOn);

        var renewed = await agent.SubmitFormAsync(Details(contract.Id), formAction: "handler=Renew");

        Assert.Equal(HttpStatusCode.Redirect, renewed.StatusCode);
        var both = await ContractsAsync(customer.Id);
        var successor = Assert.Single(both, c => c.PredecessorId == contract.Id);
        Assert.Equal(contract.EndsOn.AddDays(1), successor.StartsOn);
        Assert.Equal(ContractStatus.Renewed, both.Single(c => c.Id == contract.Id).StoredStatus);

        var terminated = await agent.SubmitFormAsync(Details(successor.Id), new Dictionary<string, string?>
        {
            ["Input.TerminatedOn"] = Day(successor.StartsOn.AddDays(10)),
            ["Input.Reason"] = "客户门店关闭",
        }, formAction: "handler=Terminate");

        Assert.Equal(HttpStatusCode.Redirect, terminated.StatusCode);
        Assert.Equal(ContractStatus.Terminated, (await ContractsAsync(customer.Id)).Single(c => c.Id == successor.Id).StoredStatus);
    }

    [Fact]
    public async Task Bad_input_on_contracts_is_refused_with_messages_and_nothing_is_written()
    {
        var customer = await factory.CreateCustomerAsync();
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var today = factory.Services.GetRequiredService<LocalClock>().Today;
        await agent.SubmitFormAsync(NewFor(customer.Id), new Dictionary<string, string?> { ["Input.StartsOn"] = Day(today) });
        var contract = await SingleAsync(customer.Id);

        var overlapping = await agent.SubmitFormAsync(NewFor(customer.Id), new Dictionary<string, string?> { ["Input.StartsOn"] = Day(today.AddMonths(6)) });
        var noReason = await agent.SubmitFormAsync(Details(contract.Id), new Dictionary<string, string?>
        {
            ["Input.TerminatedOn"] = Day(today.AddDays(1)),
            ["Input.Reason"] = string.Empty,
        }, formAction: "handler=Terminate");
        var outsideTerm = await agent.SubmitFormAsync(Details(contract.Id), new Dictionary<string, string?>
        {
            ["Input.TerminatedOn"] = Day(contract.EndsOn.AddDays(1)),
            ["Input.Reason"] = "测试",
        }, formAction: "handler=Terminate");

        Assert.Contains(
            factory.InChinese("Contract.Overlap", contract.Number, Day(contract.StartsOn), Day(contract.EndsOn)),
            (await overlapping.ReadDocumentAsync()).ErrorMessages());
        Assert.Contains(factory.InChinese("Please give the reason for the termination."), (await noReason.ReadDocumentAsync()).ErrorMessages());
        Assert.Contains(factory.InChinese("The termination date must be within the contract term."), (await outsideTerm.ReadDocumentAsync()).ErrorMessages());
        var after = Assert.Single(await ContractsAsync(customer.Id));
        Assert.Equal(ContractStatus.Active, after.StoredStatus);
    }

    [Fact]
    public async Task A_stale_form_does_not_overwrite_a_change_made_meanwhile()
    {
        var customer = await factory.CreateCustomerAsync();
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var today = factory.Services.GetRequiredService<LocalClock>().Today;
        await agent.SubmitFormAsync(NewFor(customer.Id), new Dictionary<string, string?> { ["Input.StartsOn"] = Day(today) });
        var contract = await SingleAsync(customer.Id);
        var (response, page) = await agent.GetPageAsync(Details(contract.Id));
        var renewForm = Browser.FindForm(page, response.RequestMessage!.RequestUri!, [], "handler=Renew");
        await agent.SubmitFormAsync(Details(contract.Id), formAction: "handler=Renew");

        var stale = await agent.SubmitAsync(renewForm);

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains(
            factory.InChinese("Someone changed this contract after you opened the page. Nothing was saved; please check and try again."),
            (await stale.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(2, (await ContractsAsync(customer.Id)).Count);
    }

    [Fact]
    public async Task The_expiring_soon_list_shows_a_contract_ending_within_30_days()
    {
        var customer = await factory.CreateCustomerAsync();
        var today = factory.Services.GetRequiredService<LocalClock>().Today;
        await using (var scope = factory.OpenDb())
        {
            scope.Db.ServiceContracts.Add(ServiceContract.Create("SC-1999-" + Invariant(customer.Id % 100000).PadLeft(5, '0'), customer.Id, today.AddYears(-1).AddDays(10), null, [], factory.Now()));
            await scope.Db.SaveChangesAsync();
        }

        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var (_, page) = await agent.GetPageAsync("/Staff/Contracts?status=Expiring&q=" + Uri.EscapeDataString(customer.Name));

        var rows = page.QuerySelectorAll("#contracts tbody tr");
        Assert.Single(rows);
        Assert.Contains(factory.InChinese("ContractStatus.Expiring"), rows[0].TextContent, StringComparison.Ordinal);
    }

    private static string NewFor(int customerId) => "/Staff/Contracts/New?customerId=" + Invariant(customerId);

    private static string Details(int id) => "/Staff/Contracts/Details/" + Invariant(id);

    private async Task<ServiceContract> SingleAsync(int customerId) => Assert.Single(await ContractsAsync(customerId));

    private Task<List<ServiceContract>> ContractsAsync(int customerId) =>
        factory.QueryAsync(db => db.ServiceContracts.AsNoTracking().Where(c => c.CustomerId == customerId).OrderBy(c => c.Id).ToListAsync());

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
