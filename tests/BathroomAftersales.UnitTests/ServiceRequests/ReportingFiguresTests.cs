using BathroomAftersales.Domain.ServiceRequests;

namespace BathroomAftersales.UnitTests.ServiceRequests;

/// <summary>
/// The figures the managers' reports read straight from the request row (first completion, response and completion
/// minutes) follow every change, so percentiles and the rework rate can be computed in SQL.
/// </summary>
public sealed class ReportingFiguresTests
{
    [Fact]
    public void A_new_request_has_no_response_or_completion_time_yet()
    {
        var request = new RequestScenario().Submit();

        Assert.Null(request.ResponseMinutes);
        Assert.Null(request.CompletionMinutes);
        Assert.Null(request.FirstCompletedAt);
    }

    [Fact]
    public void The_response_time_is_the_whole_minutes_from_submission_to_the_first_response()
    {
        var scenario = new RequestScenario();
        var request = scenario.Submit();

        scenario.Clock.Advance(TimeSpan.FromMinutes(95) + TimeSpan.FromSeconds(59));
        scenario.Acknowledge(request);

        Assert.Equal(95, request.ResponseMinutes);
    }

    [Fact]
    public void The_completion_time_runs_from_submission_to_completion()
    {
        var scenario = new RequestScenario();
        var request = scenario.DriveTo(RequestStatus.Completed);

        Assert.Equal((int)(request.CompletedAt!.Value - request.SubmittedAt).TotalMinutes, request.CompletionMinutes);
        Assert.Equal(request.CompletedAt, request.FirstCompletedAt);
    }

    [Fact]
    public void A_reopen_clears_the_completion_time_but_keeps_the_first_completion()
    {
        var scenario = new RequestScenario();
        var request = scenario.DriveTo(RequestStatus.Completed);
        var first = request.CompletedAt;

        scenario.Clock.Advance(TimeSpan.FromDays(2));
        request.Reopen("还是漏水", RequestScenario.Customer, scenario.Now);

        Assert.Null(request.CompletionMinutes);
        Assert.Equal(first, request.FirstCompletedAt);
        Assert.NotNull(request.ResponseMinutes);
    }
}
