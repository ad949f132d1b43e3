using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.IntegrationTests.Staff;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Data.Generation;
using BathroomAftersales.Web.Data.Seed;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BathroomAftersales.IntegrationTests.Data;

/// <summary>
/// The generate-data command at a small scale: the counts asked for, stored columns equal to what the entity
/// computes, reproducible from the seed, an app that still works on the result, and a refusal to fill a database
/// that already holds requests. The same checks run on PostgreSQL when BA_TEST_POSTGRES is set.
/// </summary>
[Trait(TestTraits.Database, TestTraits.OwnDatabase)]
public sealed class DataGenerationTests
{
    private const int Customers = 200;
    private const int Requests = 2000;

    [Fact]
    public Task Sqlite_generation_is_complete_consistent_reproducible_and_leaves_a_working_app() =>
        CheckAsync(() => new AppFactory(), () => new AppFactory());

    [SkippableFact]
    public Task Postgres_generation_is_complete_consistent_reproducible_and_leaves_a_working_app()
    {
        PostgresAppFactory.SkipUnlessAvailable();
        return CheckAsync(() => new PostgresAppFactory(), () => new PostgresAppFactory());
    }

    private static async Task CheckAsync(Func<AppFactory> first, Func<AppFactory> second)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var nowText = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        string[] args = [GenerateDataCommand.Name, "--customers", "200", "--requests", "2000", "--seed", "7", "--technicians", "12", "--models", "20", "--now", nowText];

        await using var a = first();
        await using var appA = WithoutDemoData(a);
        var (exitA, outputA) = await RunAsync(appA, args);
        Assert.True(exitA == 0, outputA);
        Assert.Contains("Done in", outputA, StringComparison.Ordinal);

        await AssertCountsAndVarietyAsync(appA);
        await AssertStoredColumnsMatchTheEntityAsync(appA);

        // The same seed on a second, empty database gives the same data.
        await using (var b = second())
        {
            await using var appB = WithoutDemoData(b);
            var (exitB, outputB) = await RunAsync(appB, args);
            Assert.True(exitB == 0, outputB);
            Assert.Equal(await ChecksumAsync(appA), await ChecksumAsync(appB));
        }

        // A database that already holds requests is refused, and left as it was.
        var (again, refusal) = await RunAsync(appA, args);
        Assert.Equal(1, again);
        Assert.Contains("already holds service requests", refusal, StringComparison.Ordinal);
        Assert.Equal(Requests, await QueryAsync(appA, db => db.ServiceRequests.CountAsync()));

