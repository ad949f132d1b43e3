using System.Globalization;
using System.Net;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BathroomAftersales.IntegrationTests.Staff;

/// <summary>
/// The app with a hook that runs another agent's save between the page's version check and its own UPDATE: the race
/// that only the concurrency token in the database can catch.
/// </summary>
public sealed class InterleavingAppFactory : AppFactory
{
    private Func<Task>? _beforeNextRequestSave;

    /// <summary>Runs once, just before the app next saves a changed service request.</summary>
    public void BeforeNextRequestSave(Func<Task> action) => Interlocked.Exchange(ref _beforeNextRequestSave, action);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.ConfigureDbContext<SqliteAppDbContext>(options => options.AddInterceptors(new Interleave(this)));
            services.ConfigureDbContext<PostgresAppDbContext>(options => options.AddInterceptors(new Interleave(this)));
        });
    }

    private sealed class Interleave(InterleavingAppFactory factory) : SaveChangesInterceptor
    {
        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var changesRequest = eventData.Context?.ChangeTracker.Entries<ServiceRequest>().Any(e => e.State == EntityState.Modified) == true;
            if (changesRequest && Interlocked.Exchange(ref factory._beforeNextRequestSave, null) is { } action)
            {
                await action();
            }

            return result;
        }
    }
}

public sealed class ConcurrentDispatchTests(InterleavingAppFactory factory) : IClassFixture<InterleavingAppFactory>
{
    [Fact]
    public async Task A_dispatch_saved_by_someone_else_after_the_version_check_wins_and_the_later_one_is_told_who()
    {
        var customer = await factory.CreateCustomerAsync();
        var id = await factory.SubmitAsync(customer, acknowledgedAt: factory.Now());
        var first = await factory.CreateTechnicianAsync("抢先师傅");
        var second = await factory.CreateTechnicianAsync("落后师傅");
        using var agent = await factory.SignedInAsync(Accounts.Agent);
        factory.BeforeNextRequestSave(() => factory.DispatchAsync(id, first));
        var start = TimeZoneInfo.ConvertTimeFromUtc(factory.Now().AddDays(2), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

        using var response = await agent.SubmitFormAsync(DeskData.Details(id), new Dictionary<string, string?>
        {
            ["Input.TechnicianId"] = second.ToString(CultureInfo.InvariantCulture),
            ["Input.AppointmentStart"] = start.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
        }, "handler=Dispatch");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = Assert.Single((await response.ReadDocumentAsync()).ErrorMessages());
        Assert.Contains(DeskData.Desk.DisplayName, error, StringComparison.Ordinal);
        var request = await factory.LoadRequestAsync(id);
        Assert.Equal(first, request.TechnicianId);
        Assert.Single(request.Events, e => e.Kind is RequestEventKind.Dispatched or RequestEventKind.Redispatched);
    }
}
