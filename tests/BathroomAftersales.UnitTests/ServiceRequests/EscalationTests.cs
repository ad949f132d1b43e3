using BathroomAftersales.Domain.ServiceRequests;

namespace BathroomAftersales.UnitTests.ServiceRequests;

/// <summary>The escalation job's domain check: once per breach, and never before the target has passed.</summary>
public sealed class EscalationTests
{
    [Fact]
    public void A_missed_response_is_escalated_at_24h00m01s_and_not_at_23h59m59s()
    {
        var scenario = new RequestScenario();
        var request = scenario.Submit();

        scenario.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        Assert.False(request.EscalateResponseIfOverdue(scenario.Now));

        scenario.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(request.EscalateResponseIfOverdue(scenario.Now));
        Assert.Equal(scenario.Now, request.ResponseEscalatedAt);
    }

    [Fact]
    public void A_breach_is_escalated_once_however_often_the_job_runs()
    {
        var scenario = new RequestScenario();
        var request = scenario.Submit();
        scenario.Clock.Advance(TimeSpan.FromHours(25));

        var results = Enumerable.Range(0, 3).Select(_ => request.EscalateResponseIfOverdue(scenario.Now)).ToList();

        Assert.Equal([true, false, false], results);
        Assert.Single(request.Events, e => e.Kind == RequestEventKind.Escalated);
    }

    [Fact]
    public void Response_and_completion_breaches_are_escalated_separately()
    {
        var scenario = new RequestScenario();
        var request = scenario.Submit(RequestType.Repair);
        scenario.Clock.Advance(TimeSpan.FromHours(ServiceLevelPolicy.Default.RepairCompletionHours) + TimeSpan.FromSeconds(1));

        Assert.True(request.EscalateResponseIfOverdue(scenario.Now));
        Assert.True(request.EscalateCompletionIfOverdue(scenario.Now));
        Assert.False(request.EscalateCompletionIfOverdue(scenario.Now));
        Assert.Equal(2, request.Events.Count(e => e.Kind == RequestEventKind.Escalated));
    }

    [Fact]
    public void A_request_acknowledged_in_time_is_not_escalated_for_its_response()
    {
        var scenario = new RequestScenario();
        var request = scenario.Submit();
        scenario.Clock.Advance(TimeSpan.FromHours(1));
        request.Acknowledge(RequestScenario.Agent, scenario.Now);
        scenario.Clock.Advance(TimeSpan.FromHours(30));

        Assert.False(request.EscalateResponseIfOverdue(scenario.Now));
    }
}
