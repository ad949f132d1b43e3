using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.Customers;
using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Identity;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.Web.Data.Generation;

/// <summary>
/// <c>generate-data --customers N --requests N [--seed 42] [--technicians 60] [--models 80] [--now 2026-11-25T08:00:00Z]</c>:
/// fills an empty database with a realistic, reproducible history for load tests and benchmarks (see
/// docs/performance.md). Applies the migrations first; refuses a database that already holds service requests.
/// The same seed and the same "now" (default: the start of the current hour) give the same data.
/// </summary>
public static class GenerateDataCommand
{
    public const string Name = "generate-data";

    private const string Usage =
        "Usage: generate-data --customers N --requests N [--seed 42] [--technicians 60] [--models 80] [--now yyyy-MM-ddTHH:mm:ssZ]";

    /// <summary>The least managed heap the command starts with.</summary>
    public const long MinimumHeapBytes = 1024L * 1024 * 1024;

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var time = sp.GetRequiredService<TimeProvider>();
        if (!TryParse(args, time, out var options, out var error))
        {
            await output.WriteLineAsync(error);
            await output.WriteLineAsync(Usage);
            return 2;
        }

        // The server runs under a small heap limit (the project file; docs/operations.md, "Memory per instance"), while the
        // generator keeps every customer's and product's details for the requests it simulates: told, not an OutOfMemory.
        var heap = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (heap < MinimumHeapBytes)
        {
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"generate-data needs more memory than this process may use (a heap limit of {heap / (1024 * 1024)} MB). Run it with the limit lifted: DOTNET_GCHeapHardLimit=0 dotnet run ... -- generate-data ..."));
            return 2;
        }

        var db = sp.GetRequiredService<AppDbContext>();
        var provider = sp.GetRequiredService<DatabaseOptions>().Provider;
        await db.Database.MigrateAsync(cancellationToken);
        if (await db.ServiceRequests.AnyAsync(cancellationToken))
        {
            await output.WriteLineAsync(
                "The database already holds service requests; generate-data only fills a database without any. Point it at a new database (or drop this one) and run it again.");
            return 1;
        }

        var stopwatch = Stopwatch.StartNew();
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"Generating {options.Customers:N0} customers and {options.Requests:N0} requests on {provider} (seed {options.Seed}, now {options.NowUtc:yyyy-MM-ddTHH:mm:ssZ})…"));

        var ids = new Ids(db)
        {
            NextCustomer = (await db.Customers.MaxAsync(c => (int?)c.Id, cancellationToken) ?? 0) + 1,
            NextProduct = (await db.CustomerProducts.MaxAsync(p => (int?)p.Id, cancellationToken) ?? 0) + 1,
            NextRequest = (await db.ServiceRequests.MaxAsync(r => (int?)r.Id, cancellationToken) ?? 0) + 1,
            NextEvent = (await db.RequestEvents.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0) + 1,
            NextWorkReport = (await db.WorkReports.MaxAsync(e => (int?)e.Id, cancellationToken) ?? 0) + 1,
            NextWorkReportLine = (await db.WorkReportLines.MaxAsync(e => (int?)e.Id, cancellationToken) ?? 0) + 1,
            NextInvoice = (await db.Invoices.MaxAsync(e => (int?)e.Id, cancellationToken) ?? 0) + 1,
            NextInvoiceLine = (await db.Set<Domain.Billing.InvoiceLine>().MaxAsync(e => (int?)e.Id, cancellationToken) ?? 0) + 1,
            NextPayment = (await db.Payments.MaxAsync(e => (int?)e.Id, cancellationToken) ?? 0) + 1,
            NextComplaint = (await db.Complaints.MaxAsync(e => (int?)e.Id, cancellationToken) ?? 0) + 1,
            NextComplaintEvent = (await db.ComplaintEvents.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0) + 1,
            NextFollowUp = (await db.FollowUps.MaxAsync(e => (int?)e.Id, cancellationToken) ?? 0) + 1,
            NextSurveyCampaign = (await db.SurveyCampaigns.MaxAsync(e => (int?)e.Id, cancellationToken) ?? 0) + 1,
            NextSurveyInvitation = (await db.SurveyInvitations.MaxAsync(e => (int?)e.Id, cancellationToken) ?? 0) + 1,
            NextSurveyResponse = (await db.SurveyResponses.MaxAsync(e => (int?)e.Id, cancellationToken) ?? 0) + 1,
        };
        var clock = sp.GetRequiredService<LocalClock>();
        var settings = await db.ComplaintSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == ComplaintSettings.SingletonId, cancellationToken);
        var generator = new DataGenerator(options, clock.TimeZone, sp.GetRequiredService<ServiceLevelPolicy>(), ids)
        {
            Deadlines = settings?.ToDeadlines() ?? ComplaintDeadlines.Default,
        };
        foreach (var sequence in await db.NumberSequences.AsNoTracking().ToListAsync(cancellationToken))
        {
            generator.Sequences[sequence.Scope] = sequence.LastValue;
        }

        // Reference data is small: through EF, so Identity and the model's conventions apply as usual.
        var models = generator.Models();
        db.ProductModels.AddRange(models);
        var parts = generator.Parts();
        var fees = generator.Fees();
        db.Parts.AddRange(parts);
        db.FeeScheduleEntries.AddRange(fees);
        await db.SaveChangesAsync(cancellationToken);
        generator.UseCatalog(parts, fees);

        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var since = options.NowUtc.AddDays(-GenerationOptions.HistoryDays - 30);
        var agents = new List<RequestActor>();
        for (var i = 1; i <= options.Agents; i++)
        {
            var user = await CreateUserAsync(users, generator, string.Create(CultureInfo.InvariantCulture, $"agent{i:D2}@staff.example.cn"), null, Roles.CrmAgent, since);
            agents.Add(new RequestActor(user.Id, user.DisplayName));
        }

        var technicianUsers = new List<AppUser>();
        for (var i = 1; i <= options.Technicians; i++)
        {
            technicianUsers.Add(await CreateUserAsync(users, generator, string.Create(CultureInfo.InvariantCulture, $"tech{i:D3}@staff.example.cn"), null, Roles.Technician, since));
        }

        var technicians = generator.Technicians([.. technicianUsers.Select(u => u.Id)], [.. technicianUsers.Select(u => u.DisplayName)]);
        db.Technicians.AddRange(technicians);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        var takenMobiles = (await db.Customers.Where(c => c.Mobile != null).Select(c => c.Mobile!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var tables = new[] { TableMap.For<Customer>(db), TableMap.For<CustomerProduct>(db), TableMap.For<ServiceRequest>(db), TableMap.For<RequestEvent>(db) }
            .Concat(HistoryRows.Types.Select(t => TableMap.For(db, t)))
            .ToArray();
        var totals = await LoadAsync(db, provider, tables, options, output, stopwatch, () =>
            generator.Customers(models, takenMobiles).Concat(generator.Requests(technicians, agents)).Concat(generator.Surveys(agents[0].DisplayName)), cancellationToken);

        // Training is small: through EF, attendance once the registrations have their ids.
        var trainings = generator.Trainings();
        db.TrainingEvents.AddRange(trainings);
        await db.SaveChangesAsync(cancellationToken);
        generator.MarkAttendance(trainings);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        // New submissions continue after the generated numbers of each day.
        var existing = await db.NumberSequences.ToDictionaryAsync(s => s.Scope, StringComparer.Ordinal, cancellationToken);
        foreach (var (scopeKey, last) in generator.Sequences)
        {
            if (existing.TryGetValue(scopeKey, out var row))
            {
                row.LastValue = Math.Max(row.LastValue, last);
            }
            else
            {
                db.NumberSequences.Add(new NumberSequence { Scope = scopeKey, LastValue = last });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        var portal = await CreatePortalAccountsAsync(db, users, generator, cancellationToken);
        stopwatch.Stop();
        var rows = totals.Customers + totals.Products + totals.Requests + totals.Events + totals.History.Sum();
        var history = string.Join(", ", HistoryRows.Types.Select((t, i) => string.Create(CultureInfo.InvariantCulture, $"{totals.History[i]:N0} {t.Name}")));
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"Done in {stopwatch.Elapsed.TotalSeconds:F1} s: {totals.Customers:N0} customers, {totals.Products:N0} products, {totals.Requests:N0} requests, {totals.Events:N0} events, {history}, {parts.Count} parts, {trainings.Count} training events, {models.Count} models, {technicians.Count} technicians, {agents.Count} agents, {portal} portal accounts, {generator.Sequences.Count:N0} number sequences ({rows / stopwatch.Elapsed.TotalSeconds:N0} rows/s)."));
        return 0;
    }

    private static async Task<Totals> LoadAsync(
        AppDbContext db,
        DatabaseProvider provider,
        TableMap[] tables,
        GenerationOptions options,
        TextWriter output,
        Stopwatch stopwatch,
        Func<IEnumerable<GeneratedBatch>> produce,
        CancellationToken cancellationToken)
    {
        // Generating (CPU) and writing (mostly the database) overlap: one thread builds the next batch while the
        // previous one is written.
        var channel = Channel.CreateBounded<GeneratedBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    foreach (var batch in produce())
                    {
                        await channel.Writer.WriteAsync(batch, cancellationToken);
                    }

                    channel.Writer.Complete();
                }
                catch (Exception ex)
                {
                    channel.Writer.Complete(ex);
                    throw;
                }
            },
            cancellationToken);

        var totals = new Totals();
        var lastReport = stopwatch.Elapsed;
        await using (var writer = BulkWriter.Create(db, provider))
        {
            await writer.BeginAsync(cancellationToken);
            await foreach (var batch in channel.Reader.ReadAllAsync(cancellationToken))
            {
                var history = batch.History.InOrder;
                await writer.WriteAsync(
                    [(tables[0], batch.Customers), (tables[1], batch.Products), (tables[2], batch.Requests), (tables[3], batch.Events), .. history.Select((rows, i) => (tables[4 + i], rows))],
                    cancellationToken);
                totals = totals with
                {
                    Customers = totals.Customers + batch.Customers.Count,
                    Products = totals.Products + batch.Products.Count,
                    Requests = totals.Requests + batch.Requests.Count,
                    Events = totals.Events + batch.Events.Count,
                    History = [.. totals.History.Zip(history, (count, rows) => count + rows.Count)],
                };
                if (stopwatch.Elapsed - lastReport >= TimeSpan.FromSeconds(3))
                {
                    lastReport = stopwatch.Elapsed;
                    var rows = totals.Customers + totals.Products + totals.Requests + totals.Events;
                    await output.WriteLineAsync(string.Create(
                        CultureInfo.InvariantCulture,
                        $"  {stopwatch.Elapsed:mm\\:ss} customers {totals.Customers:N0}/{options.Customers:N0} · requests {totals.Requests:N0}/{options.Requests:N0} · events {totals.Events:N0} · {rows / stopwatch.Elapsed.TotalSeconds:N0} rows/s"));
                }
            }

            await producer;
            await output.WriteLineAsync("  indexes and statistics…");
            await writer.CompleteAsync(tables, cancellationToken);
        }

        return totals;
    }

    /// <summary>The first customers get a portal account (user name = mobile, no password), so portal pages can be tried.</summary>
    private static async Task<int> CreatePortalAccountsAsync(AppDbContext db, UserManager<AppUser> users, DataGenerator generator, CancellationToken cancellationToken)
    {
        var ids = generator.PortalCustomerIds().ToList();
        var customers = await db.Customers.Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        foreach (var customer in customers)
        {
            var user = await CreateUserAsync(users, generator, customer.Mobile!, customer.Name, Roles.Customer, customer.CreatedAt);
            customer.LinkUser(user.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        return customers.Count;
    }

    private static async Task<AppUser> CreateUserAsync(UserManager<AppUser> users, DataGenerator generator, string userName, string? displayName, string role, DateTime createdAt)
    {
        var isEmail = userName.Contains('@', StringComparison.Ordinal);
        var user = new AppUser
        {
            Id = generator.NextGuid().ToString(),
            UserName = userName,
            Email = isEmail ? userName : null,
            EmailConfirmed = isEmail,
            PhoneNumber = isEmail ? null : userName,
            DisplayName = displayName ?? generator.PersonName(),
            CreatedAt = createdAt,
        };
        var result = await users.CreateAsync(user);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, role);
        }

        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Creating {userName} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }

        return user;
    }

    private static bool TryParse(string[] args, TimeProvider time, out GenerationOptions options, out string error)
    {
        options = null!;
        error = string.Empty;
        int Number(string name, int fallback, int min, ref string problem)
        {
            var text = Option(args, name);
            if (text is null)
            {
                return fallback;
            }

            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
            {
                problem = $"{name} must be a whole number of at least {min}.";
            }

            return value;
        }

        var problem = string.Empty;
        var customers = Number("--customers", -1, 1, ref problem);
        var requests = Number("--requests", -1, 0, ref problem);
        var seed = Number("--seed", 42, int.MinValue, ref problem);
        var technicians = Number("--technicians", 60, 1, ref problem);
        var models = Number("--models", 80, 1, ref problem);
        if (problem.Length > 0 || customers < 1 || requests < 0)
        {
            error = problem.Length > 0 ? problem : "--customers and --requests are required.";
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        now = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        if (Option(args, "--now") is { } nowText)
        {
            if (!DateTimeOffset.TryParse(nowText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                error = "--now must be a date and time such as 2026-11-25T08:00:00Z.";
                return false;
            }

            now = parsed.UtcDateTime;
        }

        options = new GenerationOptions(customers, requests, seed, technicians, models, now);
        return true;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private sealed record Totals(int Customers = 0, int Products = 0, int Requests = 0, long Events = 0)
    {
        public long[] History { get; init; } = new long[HistoryRows.Types.Length];
    }
}
