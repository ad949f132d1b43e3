using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;

using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Web.Identity;
using BathroomAftersales.Web.Infrastructure.Reports;

using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

using Npgsql;

using PortalRequests = BathroomAftersales.Web.Pages.Portal.Requests;
using Reports = BathroomAftersales.Web.Pages.Reports;
using StaffRequests = BathroomAftersales.Web.Pages.Staff.Requests;

namespace BathroomAftersales.Web.Data.Benchmarks;

/// <summary>
/// <c>benchmark [--runs 50]</c>: times the real page handlers (the page models' <c>OnGetAsync</c>, so exactly the EF
/// queries the pages run, without HTTP, rendering or sign-in) on the configured database, each run in a fresh DI scope
/// like a request. "Cold" is the first run in the process (query compilation, connection, the database's first plan);
/// median and p95 are over the following runs. Ends with the query plans of the desk queue's first page (EXPLAIN
/// QUERY PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL). Read-only: run it on a generated database (docs/performance.md).
/// </summary>
public static class BenchmarkCommand
{
    public const string Name = "benchmark";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var runs = 50;
        var index = Array.IndexOf(args, "--runs");
        if (index >= 0 && (index + 1 >= args.Length || !int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out runs) || runs < 1))
        {
            await output.WriteLineAsync("Usage: benchmark [--runs 50]");
            return 2;
        }

        var provider = services.GetRequiredService<DatabaseOptions>().Provider;
        var subjects = await FindSubjectsAsync(services, cancellationToken);
        if (subjects is null)
        {
            await output.WriteLineAsync("The database holds no open requests: generate data first (generate-data).");
            return 1;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{provider}: {subjects.Requests:N0} requests, {subjects.Open:N0} open; {runs} warm runs per query."));
        var scenarios = new (string Name, Func<IServiceProvider, CancellationToken, Task> Run)[]
        {
            ("Desk queue, first page", (sp, ct) => Queue(sp, ct)),
            ($"Desk queue, deep page (row {subjects.DeepRow:N0}, cursor)", (sp, ct) => Queue(sp, ct, q => q.After = subjects.DeepCursor)),
            ("Desk queue, status = Scheduled", (sp, ct) => Queue(sp, ct, q => q.Status = RequestStatus.Scheduled)),
            ($"Desk queue, district = {subjects.District}", (sp, ct) => Queue(sp, ct, q => q.District = subjects.District)),
            ("Desk queue, overdue only", (sp, ct) => Queue(sp, ct, q => q.Overdue = true)),
            ("Desk queue, search by request number", (sp, ct) => Queue(sp, ct, q => q.Q = subjects.Number)),
            ("Desk queue, search by mobile", (sp, ct) => Queue(sp, ct, q => q.Q = subjects.Mobile)),
            ("Portal, my requests (one customer)", (sp, ct) => PortalList(sp, subjects.PortalUserId, ct)),
            ("Desk, request details", (sp, ct) => Details(sp, subjects.RequestId, ct)),
            ($"Scorecard {subjects.ThisQuarter} (current), first view", (sp, ct) => Scorecard(sp, subjects.ThisQuarter, ReportCaching.KeptOnly, ct)),
            ($"Scorecard {subjects.ThisQuarter} (current), cached", (sp, ct) => Scorecard(sp, subjects.ThisQuarter, ReportCaching.Full, ct)),
            ($"Scorecard {subjects.LastQuarter}, first view", (sp, ct) => Scorecard(sp, subjects.LastQuarter, ReportCaching.KeptOnly, ct)),
            ($"Scorecard {subjects.ThisQuarter} with its trend, all computed from the records", (sp, ct) => Scorecard(sp, subjects.ThisQuarter, ReportCaching.None, ct)),
            ($"Quarterly report {subjects.ThisQuarter} (current), first view", (sp, ct) => Quarterly(sp, subjects.ThisQuarter, ReportCaching.KeptOnly, ct)),
            ($"Quarterly report {subjects.ThisQuarter} (current), cached", (sp, ct) => Quarterly(sp, subjects.ThisQuarter, ReportCaching.Full, ct)),
            ($"Quarterly report {subjects.LastQuarter}, first view", (sp, ct) => Quarterly(sp, subjects.LastQuarter, ReportCaching.KeptOnly, ct)),
            ($"Quarterly report {subjects.ThisQuarter}, all computed from the records", (sp, ct) => Quarterly(sp, subjects.ThisQuarter, ReportCaching.None, ct)),
        };

        // What the app does at start-up (ReportWarmup): the settled periods' figures computed once and kept.
        var warmupStarted = Stopwatch.GetTimestamp();
        var kept = await services.GetRequiredService<ReportWarmup>().WarmAsync(cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Report warm-up: figures of {kept} settled periods kept (computed where not kept yet) in {Stopwatch.GetElapsedTime(warmupStarted).TotalSeconds:F1} s."));

        var table = new StringBuilder()
            .AppendLine("| query | cold ms | warm median ms | warm p95 ms |")
            .AppendLine("|---|---:|---:|---:|");
        foreach (var (name, run) in scenarios)
        {
            var cold = await TimeAsync(services, run, cancellationToken);
            var warm = new List<double>(runs);
            for (var i = 0; i < runs; i++)
            {
                warm.Add(await TimeAsync(services, run, cancellationToken));
            }

            warm.Sort();
            var line = string.Create(CultureInfo.InvariantCulture, $"| {name} | {cold:F1} | {Percentile(warm, 0.5):F1} | {Percentile(warm, 0.95):F1} |");
            table.AppendLine(line);
            await output.WriteLineAsync(line);
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(table.ToString());
        await output.WriteLineAsync("Plans of the desk queue's first page, statement by statement:");
        await ExplainAsync(services, provider, output, cancellationToken);
        return 0;
    }

    private static async Task Queue(IServiceProvider sp, CancellationToken ct, Action<StaffRequests.IndexModel>? filter = null)
    {
        var page = ActivatorUtilities.CreateInstance<StaffRequests.IndexModel>(sp);
        filter?.Invoke(page);
        await page.OnGetAsync(ct);
    }

    private static async Task PortalList(IServiceProvider sp, string userId, CancellationToken ct)
    {
        var accessor = sp.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Role, Roles.Customer)], "benchmark")),
        };
        await ActivatorUtilities.CreateInstance<PortalRequests.IndexModel>(sp).OnGetAsync(ct);
    }

    private static async Task Details(IServiceProvider sp, int id, CancellationToken ct) =>
        await ActivatorUtilities.CreateInstance<StaffRequests.DetailsModel>(sp).OnGetAsync(id, ct);

    /// <summary>How a report benchmark is served: <see cref="None"/> computes everything from the records on each run;
    /// <see cref="KeptOnly"/> is a first view (nothing in memory, settled periods' figures kept in the database, as
    /// after the app's warm-up); <see cref="Full"/> is the app's own cache (a repeat view).</summary>
    private enum ReportCaching
    {
        None,
        KeptOnly,
        Full,
    }

    /// <summary>The report pages' handlers, with the page's cache chosen by <paramref name="caching"/>.</summary>
    private static async Task Scorecard(IServiceProvider sp, string period, ReportCaching caching, CancellationToken ct) =>
        await WithContext(sp, caching is ReportCaching.Full
            ? ActivatorUtilities.CreateInstance<Reports.ScorecardModel>(sp)
            : ActivatorUtilities.CreateInstance<Reports.ScorecardModel>(sp, Uncached(sp, caching))).OnGetAsync(period, ct);

    private static async Task Quarterly(IServiceProvider sp, string period, ReportCaching caching, CancellationToken ct) =>
        await WithContext(sp, caching is ReportCaching.Full
            ? ActivatorUtilities.CreateInstance<Reports.QuarterlyModel>(sp)
            : ActivatorUtilities.CreateInstance<Reports.QuarterlyModel>(sp, Uncached(sp, caching))).OnGetAsync(period, ct);

    /// <summary>The report pages read the request (the period's query text): give them an empty one.</summary>
    private static TPage WithContext<TPage>(IServiceProvider sp, TPage page)
        where TPage : PageModel
    {
        page.PageContext = new PageContext { HttpContext = new DefaultHttpContext { RequestServices = sp } };
        return page;
    }

    private static ReportCache Uncached(IServiceProvider sp, ReportCaching caching) => new(
        sp.GetRequiredService<LocalClock>(),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reports:OpenPeriodCacheSeconds"] = "0",
            ["Reports:SettledPeriodCacheSeconds"] = "0",
            ["Reports:KeepSettledFigures"] = caching is ReportCaching.KeptOnly ? "true" : "false",
        }).Build(),
        sp.GetRequiredService<IServiceScopeFactory>());

    private static async Task<double> TimeAsync(IServiceProvider services, Func<IServiceProvider, CancellationToken, Task> run, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var stopwatch = Stopwatch.StartNew();
        await run(scope.ServiceProvider, cancellationToken);
        return stopwatch.Elapsed.TotalMilliseconds;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>Typical subjects: a mid-queue open request, its customer's mobile, a busy district, a portal customer.</summary>
    private static async Task<Subjects?> FindSubjectsAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var open = db.ServiceRequests.AsNoTracking().Where(r => r.QueueRank < ServiceRequest.QueueRankFinished);
        var openCount = await open.CountAsync(ct);
        if (openCount == 0)
        {
            return null;
        }

        var ordered = open.OrderBy(r => r.QueueRank).ThenBy(r => r.QueueDueAt).ThenBy(r => r.Id);
        var deepRow = Math.Min(10_000, openCount / 2);
        var deep = await ordered.Skip(deepRow - 1).Select(r => new { r.QueueRank, r.QueueDueAt, r.Id }).FirstAsync(ct);
        var middle = await ordered.Skip(openCount / 2).Select(r => new { r.Id, r.Number, r.CustomerId }).FirstAsync(ct);
        var mobile = await db.Customers.Where(c => c.Id == middle.CustomerId).Select(c => c.Mobile ?? c.Landline).FirstAsync(ct);
        var district = await open.Where(r => r.VisitAddress != null).Select(r => r.VisitAddress!.District).FirstAsync(ct);
        var portal = await db.Customers.Where(c => c.UserId != null)
            .OrderByDescending(c => db.ServiceRequests.Count(r => r.CustomerId == c.Id))
            .Select(c => c.UserId!).FirstAsync(ct);
        var requests = await db.ServiceRequests.CountAsync(ct);
        var thisQuarter = Period.CurrentQuarter(scope.ServiceProvider.GetRequiredService<LocalClock>());
        return new Subjects(
            requests,
            openCount,
            deepRow,
            string.Create(CultureInfo.InvariantCulture, $"{deep.QueueRank}-{deep.QueueDueAt.Ticks}-{deep.Id}"),
            district,
            middle.Number,
            mobile!,
            portal,
            middle.Id,
            thisQuarter.Previous().ToString(),
            thisQuarter.ToString());
    }

    /// <summary>Runs the first page once while listening to EF's commands, then asks the database for each one's plan.</summary>
    private static async Task ExplainAsync(IServiceProvider services, DatabaseProvider provider, TextWriter output, CancellationToken ct)
    {
        var captured = new List<(string Sql, List<DbParameter> Parameters)>();
        using (new CommandCapture(captured))
        {
            await TimeAsync(services, (sp, c) => Queue(sp, c), ct);
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        foreach (var (sql, parameters) in captured)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("```sql");
            await output.WriteLineAsync(sql);
            await output.WriteLineAsync("```");
            await using var command = connection.CreateCommand();
            command.CommandText = (provider == DatabaseProvider.PostgreSql ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + sql;
            command.Parameters.AddRange(parameters.ToArray());
            await using var reader = await command.ExecuteReaderAsync(ct);
            await output.WriteLineAsync("```");
            while (await reader.ReadAsync(ct))
            {
                // SQLite: id, parent, notused, detail; PostgreSQL: one line of text.
                await output.WriteLineAsync(reader.FieldCount >= 4 ? reader.GetString(3) : reader.GetString(0));
            }

            await output.WriteLineAsync("```");
        }
    }

    private sealed record Subjects(int Requests, int Open, int DeepRow, string DeepCursor, string District, string Number, string Mobile, string PortalUserId, int RequestId, string LastQuarter, string ThisQuarter);

    /// <summary>Copies of the commands EF executes while it is alive, taken from EF's diagnostic events.</summary>
    private sealed class CommandCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<(string Sql, List<DbParameter> Parameters)> _commands;
        private readonly List<IDisposable> _subscriptions = [];

        public CommandCapture(List<(string Sql, List<DbParameter> Parameters)> commands)
        {
            _commands = commands;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data)
            {
                var parameters = data.Command.Parameters.Cast<DbParameter>().Select(p => p switch
                {
                    NpgsqlParameter npgsql => (DbParameter)npgsql.Clone(),
                    SqliteParameter sqlite => new SqliteParameter(sqlite.ParameterName, sqlite.Value) { SqliteType = sqlite.SqliteType },
                    _ => throw new NotSupportedException($"Plans are shown for SQLite and PostgreSQL only ({p.GetType().Name})."),
                }).ToList();
                lock (_commands)
                {
                    _commands.Add((data.Command.CommandText, parameters));
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }
    }
}
