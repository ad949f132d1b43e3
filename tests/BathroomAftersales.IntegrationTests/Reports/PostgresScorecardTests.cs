using BathroomAftersales.IntegrationTests.Support;
using BathroomAftersales.Web;
using BathroomAftersales.Web.Infrastructure.Reports;
using Microsoft.EntityFrameworkCore;

namespace BathroomAftersales.IntegrationTests.Reports;

/// <summary>The scorecard's aggregate queries on a real PostgreSQL server over the demo data (skipped without one).</summary>
[Trait(TestTraits.Database, TestTraits.OwnDatabase)]
public sealed class PostgresScorecardTests(PostgresAppFactory factory) : IClassFixture<PostgresAppFactory>
{
    [SkippableFact]
    public async Task On_PostgreSQL_every_KPI_of_a_quarter_and_a_year_is_computed_and_agrees_with_its_records()
    {
        PostgresAppFactory.SkipUnlessAvailable();
        await using var scope = factory.OpenDb();
        var scorecard = scope.Get<Scorecard>();
        var quarter = Period.CurrentQuarter(scope.Get<LocalClock>());

        foreach (var period in new[] { quarter, quarter.WholeYear, quarter.Previous() })
        {
            var figures = await scorecard.ComputeAsync(period);

            Assert.Equal(await scorecard.ResponsesDue(period).CountAsync(), figures.ResponseRate.Counted);
            Assert.Equal(figures.ResponseRate.Counted - await scorecard.ResponsesMissed(period).CountAsync(), figures.ResponseRate.Hits ?? 0);
            Assert.Equal(await scorecard.Completed(period).CountAsync(), figures.OnTimeCompletion.Counted);
            Assert.Equal(await scorecard.Rated(period).CountAsync(), figures.AverageRating.Counted);
            Assert.Equal(await scorecard.SurveyResponses(period).CountAsync(), figures.NetPromoterScore.Counted);
            Assert.Equal(await scorecard.FirstCompleted(period).CountAsync(), figures.ReworkRate.Counted);
            Assert.Equal(await scorecard.ComplaintsReceived(period).CountAsync(), figures.ComplaintHandlingRate.Counted);
        }

        var current = await scorecard.ComputeAsync(quarter);
        Assert.Equal(await scorecard.ArchiveRecords().CountAsync(), current.ArchiveAccuracy!.Counted);
    }
}
