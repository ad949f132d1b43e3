using System.Globalization;
using AngleSharp.Html.Dom;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Domain.Technicians;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Staff;

/// <summary>Customers, requests and technicians of a test's own, made through the domain as the desk would.</summary>
public static class DeskData
{
    public static readonly RequestActor Desk = new(null, "测试客服");

    private static int _sequence = Random.Shared.Next(1_000_000);

    public static DateTime Now(this AppFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.Time.GetUtcNow().UtcDateTime;
    }

    /// <summary>A new customer with a unique name, mobile and district, so queries for it see nothing else.</summary>
    public static async Task<TestCustomer> CreateCustomerAsync(this AppFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var n = Interlocked.Increment(ref _sequence) % 100_000_000;
        var name = "测试客户" + n.ToString(CultureInfo.InvariantCulture);
        var mobile = "139" + n.ToString("D8", CultureInfo.InvariantCulture);
        var district = "测试" + n.ToString(CultureInfo.InvariantCulture) + "区";
        await using var scope = factory.OpenDb();
        var customer = new Customer(name, CustomerKind.Individual, mobile, null, null, new Address("上海市", "上海市", district, "测试路 1 号"), factory.Now());
        scope.Db.Customers.Add(customer);
        await scope.Db.SaveChangesAsync();
        return new TestCustomer(customer.Id, name, mobile, district);
    }

    /// <summary>A request of <paramref name="customer"/> submitted at <paramref name="submittedAt"/>, acknowledged when asked.</summary>
    public static async Task<int> SubmitAsync(
        this AppFactory factory,
        TestCustomer customer,
        RequestType type = RequestType.Repair,
        RequestPriority priority = RequestPriority.Normal,
        DateTime? submittedAt = null,
        RequestChannel channel = RequestChannel.Phone,
        DateTime? acknowledgedAt = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(customer);
        await using var scope = factory.OpenDb();
        var numbers = scope.Get<RequestNumberAllocator>();
        var request = ServiceRequest.Submit(
            await numbers.NextAsync(), customer.Id, null, type, channel, priority, "测试请求：水龙头漏水。",
            new Address("上海市", "上海市", customer.District, "测试路 1 号"), ServiceLevelPolicy.Default, Desk, submittedAt ?? factory.Now());
        if (acknowledgedAt is { } at)
        {
            request.Acknowledge(Desk, at);
        }

        scope.Db.ServiceRequests.Add(request);
        await scope.Db.SaveChangesAsync();
        return request.Id;
    }

    /// <summary>A technician with an account of their own (the profile needs one).</summary>
    public static async Task<int> CreateTechnicianAsync(this AppFactory factory, string name, bool active = true, params string[] districts)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.OpenDb();
        var users = scope.Get<UserManager<AppUser>>();
        var login = "tech" + Guid.NewGuid().ToString("N")[..10] + "@test.local";
        var user = new AppUser { UserName = login, Email = login, DisplayName = name, EmailConfirmed = true, CreatedAt = factory.Now() };
        var result = await users.CreateAsync(user, Accounts.Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, Roles.Technician);
        var technician = new Technician(user.Id, name, null, [ProductCategory.Faucet, ProductCategory.Toilet], districts.Length == 0 ? ["浦东新区"] : districts);
        if (!active)
        {
            technician.Deactivate();
        }

        scope.Db.Technicians.Add(technician);
        await scope.Db.SaveChangesAsync();
        return technician.Id;
    }

    /// <summary>Dispatches a request to a technician for tomorrow, as the desk would, in a scope of its own.</summary>
    public static async Task DispatchAsync(this AppFactory factory, int requestId, int technicianId)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.OpenDb();
        var request = await scope.Db.ServiceRequests.SingleAsync(r => r.Id == requestId);
        var technician = await scope.Db.Technicians.SingleAsync(t => t.Id == technicianId);
        var now = factory.Now();
        request.Dispatch(technician, new AppointmentWindow(now.AddDays(1), now.AddDays(1).AddHours(2)), Desk, now);
        await scope.Db.SaveChangesAsync();
    }

    public static Task<ServiceRequest> LoadRequestAsync(this AppFactory factory, int id)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.QueryAsync(db => db.ServiceRequests.AsNoTracking().Include(r => r.Events).SingleAsync(r => r.Id == id));
    }

    public static async Task<HttpClient> SignedInAsync(this AppFactory factory, DemoAccount account)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var browser = factory.CreateBrowser();
        await browser.SignInAsync(account);
        return browser;
    }

    /// <summary>The request ids of the queue rows on a page, top to bottom.</summary>
    public static List<int> QueueIds(this IHtmlDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.QuerySelectorAll("#queue tbody tr[data-request-id]")
            .Select(tr => int.Parse(tr.GetAttribute("data-request-id")!, CultureInfo.InvariantCulture))
            .ToList();
    }

    public static string Details(int id) => "/Staff/Requests/Details/" + id.ToString(CultureInfo.InvariantCulture);
}

public sealed record TestCustomer(int Id, string Name, string Mobile, string District);
