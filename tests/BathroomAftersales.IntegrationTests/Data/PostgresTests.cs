using System.Net;
using BathroomAftersales.Domain.Common;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BathroomAftersales.IntegrationTests.Data;

/// <summary>The tested server provider: migrations, demo data, a request round trip and numbering on a real PostgreSQL.</summary>
[Trait(TestTraits.Database, TestTraits.OwnDatabase)]
public sealed class PostgresTests(PostgresAppFactory factory) : IClassFixture<PostgresAppFactory>
{
    [SkippableFact]
    public async Task Migrations_apply_to_a_fresh_PostgreSQL_database()
    {
        PostgresAppFactory.SkipUnlessAvailable();

        await using var scope = factory.OpenDb();

        Assert.IsType<PostgresAppDbContext>(scope.Db);
        Assert.Empty(await scope.Db.Database.GetPendingMigrationsAsync());
        Assert.Equal(scope.Db.Database.GetMigrations(), await scope.Db.Database.GetAppliedMigrationsAsync());
        Assert.True(await scope.Db.Users.AnyAsync(u => u.Email == DemoData.AdminEmail), "The demo data was not seeded.");
    }

    [SkippableFact]
    public async Task A_service_request_round_trips_with_its_events_and_UTC_times()
    {
        PostgresAppFactory.SkipUnlessAvailable();

        // A time with sub-second digits, to see what the column keeps.
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var today = factory.Services.GetRequiredService<LocalClock>().Today;
        var address = new Address("上海市", "上海市", "闵行区", "莘庄镇 1 号");
        int requestId;
        await using (var scope = factory.OpenDb())
        {
            var db = scope.Db;
            var model = await db.ProductModels.FirstAsync(m => m.Sku == "TL-S7");
            var customer = new Customer("孙丽", CustomerKind.Individual, "13311112222", null, null, address, now);
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            var product = new CustomerProduct(customer.Id, model, "PG2026000001", today.AddMonths(-2), address, today);
            db.CustomerProducts.Add(product);
            await db.SaveChangesAsync();

            var number = await scope.Get<RequestNumberAllocator>().NextAsync();
            var request = ServiceRequest.Submit(
                number, customer.Id, RequestedProduct.Of(product), RequestType.Repair, RequestChannel.Phone, RequestPriority.High,
                "马桶冲水无力。", address, ServiceLevelPolicy.Default, new RequestActor(null, "测试"), now);
            request.Acknowledge(new RequestActor(null, "陈客服"), now.AddMinutes(5));
            db.ServiceRequests.Add(request);
            await db.SaveChangesAsync();
            requestId = request.Id;
        }

        await using (var scope = factory.OpenDb())
        {
            var stored = await scope.Db.ServiceRequests.AsNoTracking()
                .Include(r => r.Events)
                .SingleAsync(r => r.Id == requestId);

            Assert.Equal(RequestStatus.Acknowledged, stored.Status);
            Assert.Equal(address, stored.VisitAddress);
            Assert.Equal(DateTimeKind.Utc, stored.SubmittedAt.Kind);
            Assert.Equal(Microseconds(now), stored.SubmittedAt);
            Assert.Equal(Microseconds(now.AddHours(ServiceLevelPolicy.Default.ResponseHours)), stored.ResponseDueAt);
            Assert.Equal(DateTimeKind.Utc, stored.RespondedAt?.Kind);
            Assert.Equal(Microseconds(now.AddMinutes(5)), stored.RespondedAt);
            Assert.Equal([RequestEventKind.Submitted, RequestEventKind.Acknowledged], stored.Events.OrderBy(e => e.Id).Select(e => e.Kind));
            Assert.All(stored.Events, e => Assert.Equal(DateTimeKind.Utc, e.At.Kind));
            Assert.Equal(Microseconds(now), stored.Events.OrderBy(e => e.Id).First().At);
        }
    }

    [SkippableFact]
    public async Task Twenty_parallel_allocations_on_PostgreSQL_give_twenty_distinct_numbers()
    {
        PostgresAppFactory.SkipUnlessAvailable();

        var numbers = await RequestNumbers.AllocateInParallelAsync(factory.Services, 20);

        Assert.Equal(20, numbers.Distinct().Count());
    }

    [SkippableFact]
    public async Task Customer_logs_in_on_PostgreSQL()
    {
        PostgresAppFactory.SkipUnlessAvailable();
        using var browser = factory.CreateBrowser();

        using var response = await browser.LoginAsync(DemoData.CustomerMobile, Accounts.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Portal", response.RedirectTarget());
        using var portal = await browser.FollowRedirectAsync(response);
        Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
    }

    [SkippableFact]
    public async Task A_statement_the_app_runs_again_and_again_is_prepared_on_the_server()
    {
        PostgresAppFactory.SkipUnlessAvailable();
        await using var scope = factory.OpenDb();
        var db = scope.Db;
        await db.Database.OpenConnectionAsync();

        // Npgsql prepares a statement once it has run it a few times on the same connection.
        for (var i = 0; i < 10; i++)
        {
            await db.Customers.AsNoTracking().Where(c => c.Id == i).Select(c => c.Name).FirstOrDefaultAsync();
        }

        var prepared = await db.Database.SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements").ToListAsync();
        Assert.Contains(prepared, s => s.Contains("\"Customers\"", StringComparison.Ordinal));
    }

    /// <summary>PostgreSQL keeps microseconds; .NET has 100 ns ticks.</summary>
    private static DateTime Microseconds(DateTime value) =>
        new(value.Ticks - (value.Ticks % 10), value.Kind);
}
