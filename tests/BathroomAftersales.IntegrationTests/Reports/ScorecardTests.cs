using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web.Infrastructure.Reports;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Reports;

/// <summary>
/// Every KPI of the scorecard against <see cref="ScorecardFixture"/>, computed by hand in the comments; the clock is on
/// 1 June 2031, so 2031-Q1 is over and 2031-Q2 runs.
/// </summary>
public sealed class ScorecardTests(ScorecardFixture factory) : IClassFixture<ScorecardFixture>
{
    private static readonly Period Q1 = Period.OfQuarter(2031, 1);

    [Fact]
    public async Task The_24h_response_rate_counts_an_unanswered_request_past_due_as_a_miss()
    {
        // Due in Q1: R1 (1h), R2 (30h: late), R3 (never answered), R6 (1h), R7 (1h) = 5; R4 was cancelled unanswered
        // before its due time; R5's response fell due at 23:30 on 1 April (Q2). On time 3 of 5 = 60%: missed.
        var result = await WithScorecard(s => s.ResponseRateAsync(Q1));

        Assert.Equal(new KpiResult(0.6m, 1m, KpiStatus.Missed, 5, 3), result);
        Assert.Equal(Ids(factory.R1, factory.R2, factory.R3, factory.R6, factory.R7), await RequestIds(s => s.ResponsesDue(Q1)));
        Assert.Equal(Ids(factory.R2, factory.R3), await RequestIds(s => s.ResponsesMissed(Q1)));
    }

    [Fact]
    public async Task The_response_rate_of_a_running_quarter_counts_only_what_fell_due_so_far()
    {
        // Q2 up to 1 June: R5, answered 15 minutes after submission: 1 of 1.
        var result = await WithScorecard(s => s.ResponseRateAsync(Period.OfQuarter(2031, 2)));

        Assert.Equal(new KpiResult(1m, 1m, KpiStatus.Met, 1, 1), result);
    }

    [Fact]
    public async Task On_time_completion_counts_requests_completed_in_the_period_including_23_30_on_31_March()
    {
        // Completed in Q1: R1, R2 (48h against 24h: late), R5 (23:45 on 31 March), R6 (again at 20:00, within 24h),
        // R7 (report after 25h against 72h) = 5; on time 4 = 80%: missed (more than 5 points under 95%).
        var result = await WithScorecard(s => s.OnTimeCompletionAsync(Q1));

        Assert.Equal(new KpiResult(0.8m, 0.95m, KpiStatus.Missed, 5, 4), result);
        Assert.Contains(factory.R5, await RequestIds(s => s.Completed(Q1)));
        Assert.Equal(Ids(factory.R2), await RequestIds(s => s.CompletedLate(Q1)));
        Assert.DoesNotContain(factory.R5, await RequestIds(s => s.Completed(Period.OfQuarter(2031, 2))));
    }

    [Fact]
    public async Task The_average_rating_is_the_mean_of_the_ratings_closed_in_the_period()
    {
        // R1 5, R2 2, R7 4: 11 / 3 = 3.67, missed against 4.5.
        var result = await WithScorecard(s => s.AverageRatingAsync(Q1));

        Assert.Equal(3, result.Counted);
        Assert.Equal(11d / 3, (double)result.Value!.Value, 6);
        Assert.Equal(KpiStatus.Missed, result.Status);
        Assert.Equal(Ids(factory.R1, factory.R2, factory.R7), await RequestIds(s => s.Rated(Q1)));
    }

    [Fact]
    public async Task The_complaint_handling_rate_counts_late_and_unresolved_complaints_as_misses()
    {
        // Received in Q1: C1 (resolved in a day), C2 (12 days against 7), C3 (23:30 on 31 March, unresolved past
        // 7 April) = 3; handled 1. C4 (23:30 on 31 December 2030) belongs to 2030-Q4, where it is 0 of 1.
        var result = await WithScorecard(s => s.ComplaintHandlingRateAsync(Q1));
        var q4 = await WithScorecard(s => s.ComplaintHandlingRateAsync(Period.OfQuarter(2030, 4)));

        Assert.Equal(new KpiResult(1m / 3, 1m, KpiStatus.Missed, 3, 1), result);
        Assert.Equal(new KpiResult(0m, 1m, KpiStatus.Missed, 1, 0), q4);
        var received = await WithScorecard(s => s.ComplaintsReceived(Q1).Select(c => c.Id).OrderBy(id => id).ToListAsync());
        var missed = await WithScorecard(s => s.ComplaintsMissed(Q1).Select(c => c.Id).OrderBy(id => id).ToListAsync());
        Assert.Equal(Ids(factory.C1, factory.C2, factory.C3), received);
        Assert.Equal(Ids(factory.C2, factory.C3), missed);
    }

    [Fact]
    public async Task Trainings_held_count_the_year_to_date_and_are_at_risk_while_the_year_runs()
    {
        // One event held in February, one still planned: 1 of 2 with seven months of 2031 to go.
        var result = await WithScorecard(s => s.TrainingsHeldAsync(Q1));
        var ids = await WithScorecard(s => s.TrainingsHeld(Q1).Select(e => e.Id).ToListAsync());

        Assert.Equal(new KpiResult(1m, 2m, KpiStatus.AtRisk, 1, null), result);
        Assert.Equal([factory.T1], ids);
    }

