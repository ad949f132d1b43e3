using System.Globalization;
using BathroomAftersales.Domain.Billing;
using BathroomAftersales.Domain.Complaints;
using BathroomAftersales.Domain.ServiceRequests;
using BathroomAftersales.Domain.Training;
using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web;
using BathroomAftersales.Web.Data;
using BathroomAftersales.Web.Data.Generation;
using BathroomAftersales.Web.Infrastructure.Reports;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BathroomAftersales.IntegrationTests.Data;

/// <summary>
/// The history generate-data builds after the requests, on a small set (300 customers, 3,000 requests, fixed seed and
/// "now"): work reports priced and paid by the real payer rule, invoices and payments that add up, complaints within
/// the configured limits, surveys answered at most once, trainings held, and a scorecard with a value for every KPI.
/// </summary>
public sealed class GeneratedHistoryTests(GeneratedHistoryTests.Fixture fixture) : IClassFixture<GeneratedHistoryTests.Fixture>
{
    private static readonly DateTime Now = new(2026, 11, 25, 18, 0, 0, DateTimeKind.Utc);

    private readonly WebApplicationFactory<Program> _app = fixture.App;

    [Fact]
    public async Task Generated_work_reports_follow_the_payer_rule_and_the_request_timeline()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var reports = await db.WorkReports.AsNoTracking().Include(r => r.Lines).ToListAsync();
        Assert.True(reports.Count > 500, $"{reports.Count} reports");
        var requests = await db.ServiceRequests.AsNoTracking().Include(r => r.Events)
            .Where(r => db.WorkReports.Any(w => w.ServiceRequestId == r.Id)).ToDictionaryAsync(r => r.Id);
        var products = await db.CustomerProducts.AsNoTracking().ToDictionaryAsync(p => p.Id);
        Assert.Contains(reports, r => r.SupplierTotal > 0);
        Assert.Contains(reports, r => r.CustomerTotal > 0);
        foreach (var report in reports)
        {
            var request = requests[report.ServiceRequestId];
            var product = request.CustomerProductId is { } id ? products[id] : null;
            var inWarranty = PayerRule.IsInWarranty(product, report.ServiceDate);
            Assert.Equal(inWarranty, report.InWarranty);
            Assert.NotEmpty(report.Lines);
            Assert.All(report.Lines, line => Assert.Equal(PayerRule.Decide(inWarranty, report.FaultCause), line.Payer));
            Assert.All(report.Lines, line => Assert.Equal(Money.LineAmount(line.Quantity, line.UnitPrice), line.Amount));
            Assert.True(report.FiledAt <= Now);
            Assert.Contains(request.Events, e => e.Kind == RequestEventKind.WorkReportFiled && e.At == report.FiledAt && e.ToStatus == RequestStatus.Completed);
        }