        await AssertTheAppStillWorksAsync(appA);
    }

    private static async Task AssertCountsAndVarietyAsync(WebApplicationFactory<Program> app)
    {
        Assert.Equal(Customers, await QueryAsync(app, db => db.Customers.CountAsync()));
        Assert.Equal(Requests, await QueryAsync(app, db => db.ServiceRequests.CountAsync()));
        Assert.Equal(12, await QueryAsync(app, db => db.Technicians.CountAsync()));
        Assert.Equal(20, await QueryAsync(app, db => db.ProductModels.CountAsync()));
        Assert.True(await QueryAsync(app, db => db.RequestEvents.CountAsync()) > 3 * Requests);

        Assert.Equal(Enum.GetValues<CustomerKind>().Length, await QueryAsync(app, db => db.Customers.Select(c => c.Kind).Distinct().CountAsync()));
        Assert.Equal(Enum.GetValues<ProductCategory>().Length, await QueryAsync(app, db => db.ProductModels.Select(m => m.Category).Distinct().CountAsync()));
        Assert.Equal(Enum.GetValues<RequestType>().Length, await QueryAsync(app, db => db.ServiceRequests.Select(r => r.Type).Distinct().CountAsync()));
        Assert.Equal(Enum.GetValues<RequestChannel>().Length, await QueryAsync(app, db => db.ServiceRequests.Select(r => r.Channel).Distinct().CountAsync()));
        var statuses = await QueryAsync(app, db => db.ServiceRequests.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        var byStatus = statuses.ToDictionary(s => s.Key, s => s.Count);
        Assert.True(byStatus[RequestStatus.Closed] > Requests * 0.8, string.Join(", ", statuses));
        Assert.True(byStatus[RequestStatus.Cancelled] > 0);
        var open = Requests - byStatus[RequestStatus.Closed] - byStatus[RequestStatus.Cancelled];
        Assert.InRange(open, Requests * 0.01, Requests * 0.06);
        var emergencies = await QueryAsync(app, db => db.ServiceRequests.CountAsync(r => r.Priority == RequestPriority.Emergency));
        Assert.InRange(emergencies, Requests * 0.015, Requests * 0.06);
        Assert.True(await QueryAsync(app, db => db.ServiceRequests.AnyAsync(r => r.Rating <= 2)));

        // Unique mobiles are enforced by the index; every one is a valid mainland-China mobile.
        var mobiles = await QueryAsync(app, db => db.Customers.Select(c => c.Mobile).ToListAsync());
        Assert.All(mobiles, m => Assert.True(PhoneNumbers.IsValidMobile(m), m));
    }

    private static async Task AssertStoredColumnsMatchTheEntityAsync(WebApplicationFactory<Program> app)
    {
        var policy = ServiceLevelPolicy.Default;
        var requests = await QueryAsync(app, db => db.ServiceRequests.AsNoTracking().Include(r => r.Events).ToListAsync());
        Assert.All(requests, r =>
        {
            var rank = !r.IsOpen ? ServiceRequest.QueueRankFinished : r.IsEmergency ? ServiceRequest.QueueRankEmergency : ServiceRequest.QueueRankNormal;
            Assert.Equal(rank, r.QueueRank);
            Assert.Equal(r.RespondedAt is null ? r.ResponseDueAt : r.CompletionDueAt, r.QueueDueAt);
            Assert.Equal(policy.ResponseDue(r.SubmittedAt, r.Priority), r.ResponseDueAt);
            Assert.Equal(policy.CompletionDue(r.SubmittedAt, r.Type, r.Priority), r.CompletionDueAt);
            var events = r.Events.OrderBy(e => e.Id).ToList();
            Assert.Equal(RequestEventKind.Submitted, events[0].Kind);
            Assert.Equal(r.Status, events.Last(e => e.ToStatus is not null).ToStatus);
            Assert.True(events.Zip(events.Skip(1)).All(p => p.First.At <= p.Second.At), r.Number);
        });
    }

    private static async Task AssertTheAppStillWorksAsync(WebApplicationFactory<Program> app)
    {
        // The demo seed submits requests through the app's number allocator, today included: its numbers follow the
        // generated ones instead of colliding with them (the unique index would refuse a duplicate).
        await DemoData.SeedAsync(app.Services);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var numbers = scope.ServiceProvider.GetRequiredService<RequestNumberAllocator>();
            var clock = scope.ServiceProvider.GetRequiredService<LocalClock>();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var today = RequestNumber.Scope(clock.Today);
            var next = await numbers.NextAsync();
            Assert.StartsWith(today, next, StringComparison.Ordinal);
            Assert.False(await db.ServiceRequests.AnyAsync(r => r.Number == next));
            var all = await db.ServiceRequests.Select(r => r.Number).ToListAsync();
            Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
        }

        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });
        await browser.SignInAsync(Accounts.Agent);
        var (response, page) = await browser.GetPageAsync("/Staff/Requests");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = page.QueueIds();
        var openCount = await QueryAsync(app, db => db.ServiceRequests.CountAsync(r => r.QueueRank != ServiceRequest.QueueRankFinished));
        Assert.True(openCount > 0);
        Assert.Equal(Math.Min(Web.Pages.Staff.Requests.IndexModel.PageSize, openCount), ids.Count);
        var open = await QueryAsync(app, db => db.ServiceRequests.Where(r => ids.Contains(r.Id)).Select(r => r.QueueRank).ToListAsync());
        Assert.All(open, rank => Assert.NotEqual(ServiceRequest.QueueRankFinished, rank));
    }

    /// <summary>A digest of the columns that carry the simulation: numbers, states, times, links, ratings, names.</summary>
    private static async Task<string> ChecksumAsync(WebApplicationFactory<Program> app)
    {
        var requests = await QueryAsync(app, db => db.ServiceRequests.OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Number, r.Status, r.SubmittedAt, r.QueueDueAt, r.CustomerId, r.CustomerProductId, r.TechnicianId, r.Rating, r.Version })
            .ToListAsync());
        var customers = await QueryAsync(app, db => db.Customers.OrderBy(c => c.Id).Select(c => new { c.Id, c.Name, c.Mobile, c.Address!.District }).ToListAsync());
        var events = await QueryAsync(app, db => db.RequestEvents.OrderBy(e => e.Id).Select(e => new { e.Id, e.ServiceRequestId, e.Kind, e.At }).ToListAsync());
        var text = new StringBuilder();
        foreach (var r in requests)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Id}|{r.Number}|{r.Status}|{r.SubmittedAt.Ticks}|{r.QueueDueAt.Ticks}|{r.CustomerId}|{r.CustomerProductId}|{r.TechnicianId}|{r.Rating}|{r.Version}\n");
        }

        foreach (var c in customers)
        {
            text.Append(CultureInfo.InvariantCulture, $"{c.Id}|{c.Name}|{c.Mobile}|{c.District}\n");
        }

        foreach (var e in events)
        {
            text.Append(CultureInfo.InvariantCulture, $"{e.Id}|{e.ServiceRequestId}|{e.Kind}|{e.At.Ticks}\n");
        }

        // The history after the requests: reports and their lines, invoices, payments, complaints, follow-ups, surveys, training.
        var rows = new List<string>();
        rows.AddRange((await QueryAsync(app, db => db.WorkReports.AsNoTracking().OrderBy(w => w.Id).ToListAsync()))
            .Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Id}|{w.ServiceRequestId}|{w.Round}|{w.FiledAt.Ticks}|{w.FaultCause}|{w.InWarranty}")));
        rows.AddRange((await QueryAsync(app, db => db.WorkReportLines.AsNoTracking().OrderBy(l => l.Id).ToListAsync()))
            .Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Id}|{l.WorkReportId}|{l.LineNumber}|{l.Sku}|{l.Quantity:0.00}|{l.Amount:0.00}|{l.Payer}")));
        rows.AddRange((await QueryAsync(app, db => db.Invoices.AsNoTracking().OrderBy(i => i.Id).ToListAsync()))
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Id}|{i.Number}|{i.WorkReportId}|{i.IssuedAt.Ticks}|{i.Status}|{i.Total:0.00}|{i.PaidTotal:0.00}|{i.Version}")));
        rows.AddRange((await QueryAsync(app, db => db.Payments.AsNoTracking().OrderBy(p => p.Id).ToListAsync()))
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Id}|{p.InvoiceId}|{p.Method}|{p.Amount:0.00}|{p.RecordedAt.Ticks}|{p.Reference}")));
        rows.AddRange((await QueryAsync(app, db => db.Complaints.AsNoTracking().OrderBy(c => c.Id).ToListAsync()))
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Id}|{c.Number}|{c.CustomerId}|{c.ServiceRequestId}|{c.Status}|{c.ReceivedAt.Ticks}|{c.DueAt.Ticks}|{c.Version}")));
        rows.AddRange((await QueryAsync(app, db => db.ComplaintEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync()))
            .Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Id}|{e.ComplaintId}|{e.Kind}|{e.At.Ticks}")));
        rows.AddRange((await QueryAsync(app, db => db.FollowUps.AsNoTracking().OrderBy(f => f.Id).ToListAsync()))
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Id}|{f.ServiceRequestId}|{f.Status}|{f.ClosedAt?.Ticks}")));
        rows.AddRange((await QueryAsync(app, db => db.SurveyCampaigns.AsNoTracking().OrderBy(c => c.Id).ToListAsync()))
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Id}|{c.Quarter}|{c.OpensAt.Ticks}|{c.InvitedCount}")));
        rows.AddRange((await QueryAsync(app, db => db.SurveyInvitations.AsNoTracking().OrderBy(i => i.Id).ToListAsync()))
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Id}|{i.CampaignId}|{i.CustomerId}|{i.TokenNonce}|{i.AnsweredAt?.Ticks}")));
        rows.AddRange((await QueryAsync(app, db => db.SurveyResponses.AsNoTracking().OrderBy(r => r.Id).ToListAsync()))
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Id}|{r.InvitationId}|{r.Overall}|{r.Recommend}|{r.Comment}")));
        rows.AddRange((await QueryAsync(app, db => db.TrainingEvents.AsNoTracking().OrderBy(t => t.Id).ToListAsync()))
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Id}|{t.Topic}|{t.StartsAt.Ticks}|{t.Status}|{t.Capacity}")));
        rows.AddRange((await QueryAsync(app, db => db.TrainingRegistrations.AsNoTracking().OrderBy(r => r.Id).ToListAsync()))
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Id}|{r.TrainingEventId}|{r.CustomerId}|{r.RegisteredAt.Ticks}|{r.CancelledAt?.Ticks}|{r.Attended}")));
        rows.AddRange((await QueryAsync(app, db => db.NumberSequences.AsNoTracking().OrderBy(n => n.Scope).ToListAsync()))
            .Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.Scope}|{n.LastValue}")));
        foreach (var row in rows)
        {
            text.Append(row).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static WebApplicationFactory<Program> WithoutDemoData(AppFactory factory) =>
        factory.WithWebHostBuilder(builder => builder.UseSetting("Seed:DemoData", "false"));

    private static async Task<(int ExitCode, string Output)> RunAsync(WebApplicationFactory<Program> app, string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await GenerateDataCommand.RunAsync(app.Services, args, output);
        return (exit, output.ToString());
    }

    private static async Task<T> QueryAsync<T>(WebApplicationFactory<Program> app, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