    [Fact]
    public async Task Archive_accuracy_is_complete_and_valid_records_over_all_records()
    {
        // 王建国 and 李华家居 are complete; 赵敏 has no address: 2 of 3.
        var result = await WithScorecard(s => s.ArchiveAccuracyAsync());
        var toFix = await WithScorecard(s => s.ArchiveRecordsToFix().Select(c => c.Id).ToListAsync());

        Assert.Equal(new KpiResult(2m / 3, 1m, KpiStatus.Missed, 3, 2), result);
        Assert.Equal([factory.CustomerWithoutAddress], toFix);
    }

    [Fact]
    public async Task Warranty_cost_sums_the_supplier_paid_lines_of_the_work_done_in_the_period()
    {
        // R7's report of 11 February: the part line 2 × 45.50 = 91.00 moved to the supplier; the 80.00 fee stays the customer's.
        var result = await WithScorecard(s => s.WarrantyCostAsync(Q1));
        var lines = await WithScorecard(s => s.WarrantyLines(Q1).Select(l => l.Id).ToListAsync());

        Assert.Equal(new KpiResult(91.00m, null, KpiStatus.Shown, 1, null), result);
        Assert.Equal([factory.WarrantyLine], lines);
    }

    [Fact]
    public async Task The_rework_rate_counts_requests_first_completed_in_the_period_and_reopened()
    {
        // First completed in Q1: R1, R2, R5, R6, R7 = 5; R6 was reopened: 20%.
        var result = await WithScorecard(s => s.ReworkRateAsync(Q1));

        Assert.Equal(new KpiResult(0.2m, null, KpiStatus.Shown, 5, 1), result);
        Assert.Equal(Ids(factory.R1, factory.R2, factory.R5, factory.R6, factory.R7), await RequestIds(s => s.FirstCompleted(Q1)));
        Assert.Equal(Ids(factory.R6), await RequestIds(s => s.Reworked(Q1)));
    }

    [Fact]
    public async Task The_quarter_survey_is_held_once_closed_with_its_response_rate_score_and_NPS()
    {
        // The 2031-Q1 campaign closed on 30 April: held 1 of 1. Invited 3, answered 2: 2/3. Overall (5 + 3) / 2 = 4.0,
        // missed against 4.5 (more than 0.2 under). NPS: 1 promoter, 0 detractors of 2 = 50 points.
        var held = await WithScorecard(s => s.SurveysHeldAsync(Q1));
        var rate = await WithScorecard(s => s.SurveyResponseRateAsync(Q1));
        var score = await WithScorecard(s => s.SurveyScoreAsync(Q1));
        var nps = await WithScorecard(s => s.NetPromoterScoreAsync(Q1));
        var responses = await WithScorecard(s => s.SurveyResponses(Q1).CountAsync());

        Assert.Equal(new KpiResult(1m, 1m, KpiStatus.Met, 1, null), held);
        Assert.Equal(new KpiResult(2m / 3, null, KpiStatus.Shown, 3, 2), rate);
        Assert.Equal(new KpiResult(4m, 4.5m, KpiStatus.Missed, 2, null), score);
        Assert.Equal(new KpiResult(50m, null, KpiStatus.Shown, 2, 1), nps);
        Assert.Equal(2, responses);
    }

    [Fact]
    public async Task A_year_without_a_survey_in_some_quarters_is_at_risk_while_they_can_still_be_held()
    {
        // 2031: only Q1 has a closed campaign; the year has not ended.
        var held = await WithScorecard(s => s.SurveysHeldAsync(Period.OfYear(2031)));

        Assert.Equal(new KpiResult(1m, 4m, KpiStatus.AtRisk, 1, null), held);
    }

    [Fact]
    public async Task An_empty_period_has_no_data_rather_than_zero_percent()
    {
        var empty = Period.OfQuarter(2030, 2);

        var results = await WithScorecard(async s => new[]
        {
            await s.ResponseRateAsync(empty),
            await s.OnTimeCompletionAsync(empty),
            await s.AverageRatingAsync(empty),
            await s.ComplaintHandlingRateAsync(empty),
            await s.WarrantyCostAsync(empty),
            await s.ReworkRateAsync(empty),
            await s.SurveyResponseRateAsync(empty),
            await s.SurveyScoreAsync(empty),
            await s.NetPromoterScoreAsync(empty),
        });

        Assert.All(results, r =>
        {
            Assert.Null(r.Value);
            Assert.Equal(KpiStatus.NoData, r.Status);
            Assert.Equal(0, r.Counted);
        });
    }

    private static List<int> Ids(params int[] ids) => [.. ids.Order()];

    private Task<List<int>> RequestIds(Func<Scorecard, IQueryable<Domain.ServiceRequests.ServiceRequest>> query) =>
        WithScorecard(s => query(s).Select(r => r.Id).OrderBy(id => id).ToListAsync());

    private async Task<T> WithScorecard<T>(Func<Scorecard, Task<T>> use)
    {
        await using var scope = factory.OpenDb();
        return await use(scope.Get<Scorecard>());
    }
}
