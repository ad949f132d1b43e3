using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Staff;

/// <summary>
/// 代客报修 over HTTP with the real forms: the agent finds or creates the customer's archive record (an existing phone
/// offers that customer, never a duplicate), records the request with its channel, and the portal's rules apply.
/// </summary>
public sealed class IntakeTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string Page = "/Staff/Requests/New";

    private static int _sequence = Random.Shared.Next(10_000_000);

    private static Dictionary<string, string?> Fields(params (string Name, string? Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value);

    private static (string Name, string Mobile) UniqueCustomer()
    {
        var n = Interlocked.Increment(ref _sequence) % 100_000_000;
        return ("代客" + n.ToString(CultureInfo.InvariantCulture), "137" + n.ToString("D8", CultureInfo.InvariantCulture));
    }

    private static string ForCustomer(int customerId) => Page + "?customerId=" + customerId.ToString(CultureInfo.InvariantCulture);

    private static int RequestIdOf(HttpResponseMessage response)
    {
        const string prefix = "/Staff/Requests/Details/";
        var target = response.RedirectTarget();
        Assert.NotNull(target);
        Assert.StartsWith(prefix, target, StringComparison.Ordinal);
        return int.Parse(target[prefix.Length..].Split('?')[0], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_new_customer_gets_an_archive_record_and_a_phone_request_with_a_product_registered_on_the_spot()
    {
        var (name, mobile) = UniqueCustomer();
        var serial = "SN-" + Guid.NewGuid().ToString("N")[..10];
        var modelId = await factory.QueryAsync(db => db.ProductModels.Where(m => !m.Discontinued).Select(m => m.Id).FirstAsync());
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        var (_, search) = await agent.GetPageAsync(Page + "?q=" + Uri.EscapeDataString(name));
        Assert.NotNull(search.QuerySelector("#no-matches"));

        using var created = await agent.SubmitFormAsync(Page + "?q=" + Uri.EscapeDataString(name), Fields(
            ("NewCustomer.Name", name),
            ("NewCustomer.Kind", "Individual"),
            ("NewCustomer.Mobile", mobile[..3] + " " + mobile[3..7] + " " + mobile[7..]),
            ("NewCustomer.Email", mobile + "@Intake.Test"),
            ("NewCustomer.Address.Province", "上海市"),
            ("NewCustomer.Address.City", "上海市"),
            ("NewCustomer.Address.District", "闵行区"),
            ("NewCustomer.Address.Street", "莘庄路 8 号")), "handler=Customer");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var customer = await factory.QueryAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Mobile == mobile));
        Assert.Equal(name, customer.Name);
        Assert.Null(customer.UserId);
        Assert.Equal(ForCustomer(customer.Id), created.RedirectTarget());

        using var recorded = await agent.SubmitFormAsync(ForCustomer(customer.Id), Fields(
            ("Input.Description", "客户来电：马桶水箱一直流水。"),
            ("Input.RegisterProduct", "true"),
            ("Input.ModelId", modelId.ToString(CultureInfo.InvariantCulture)),
            ("Input.SerialNumber", serial),
            ("Input.PurchaseDate", factory.Now().AddMonths(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));

        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var request = await factory.LoadRequestAsync(RequestIdOf(recorded));
        Assert.Equal(customer.Id, request.CustomerId);
        Assert.Equal(RequestChannel.Phone, request.Channel);
        Assert.Equal(RequestStatus.Submitted, request.Status);
        Assert.Equal("莘庄路 8 号", request.VisitAddress?.Street);
        var product = await factory.QueryAsync(db => db.CustomerProducts.AsNoTracking().SingleAsync(p => p.CustomerId == customer.Id));
        Assert.Equal(serial.ToUpperInvariant(), product.SerialNumber);
        Assert.Equal(product.Id, request.CustomerProductId);
        Assert.Equal(modelId, request.ProductModelId);
        var agentName = await factory.QueryAsync(db => db.Users.Where(u => u.Email == Accounts.Agent.Login).Select(u => u.DisplayName).SingleAsync());
        Assert.Equal(agentName, request.Events.Single().ActorName);
        Assert.Equal(1, await factory.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.DeduplicationKey == "RequestReceived:" + request.Id && m.To == mobile + "@intake.test")));

        var details = await (await agent.FollowRedirectAsync(recorded)).ReadDocumentAsync();
        Assert.Contains(factory.InChinese("Request {0} recorded for {1}.", request.Number, name), details.VisibleText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_existing_phone_offers_that_customer_instead_of_a_duplicate_and_the_request_is_theirs()
    {
        var existing = await factory.CreateCustomerAsync();
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        var (_, search) = await agent.GetPageAsync(Page + "?q=" + existing.Mobile[^6..]);
        Assert.Contains(existing.Id.ToString(CultureInfo.InvariantCulture), search.QuerySelectorAll("#matches tr[data-customer-id]").Select(r => r.GetAttribute("data-customer-id")));

        using var refused = await agent.SubmitFormAsync(Page, Fields(
            ("NewCustomer.Name", "另一个名字"),
            ("NewCustomer.Mobile", "+86 " + existing.Mobile)), "handler=Customer");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadDocumentAsync();
        Assert.Contains(factory.InChinese("This mobile number already has a customer record."), page.ErrorMessages());
        Assert.Equal("该手机号已有客户档案", factory.InChinese("This mobile number already has a customer record."));
        var offer = page.QuerySelector("#existing-customer a")?.GetAttribute("href");
        Assert.Equal(ForCustomer(existing.Id), offer);
        Assert.Equal(1, await factory.QueryAsync(db => db.Customers.CountAsync(c => c.Mobile == existing.Mobile)));
        Assert.Equal(0, await factory.QueryAsync(db => db.Customers.CountAsync(c => c.Name == "另一个名字")));

        using var recorded = await agent.SubmitFormAsync(offer!, Fields(
            ("Input.Channel", "OnSite"),
            ("Input.Type", "Maintenance"),
            ("Input.Description", "客户到店：淋浴花洒出水不均。")));

        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var request = await factory.LoadRequestAsync(RequestIdOf(recorded));
        Assert.Equal(existing.Id, request.CustomerId);
        Assert.Equal(RequestChannel.OnSite, request.Channel);
        Assert.Equal(RequestType.Maintenance, request.Type);
        Assert.Equal(existing.District, request.VisitAddress?.District);
    }

    [Fact]
    public async Task An_existing_landline_written_without_the_dash_offers_that_customer_too()
    {
        var (name, _) = UniqueCustomer();
        var digits = Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        int existingId;
        await using (var scope = factory.OpenDb())
        {
            var customer = new Customer(name, CustomerKind.Business, null, "021-" + digits, null, null, factory.Now());
            scope.Db.Customers.Add(customer);
            await scope.Db.SaveChangesAsync();
            existingId = customer.Id;
        }

        using var agent = await factory.SignedInAsync(Accounts.Agent);
        using var refused = await agent.SubmitFormAsync(Page, Fields(
            ("NewCustomer.Name", name + "酒店"),
            ("NewCustomer.Landline", "021" + digits)), "handler=Customer");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadDocumentAsync();
        Assert.Contains(factory.InChinese("This landline number already has a customer record."), page.ErrorMessages());
        Assert.Equal(ForCustomer(existingId), page.QuerySelector("#existing-customer a")?.GetAttribute("href"));
        Assert.Equal(0, await factory.QueryAsync(db => db.Customers.CountAsync(c => c.Name == name + "酒店")));
    }

    [Fact]
    public async Task Invalid_input_is_refused_in_Chinese_and_nothing_is_stored()
    {
        var (name, _) = UniqueCustomer();
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var customersBefore = await factory.QueryAsync(db => db.Customers.CountAsync());

        using var badMobile = await agent.SubmitFormAsync(Page, Fields(("NewCustomer.Name", name), ("NewCustomer.Mobile", "12345")), "handler=Customer");

        Assert.Equal(HttpStatusCode.OK, badMobile.StatusCode);
        Assert.Contains(
            factory.InChinese("Please enter a valid 11-digit mobile number, e.g. 13812345678."),
            (await badMobile.ReadDocumentAsync()).ErrorMessages());
        Assert.Equal(customersBefore, await factory.QueryAsync(db => db.Customers.CountAsync()));

        var customer = await factory.CreateCustomerAsync();
        var before = await PortalRowCounts.ReadAsync(factory);

        using var noDescription = await agent.SubmitFormAsync(ForCustomer(customer.Id), Fields(("Input.Description", string.Empty)));

        Assert.Equal(HttpStatusCode.OK, noDescription.StatusCode);
        Assert.Contains(factory.InChinese("Please describe the problem."), (await noDescription.ReadDocumentAsync()).ErrorMessages());

        using var badProduct = await agent.SubmitFormAsync(ForCustomer(customer.Id), Fields(
            ("Input.Description", "漏水"),
            ("Input.RegisterProduct", "true"),
            ("Input.SerialNumber", "SN-FUTURE"),
            ("Input.PurchaseDate", factory.Now().AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));

        Assert.Equal(HttpStatusCode.OK, badProduct.StatusCode);
        var errors = (await badProduct.ReadDocumentAsync()).ErrorMessages();
        Assert.Contains(factory.InChinese("The purchase date cannot be in the future."), errors);
        Assert.Contains(factory.InChinese("Please choose a model from the list."), errors);
        Assert.Equal(before, await PortalRowCounts.ReadAsync(factory));
        Assert.Equal(0, await factory.QueryAsync(db => db.ServiceRequests.CountAsync(r => r.CustomerId == customer.Id)));
    }

    [Fact]
    public async Task The_same_form_sent_twice_records_one_request()
    {
        var customer = await factory.CreateCustomerAsync();
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        var (_, page) = await agent.GetPageAsync(ForCustomer(customer.Id));
        var form = Browser.FindForm(page, new Uri("https://localhost" + ForCustomer(customer.Id)), ["Input.Description"])
            .Fill(Fields(("Input.Description", "客户来电：台盆下水慢。")));

        using var first = await agent.SubmitAsync(form);
        using var second = await agent.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(RequestIdOf(first), RequestIdOf(second));
        Assert.Equal(1, await factory.QueryAsync(db => db.ServiceRequests.CountAsync(r => r.CustomerId == customer.Id)));
    }

    [Theory]
    [InlineData("Technician")]
    [InlineData("Customer")]
    public async Task Technicians_and_customers_are_forbidden_the_intake(string role)
    {
        var account = role == "Technician" ? Accounts.Technician : Accounts.Customer;
        using var browser = await factory.SignedInAsync(account);

        var (response, _) = await browser.GetPageAsync(Page);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_queue_links_to_the_intake_and_an_unknown_customer_is_not_found()
    {
        using var agent = await factory.SignedInAsync(Accounts.Agent);

        var (_, queue) = await agent.GetPageAsync("/Staff/Requests");
        var (unknown, _) = await agent.GetPageAsync(ForCustomer(int.MaxValue));

        Assert.Equal(Page, queue.QuerySelector("#new-intake")?.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