        foreach (var request in requests.Values)
        {
            var filed = request.Events.Where(e => e.Kind == RequestEventKind.WorkReportFiled).OrderBy(e => e.At).ToList();
            var own = reports.Where(r => r.ServiceRequestId == request.Id).OrderBy(r => r.Round).ToList();
            Assert.Equal(filed.Count, own.Count);
            Assert.Equal(filed.Select(e => e.At), own.Select(r => r.FiledAt));
            Assert.Equal(own.Count, own.Select(r => r.Round).Distinct().Count());
            Assert.True(own[^1].Round <= request.ReopenCount);
            Assert.Equal(request.TechnicianId, own[^1].TechnicianId);
            Assert.DoesNotContain(request.Events, e => e.Kind == RequestEventKind.Completed);
        }
    }

    [Fact]
    public async Task Generated_invoices_add_up_to_their_customer_lines_and_payments_never_exceed_them()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var invoices = await db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.Payments).ToListAsync();
        var reports = await db.WorkReports.AsNoTracking().Include(r => r.Lines).ToDictionaryAsync(r => r.Id);
        Assert.True(invoices.Count > 500, $"{invoices.Count} invoices");
        foreach (var status in Enum.GetValues<InvoiceStatus>())
        {
            Assert.Contains(invoices, i => i.Status == status);
        }

        Assert.Contains(invoices, i => i.WarrantyCovered && i.Total == 0);
        foreach (var invoice in invoices)
        {
            var report = reports[invoice.WorkReportId];
            Assert.Equal(report.ServiceRequestId, invoice.ServiceRequestId);
            Assert.Equal(report.CustomerTotal, invoice.Total);
            Assert.Equal(invoice.Lines.Sum(l => l.Amount), invoice.Total);
            Assert.Equal(invoice.Payments.Sum(p => p.Amount), invoice.PaidTotal);
            Assert.True(invoice.PaidTotal <= invoice.Total, invoice.Number);
            Assert.True(invoice.IssuedAt >= report.FiledAt && invoice.IssuedAt <= Now, invoice.Number);
            Assert.All(invoice.Payments, p => Assert.True(p.RecordedAt >= invoice.IssuedAt && p.RecordedAt <= Now));
            if (invoice.Status == InvoiceStatus.Void)
            {
                Assert.Empty(invoice.Payments);
            }
        }

        Assert.Equal(invoices.Count, invoices.Select(i => i.Number).Distinct(StringComparer.Ordinal).Count());
        Assert.True(invoices.Where(i => i.Status != InvoiceStatus.Void).GroupBy(i => i.WorkReportId).All(g => g.Count() == 1));
        await AssertSequencesContinueAfterAsync(db, invoices.Select(i => i.Number), InvoiceNumber.Prefix);
    }

    [Fact]
    public async Task Generated_complaints_follow_the_settings_and_have_unique_numbers()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var deadlines = ComplaintDeadlines.Default;
        var complaints = await db.Complaints.AsNoTracking().Include(c => c.Events).ToListAsync();
        Assert.InRange(complaints.Count, 20, 100);
        Assert.Contains(complaints, c => c.ServiceRequestId is null);
        Assert.True(complaints.Select(c => c.Channel).Distinct().Count() >= 3);
        foreach (var c in complaints)
        {
            Assert.Equal(deadlines.AcknowledgeBy(c.ReceivedAt), c.AcknowledgeBy);
            var from = c.DisputeCount == 0 ? c.ReceivedAt : c.Events.Where(e => e.Kind == ComplaintEventKind.Disputed).Max(e => e.At);
            Assert.Equal(deadlines.ResolveBy(from), c.ResolveBy);
            Assert.Equal(c.AcknowledgedAt is null ? c.AcknowledgeBy : c.ResolveBy, c.DueAt);
            Assert.All(c.Events, e => Assert.True(e.At >= c.ReceivedAt && e.At <= Now, c.Number));
            Assert.Equal(c.Status, c.Events.OrderBy(e => e.Id).Last(e => e.Kind != ComplaintEventKind.Escalated).ToStatus);
            if (c.IsOpen && Now > c.ResolveBy.AddMinutes(1))
            {
                Assert.NotNull(c.ResolveEscalatedAt);
            }
        }

        Assert.Equal(complaints.Count, complaints.Select(c => c.Number).Distinct(StringComparer.Ordinal).Count());
        await AssertSequencesContinueAfterAsync(db, complaints.Select(c => c.Number), ComplaintNumber.Prefix);

        var followUps = await db.FollowUps.AsNoTracking().ToListAsync();
        // Every low rating has its follow-up (a request rated low, reopened and rated again keeps the first one).
        var lowRated = await db.ServiceRequests.Where(r => r.Rating <= 2).Select(r => r.Id).ToListAsync();
        Assert.Subset(followUps.Select(f => f.ServiceRequestId).ToHashSet(), lowRated.ToHashSet());
        Assert.All(followUps, f => Assert.True(FollowUp.IsLowRating(f.Rating)));
        Assert.Contains(followUps, f => f.Status == FollowUpStatus.Closed && f.ClosingNote is not null);
    }

    [Fact]
    public async Task Generated_surveys_are_answered_at_most_once_and_trainings_held_twice_a_year()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var campaigns = await db.SurveyCampaigns.AsNoTracking().ToListAsync();
        Assert.True(campaigns.Count >= 7, $"{campaigns.Count} campaigns");
        Assert.Equal(campaigns.Count, campaigns.Select(c => c.Quarter).Distinct(StringComparer.Ordinal).Count());
        var invitations = await db.SurveyInvitations.AsNoTracking().ToListAsync();
        var responses = await db.SurveyResponses.AsNoTracking().ToListAsync();
        Assert.NotEmpty(responses);
        foreach (var campaign in campaigns)
        {
            var invited = invitations.Where(i => i.CampaignId == campaign.Id).ToList();
            Assert.Equal(campaign.InvitedCount, invited.Count);
            Assert.True(responses.Count(r => r.CampaignId == campaign.Id) <= invited.Count);
        }

        Assert.Equal(responses.Count, responses.Select(r => r.InvitationId).Distinct().Count());
        var answered = invitations.Where(i => i.AnsweredAt is not null).Select(i => i.Id).Order().ToList();
        Assert.Equal(answered, responses.Select(r => r.InvitationId).Order().ToList());
        Assert.InRange((double)responses.Count / invitations.Count, 0.2, 0.5);
        Assert.All(responses, r => Assert.InRange(r.Recommend, 0, 10));

        var clock = scope.ServiceProvider.GetRequiredService<LocalClock>();
        var trainings = await db.TrainingEvents.AsNoTracking().Include(e => e.Registrations).ToListAsync();
        var firstFullYear = TimeZoneInfo.ConvertTimeFromUtc(Now.AddDays(-GenerationOptions.HistoryDays), clock.TimeZone).Year + 1;
        var lastFullYear = TimeZoneInfo.ConvertTimeFromUtc(Now, clock.TimeZone).Year - 1;
        Assert.True(firstFullYear <= lastFullYear);
        for (var year = firstFullYear; year <= lastFullYear; year++)
        {
            Assert.True(TrainingTarget.HeldInYear(trainings, year, clock.TimeZone) >= TrainingTarget.HeldPerYear, year.ToString(CultureInfo.InvariantCulture));
        }

        Assert.All(trainings.Where(e => e.Status == TrainingEventStatus.Held), e => Assert.Contains(e.Registrations, r => r.Attended));
    }

    [Fact]
    public async Task The_scorecard_has_a_value_for_every_kpi_of_a_past_quarter()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var scorecard = scope.ServiceProvider.GetRequiredService<Scorecard>();
        var quarter = Period.OfQuarter(2026, 2);
        var results = new Dictionary<string, KpiResult>
        {
            ["response"] = await scorecard.ResponseRateAsync(quarter),
            ["on time"] = await scorecard.OnTimeCompletionAsync(quarter),
            ["rating"] = await scorecard.AverageRatingAsync(quarter),
            ["complaints"] = await scorecard.ComplaintHandlingRateAsync(quarter),
            ["trainings"] = await scorecard.TrainingsHeldAsync(quarter),
            ["archive"] = await scorecard.ArchiveAccuracyAsync(),
            ["warranty cost"] = await scorecard.WarrantyCostAsync(quarter),
            ["rework"] = await scorecard.ReworkRateAsync(quarter),
            ["surveys held"] = await scorecard.SurveysHeldAsync(quarter),
            ["survey responses"] = await scorecard.SurveyResponseRateAsync(quarter),
            ["survey score"] = await scorecard.SurveyScoreAsync(quarter),
            ["nps"] = await scorecard.NetPromoterScoreAsync(quarter),
        };
        Assert.All(results, kpi =>
        {
            Assert.True(kpi.Value.Value is not null, kpi.Key);
            Assert.NotEqual(KpiStatus.NoData, kpi.Value.Status);
        });
    }

    /// <summary>Each numbered scope's stored sequence is at least the highest generated number, so the app continues after it.</summary>
    private static async Task AssertSequencesContinueAfterAsync(AppDbContext db, IEnumerable<string> numbers, string prefix)
    {
        var sequences = await db.NumberSequences.AsNoTracking().Where(s => s.Scope.StartsWith(prefix)).ToDictionaryAsync(s => s.Scope, s => s.LastValue, StringComparer.Ordinal);
        foreach (var group in numbers.GroupBy(n => n[..n.LastIndexOf('-')], StringComparer.Ordinal))
        {
            var highest = group.Max(n => int.Parse(n[(n.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture));
            Assert.True(sequences.TryGetValue(group.Key, out var last) && last >= highest, group.Key);
        }
    }

    /// <summary>One generated database shared by the tests of the class (they only read it).</summary>
    public sealed class Fixture : AppFactory, IAsyncLifetime
    {
        public WebApplicationFactory<Program> App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            App = WithWebHostBuilder(builder => builder.UseSetting("Seed:DemoData", "false"));
            using var output = new StringWriter(CultureInfo.InvariantCulture);
            string[] args =
            [
                GenerateDataCommand.Name, "--customers", "300", "--requests", "3000", "--seed", "11", "--technicians", "12", "--models", "20",
                "--now", Now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ];
            var exit = await GenerateDataCommand.RunAsync(App.Services, args, output);
            Assert.True(exit == 0, output.ToString());
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }
}
